use super::Notice;
use crate::api::{AppError, Field};
use crate::ui::use_texts;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// The error of a form's last submission, split into messages for single fields and one for
/// the form as a whole.
#[derive(Clone, Copy)]
pub struct FormErrors {
    error: Signal<Option<AppError>>,
}

impl FormErrors {
    pub fn new(error: Signal<Option<AppError>>) -> Self {
        Self { error }
    }

    /// The errors of a server action's last submission.
    pub fn of_action<S>(action: ServerAction<S>) -> Self
    where
        S: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
        S::Output: Clone + Send + Sync + 'static,
    {
        Self::new(Signal::derive(move || {
            action.value().get().and_then(Result::err)
        }))
    }

    /// Whether the last submission failed (e.g. to keep a disclosure with the form open).
    pub fn any(&self) -> Signal<bool> {
        let error = self.error;
        Signal::derive(move || error.get().is_some())
    }

    /// The localized message for one field, if the error concerns it.
    pub fn field(&self, field: Field) -> Signal<Option<String>> {
        let (error, t) = (self.error, use_texts());
        Signal::derive(move || {
            error
                .get()
                .filter(|e| e.field() == Some(field))
                .map(|e| e.message(t))
        })
    }
}

/// The form-level error (not tied to a field), announced when it appears.
#[component]
pub fn FormErrorNotice(errors: FormErrors) -> impl IntoView {
    let t = use_texts();
    let message = move || {
        errors
            .error
            .get()
            .filter(|e| e.field().is_none())
            .map(|e| view! { <Notice tone="error" alert=true><p>{e.message(t)}</p></Notice> })
    };
    view! { <div aria-live="polite">{message}</div> }
}
