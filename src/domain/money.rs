//! Money as integer minor units plus an ISO 4217 currency.

use super::InputProblem;
use serde::{Deserialize, Serialize};
use std::fmt;

/// An ISO 4217 code the portal can show: three upper-case ASCII letters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Currency([u8; 3]);

impl Currency {
    pub fn parse(input: &str) -> Result<Self, InputProblem> {
        let code = input.trim().to_ascii_uppercase();
        let bytes = code.as_bytes();
        if bytes.is_empty() {
            return Err(InputProblem::Required);
        }
        if bytes.len() != 3 || !bytes.iter().all(u8::is_ascii_uppercase) {
            return Err(InputProblem::Malformed);
        }
        Ok(Self([bytes[0], bytes[1], bytes[2]]))
    }

    pub fn code(&self) -> &str {
        // Constructed only from ASCII letters.
        std::str::from_utf8(&self.0).unwrap_or("XXX")
    }

    /// Digits after the decimal point (ISO 4217); the few zero-decimal currencies are listed.
    pub fn minor_digits(&self) -> u32 {
        match self.code() {
            "JPY" | "KRW" | "ISK" | "CLP" | "VND" => 0,
            _ => 2,
        }
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl TryFrom<String> for Currency {
    type Error = String;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value).map_err(|p| format!("invalid currency: {p:?}"))
    }
}

impl From<Currency> for String {
    fn from(value: Currency) -> Self {
        value.code().to_owned()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Money {
    pub minor: i64,
    pub currency: Currency,
}

impl Money {
    pub fn new(minor: i64, currency: Currency) -> Self {
        Self { minor, currency }
    }

    /// The amount for `n` units at this price.
    pub fn times(&self, n: u32) -> Self {
        Self::new(self.minor * i64::from(n), self.currency)
    }

    /// Whole units and the fraction as digits, e.g. 123450 NOK -> (1234, "50").
    pub fn split(&self) -> (u64, String) {
        let digits = self.currency.minor_digits();
        let scale = 10_u64.pow(digits);
        let abs = self.minor.unsigned_abs();
        let fraction = if digits == 0 {
            String::new()
        } else {
            format!("{:0width$}", abs % scale, width = digits as usize)
        };
        (abs / scale, fraction)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_currency_code_is_three_letters() {
        assert_eq!(Currency::parse("nok").unwrap().code(), "NOK");
        assert_eq!(Currency::parse("EU"), Err(InputProblem::Malformed));
        assert_eq!(Currency::parse("€UR"), Err(InputProblem::Malformed));
    }

    #[test]
    fn minor_units_split_into_whole_units_and_fraction() {
        let nok = Currency::parse("NOK").unwrap();
        let jpy = Currency::parse("JPY").unwrap();
        assert_eq!(Money::new(123_450, nok).split(), (1234, "50".into()));
        assert_eq!(Money::new(5, nok).split(), (0, "05".into()));
        assert_eq!(Money::new(1200, jpy).split(), (1200, String::new()));
    }
}
