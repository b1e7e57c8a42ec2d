//! The one i18n layer: every user-facing string comes from a `Texts` table chosen by `Locale`.
//! A table is a struct, so a locale that misses a key does not compile.

mod en;
mod fi;
mod format;
mod nb;
mod nl;
mod texts;
mod words;

pub use format::{
    fill, format_date, format_date_short, format_datetime, format_day_month, format_estimate,
    format_money, format_ship_window, one_or_other, plural,
};
pub use texts::Texts;
pub use words::{CountdownWords, DateWords, WallMinute};

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Locale {
    #[default]
    En,
    Nb,
    Fi,
    Nl,
}

impl Locale {
    pub const ALL: [Locale; 4] = [Locale::En, Locale::Nb, Locale::Fi, Locale::Nl];

    /// The BCP 47 tag for `<html lang>` and storage.
    pub fn tag(&self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::Nb => "nb",
            Locale::Fi => "fi",
            Locale::Nl => "nl",
        }
    }

    /// Exactly one of the tags `tag` returns (`en`, `nb`, `fi`, `nl`), nothing else.
    pub fn from_tag(tag: &str) -> Option<Self> {
        Locale::ALL.into_iter().find(|l| l.tag() == tag)
    }

    /// Accepts a tag like `nb`, `nb-NO`, `no`, `nn` (falls back to bokmål), `fi_FI`, `nl-BE`.
    pub fn parse(tag: &str) -> Option<Self> {
        let primary = tag
            .trim()
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Locale::En),
            "nb" | "no" | "nn" => Some(Locale::Nb),
            "fi" => Some(Locale::Fi),
            "nl" => Some(Locale::Nl),
            _ => None,
        }
    }

    /// Picks the best supported locale from an `Accept-Language` header, honouring q-values.
    pub fn negotiate(accept_language: &str) -> Option<Self> {
        let mut ranked: Vec<(f32, Locale)> = accept_language
            .split(',')
            .filter_map(|part| {
                let mut pieces = part.split(';');
                let locale = Locale::parse(pieces.next()?)?;
                let q = pieces
                    .find_map(|p| p.trim().strip_prefix("q="))
                    .and_then(|q| q.parse::<f32>().ok())
                    .unwrap_or(1.0);
                (q > 0.0).then_some((q, locale))
            })
            .collect();
        // Stable sort keeps header order among equal weights.
        ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
        ranked.first().map(|(_, l)| *l)
    }

    pub fn texts(&self) -> &'static Texts {
        match self {
            Locale::En => &en::EN,
            Locale::Nb => &nb::NB,
            Locale::Fi => &fi::FI,
            Locale::Nl => &nl::NL,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_picks_the_highest_weighted_supported_locale() {
        assert_eq!(
            Locale::negotiate("nb-NO,nb;q=0.9,en;q=0.8"),
            Some(Locale::Nb)
        );
        assert_eq!(
            Locale::negotiate("de-DE, fi;q=0.7, en;q=0.5"),
            Some(Locale::Fi)
        );
        assert_eq!(Locale::negotiate("en;q=0.2, nl;q=0.9"), Some(Locale::Nl));
        assert_eq!(Locale::negotiate("de, fr"), None);
        assert_eq!(Locale::negotiate("fi;q=0"), None);
        assert_eq!(Locale::negotiate(""), None);
    }

    #[test]
    fn tags_round_trip() {
        for l in Locale::ALL {
            assert_eq!(Locale::parse(l.tag()), Some(l));
        }
    }

    #[test]
    fn every_locale_table_has_every_key_filled_with_the_same_placeholders() {
        let reference = Locale::En.texts().entries();
        for locale in Locale::ALL {
            let entries = locale.texts().entries();
            assert_eq!(entries.len(), reference.len());
            for ((key, text), (_, en_text)) in entries.iter().zip(reference.iter()) {
                assert!(!text.trim().is_empty(), "{locale:?}.{key} is empty");
                assert_eq!(
                    format::placeholders(text),
                    format::placeholders(en_text),
                    "{locale:?}.{key} has other placeholders than English"
                );
            }
        }
    }
}
