//! What was typed into a form the server refused, shown again in that form instead of the
//! saved values.
//!
//! A refused form post is answered with a redirect back to the page, the error in the URL
//! (Leptos's form redirects). The fields themselves travel in a short-lived cookie instead
//! (`server::web::kept_input`), so nothing the visitor typed (an email, a note) ends up in a
//! URL or a log; passwords, link tokens and one-time codes are never kept. The page's render
//! takes the fields from the request and hands them to the form whose server function they
//! were posted to.

use crate::api::AppError;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// The fields of one refused form post, as posted (in order, names repeated for lists).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeptInput {
    /// The server function the form was posted to (`/fn/...`).
    pub path: String,
    pub fields: Vec<(String, String)>,
}

impl KeptInput {
    /// Fields that are never kept: secrets (passwords, the tokens of emailed links, one-time
    /// codes) stay out of cookies and out of the page.
    pub fn is_secret(name: &str) -> bool {
        name.contains("password") || name.contains("token") || name == "code"
    }
}

/// The kept fields for one form, or nothing (then every value is the saved one).
#[derive(Debug, Clone, Default)]
pub struct Kept(Option<Arc<KeptInput>>);

impl Kept {
    /// What was typed into `action`'s form, when its last post on this page was refused. A
    /// version conflict keeps nothing: the form then shows what someone else saved meanwhile.
    pub fn of_action<S>(action: ServerAction<S>) -> Self
    where
        S: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
        S::Output: Clone + Send + Sync + 'static,
    {
        let refused = action
            .value()
            .get_untracked()
            .is_some_and(|result| matches!(result, Err(ref e) if *e != AppError::Conflict));
        Self::of_path(S::PATH, refused)
    }

    fn of_path(path: &str, refused: bool) -> Self {
        Kept(
            use_context::<KeptInput>()
                .filter(|kept| refused && kept.path == path)
                .map(Arc::new),
        )
    }

    /// Only when the post carried `name=value`: for one of several forms posting to the same
    /// function (e.g. one per order line), told apart by a hidden field.
    pub fn posted_with(self, name: &str, value: &str) -> Self {
        let matches = self.first(name) == Some(value);
        if matches {
            self
        } else {
            Kept(None)
        }
    }

    fn first(&self, name: &str) -> Option<&str> {
        let kept = self.0.as_ref()?;
        kept.fields
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// A text field: what was typed, or the saved value when the field was not posted.
    pub fn text(&self, name: &str, saved: impl Into<String>) -> String {
        self.first(name)
            .map(str::to_owned)
            .unwrap_or_else(|| saved.into())
    }

    /// A checkbox: a posted form leaves unchecked boxes out, so kept input means checked exactly
    /// when the name was posted.
    pub fn checked(&self, name: &str, saved: bool) -> bool {
        match &self.0 {
            Some(_) => self.first(name).is_some(),
            None => saved,
        }
    }

    /// A radio button or an option of a select: whether `value` was the one chosen.
    pub fn chosen(&self, name: &str, value: &str, saved: bool) -> bool {
        match self.first(name) {
            Some(posted) => posted == value,
            None => saved,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kept(fields: &[(&str, &str)]) -> Kept {
        Kept(Some(Arc::new(KeptInput {
            path: "/fn/x".into(),
            fields: fields
                .iter()
                .map(|(n, v)| (n.to_string(), v.to_string()))
                .collect(),
        })))
    }

    #[test]
    fn without_kept_input_every_value_is_the_saved_one() {
        let none = Kept::default();
        assert_eq!(none.text("note", "saved"), "saved");
        assert!(none.checked("enabled", true));
        assert!(!none.checked("enabled", false));
        assert!(none.chosen("mode", "a", true));
    }

    #[test]
    fn kept_input_wins_over_the_saved_values() {
        let k = kept(&[
            ("note", "typed"),
            ("mode", "b"),
            ("days", "tue"),
            ("days", "wed"),
        ]);
        assert_eq!(k.text("note", "saved"), "typed");
        assert_eq!(
            k.text("other", "saved"),
            "saved",
            "not posted: the saved value"
        );
        assert!(
            !k.checked("enabled", true),
            "an unchecked box is not posted"
        );
        assert!(k.chosen("mode", "b", false));
        assert!(!k.chosen("mode", "a", true));
    }

    #[test]
    fn of_several_forms_only_the_posted_one_keeps_its_input() {
        let k = kept(&[("line", "7"), ("other", "typed")]);
        assert_eq!(
            k.clone().posted_with("line", "7").text("other", ""),
            "typed"
        );
        assert_eq!(k.posted_with("line", "8").text("other", ""), "");
    }

    #[test]
    fn an_empty_text_field_stays_empty() {
        let k = kept(&[("note", "")]);
        assert_eq!(k.text("note", "saved"), "");
    }

    #[test]
    fn passwords_link_tokens_and_codes_are_secret() {
        assert!(KeptInput::is_secret("password"));
        assert!(KeptInput::is_secret("new_password_again"));
        assert!(KeptInput::is_secret("token"));
        assert!(KeptInput::is_secret("code"));
        assert!(!KeptInput::is_secret("email"));
        assert!(!KeptInput::is_secret("tracking_number"));
    }
}
