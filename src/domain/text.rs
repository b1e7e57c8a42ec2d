//! Free text people type (notes, reasons, searches): anything printable, line breaks and tabs,
//! but no other control characters — a NUL byte, for one, is not storable in PostgreSQL text.

/// `true` when `text` holds no control characters other than line breaks and tabs.
pub fn is_plain(text: &str) -> bool {
    !text
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_breaks_and_tabs_are_text_other_controls_are_not() {
        assert!(is_plain("Flat 3B,\r\nring twice\tplease — ø 🦀"));
        assert!(is_plain(""));
        for bad in ["a\u{0}b", "\u{7}", "x\u{1b}[31m", "\u{7f}", "\u{85}"] {
            assert!(!is_plain(bad), "{bad:?}");
        }
    }
}
