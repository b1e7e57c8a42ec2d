//! Server functions: thin public endpoints (authorize -> parse -> service -> view type), and the
//! view types they return. Bodies run only on the server; the browser gets typed stubs.

pub mod account;
pub mod admin;
pub mod admin_order;
pub mod backorder_settings;
pub mod delay;
pub mod error;
pub mod integrations;
pub mod lookup;
pub mod order;
pub mod processing;
pub mod products;
pub mod reports;
pub mod settings;
pub mod team;
pub mod views;

pub use error::{AppError, Field};

/// Where a form about one order returns to: `{base}/{number}{query}`, with the number as the
/// domain normalises it (never raw input in a Location header); `base` when it does not parse.
#[cfg(feature = "ssr")]
fn order_redirect(base: &str, number: &str, query: &str) -> String {
    match crate::domain::OrderNumber::parse(number) {
        Ok(number) => format!("{base}/{}{query}", number.as_str()),
        Err(_) => base.to_owned(),
    }
}

/// A value as one URL path segment: unreserved characters stay, every other byte is
/// percent-encoded (so a SKU like `MUG 1/2` is one segment, never a path of its own).
pub fn path_segment(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Undoes `path_segment` (invalid escapes stay as they are).
pub fn from_path_segment(segment: &str) -> String {
    unescape_hex(segment, b'%')
}

/// Replaces every `marker` followed by two hex digits with the byte they name (`%20` in URLs,
/// `=20` in quoted-printable mail); anything else stays as it is.
pub fn unescape_hex(text: &str, marker: u8) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()))
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match hex {
            Some(byte) if bytes[i] == marker => {
                out.push(byte);
                i += 3;
            }
            _ => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_segments_round_trip() {
        for sku in ["FF-MUG-01", "MUG 1/2", "kopp-ø", "50%_off", ""] {
            let segment = path_segment(sku);
            assert!(
                !segment.contains('/') && !segment.contains(' '),
                "{segment}"
            );
            assert_eq!(from_path_segment(&segment), sku);
        }
        assert_eq!(path_segment("MUG 1/2"), "MUG%201%2F2");
    }
}
