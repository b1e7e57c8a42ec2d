//! A shopper's email address as the shop recorded it, normalised for comparison.

use super::InputProblem;
use serde::{Deserialize, Serialize};
use std::fmt;

const MAX_LEN: usize = 254;

/// Trimmed and lower-cased; shaped like `local@domain.tld`. Deliverability is the shop's business.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CustomerEmail(String);

impl CustomerEmail {
    pub fn parse(input: &str) -> Result<Self, InputProblem> {
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err(InputProblem::Required);
        }
        if trimmed.chars().count() > MAX_LEN {
            return Err(InputProblem::TooLong);
        }
        let Some((local, domain)) = trimmed.rsplit_once('@') else {
            return Err(InputProblem::Malformed);
        };
        let clean = |s: &str| {
            !s.is_empty()
                && !s
                    .chars()
                    .any(|c| c.is_whitespace() || c.is_control() || "<>\"@,;".contains(c))
        };
        let domain_ok = clean(domain)
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.');
        if !clean(local) || !domain_ok {
            return Err(InputProblem::Malformed);
        }
        Ok(Self(trimmed.to_lowercase()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// `k***@example.no`: enough for a shopper to recognise, too little to harvest.
    pub fn masked(&self) -> String {
        let (local, domain) = self.0.rsplit_once('@').unwrap_or((&self.0, ""));
        let first: String = local.chars().take(1).collect();
        format!("{first}***@{domain}")
    }
}

impl fmt::Display for CustomerEmail {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for CustomerEmail {
    type Error = String;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value).map_err(|p| format!("invalid email: {p:?}"))
    }
}

impl From<CustomerEmail> for String {
    fn from(value: CustomerEmail) -> Self {
        value.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_email_is_trimmed_and_lowercased() {
        let email = CustomerEmail::parse("  Kari.Nordmann@Example.NO ").unwrap();
        assert_eq!(email.as_str(), "kari.nordmann@example.no");
    }

    #[test]
    fn unicode_local_parts_are_accepted() {
        assert!(CustomerEmail::parse("päivi.äijälä@esimerkki.fi").is_ok());
    }

    #[test]
    fn malformed_emails_are_refused_with_a_reason() {
        let cases = [
            ("", InputProblem::Required),
            ("kari", InputProblem::Malformed),
            ("kari@", InputProblem::Malformed),
            ("@example.no", InputProblem::Malformed),
            ("kari@example", InputProblem::Malformed),
            ("kari nordmann@example.no", InputProblem::Malformed),
            ("<script>@example.no", InputProblem::Malformed),
        ];
        for (input, expected) in cases {
            assert_eq!(
                CustomerEmail::parse(input),
                Err(expected),
                "input {input:?}"
            );
        }
        let long = format!("{}@example.no", "a".repeat(260));
        assert_eq!(CustomerEmail::parse(&long), Err(InputProblem::TooLong));
    }

    #[test]
    fn the_masked_form_keeps_only_the_first_letter_and_the_domain() {
        let email = CustomerEmail::parse("kari@example.no").unwrap();
        assert_eq!(email.masked(), "k***@example.no");
    }
}
