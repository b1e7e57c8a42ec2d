//! The order number a shopper sees and types, e.g. `1001` or `#NO-1001`.

use super::InputProblem;
use serde::{Deserialize, Serialize};
use std::fmt;

const MAX_LEN: usize = 32;

/// A normalised order number: ASCII letters, digits and dashes, upper-cased, without `#`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct OrderNumber(String);

impl OrderNumber {
    /// Parses what a shopper typed: surrounding spaces and one leading `#` are forgiven.
    pub fn parse(input: &str) -> Result<Self, InputProblem> {
        let trimmed = input.trim();
        let bare = trimmed.strip_prefix('#').unwrap_or(trimmed).trim();
        if bare.is_empty() {
            return Err(InputProblem::Required);
        }
        if bare.chars().count() > MAX_LEN {
            return Err(InputProblem::TooLong);
        }
        let valid = bare.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            && !bare.starts_with('-')
            && !bare.ends_with('-');
        if !valid {
            return Err(InputProblem::Malformed);
        }
        Ok(Self(bare.to_ascii_uppercase()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for OrderNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for OrderNumber {
    type Error = String;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value).map_err(|p| format!("invalid order number: {p:?}"))
    }
}

impl From<OrderNumber> for String {
    fn from(value: OrderNumber) -> Self {
        value.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typed_number_is_trimmed_unhashed_and_uppercased() {
        assert_eq!(
            OrderNumber::parse("  #no-1001 ").unwrap().as_str(),
            "NO-1001"
        );
        assert_eq!(OrderNumber::parse("1001").unwrap().as_str(), "1001");
    }

    #[test]
    fn bad_numbers_are_refused_with_a_reason() {
        let cases = [
            ("", InputProblem::Required),
            ("  # ", InputProblem::Required),
            ("1001; DROP TABLE orders", InputProblem::Malformed),
            ("<b>1001</b>", InputProblem::Malformed),
            ("ordre-١٠٠١", InputProblem::Malformed),
            ("-1001", InputProblem::Malformed),
            (&"9".repeat(33), InputProblem::TooLong),
        ];
        for (input, expected) in cases {
            assert_eq!(OrderNumber::parse(input), Err(expected), "input {input:?}");
        }
    }
}
