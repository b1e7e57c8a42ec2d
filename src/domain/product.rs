//! The rules for a product's own data, the same for the API and the merchant's form.

use super::InputProblem;
use jiff::civil::Date;

pub const MAX_TITLE: usize = 200;
/// A year: longer processing times are a restock date, not a processing time.
pub const MAX_PROCESSING_DAYS: u32 = 365;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProductProblem {
    Title(InputProblem),
    /// Both or neither, min ≤ max ≤ a year (`Mismatch`: min above max).
    ProcessingDays(InputProblem),
    /// Not a real calendar date `YYYY-MM-DD`.
    RestockDate,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedProduct {
    pub title: String,
    pub processing_days: Option<(u32, u32)>,
    /// Normalised `YYYY-MM-DD`.
    pub expected_restock: Option<String>,
}

pub fn check(
    title: &str,
    processing_days: Option<(u32, u32)>,
    expected_restock: Option<&str>,
) -> Result<CheckedProduct, ProductProblem> {
    let title = title.trim();
    if title.is_empty() {
        return Err(ProductProblem::Title(InputProblem::Required));
    }
    if title.chars().count() > MAX_TITLE || title.chars().any(char::is_control) {
        return Err(ProductProblem::Title(InputProblem::TooLong));
    }
    if let Some((min, max)) = processing_days {
        if min > max {
            return Err(ProductProblem::ProcessingDays(InputProblem::Mismatch));
        }
        if max > MAX_PROCESSING_DAYS {
            return Err(ProductProblem::ProcessingDays(InputProblem::TooLong));
        }
    }
    let expected_restock = expected_restock
        .map(|raw| {
            let raw = raw.trim();
            let strict = raw.len() == 10 && raw.as_bytes()[4] == b'-' && raw.as_bytes()[7] == b'-';
            raw.parse::<Date>()
                .ok()
                .filter(|_| strict)
                .map(|d| d.to_string())
                .ok_or(ProductProblem::RestockDate)
        })
        .transpose()?;
    Ok(CheckedProduct {
        title: title.to_owned(),
        processing_days,
        expected_restock,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_product_is_checked_and_tidied() {
        let ok = check("  Mug ", Some((0, 2)), Some("2026-12-24")).unwrap();
        assert_eq!(ok.title, "Mug");
        assert_eq!(ok.expected_restock.as_deref(), Some("2026-12-24"));
        assert_eq!(check("Mug", None, None).unwrap().processing_days, None);
        let cases = [
            (
                check(" ", None, None),
                ProductProblem::Title(InputProblem::Required),
            ),
            (
                check(&"x".repeat(201), None, None),
                ProductProblem::Title(InputProblem::TooLong),
            ),
            (
                check("a\u{7}b", None, None),
                ProductProblem::Title(InputProblem::TooLong),
            ),
            (
                check("Mug", Some((3, 2)), None),
                ProductProblem::ProcessingDays(InputProblem::Mismatch),
            ),
            (
                check("Mug", Some((1, 366)), None),
                ProductProblem::ProcessingDays(InputProblem::TooLong),
            ),
            (
                check("Mug", None, Some("2026-02-30")),
                ProductProblem::RestockDate,
            ),
            (
                check("Mug", None, Some("24.12.2026")),
                ProductProblem::RestockDate,
            ),
            (
                check("Mug", None, Some("2026-2-3")),
                ProductProblem::RestockDate,
            ),
        ];
        for (got, want) in cases {
            assert_eq!(got, Err(want));
        }
    }
}
