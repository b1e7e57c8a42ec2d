//! Turns an API order body into a draft, refusing what breaks a rule with the field's path.

use super::error::{ApiError, ApiResult};
use super::types::OrderInput;
use crate::domain::{Currency, CustomerEmail, OrderNumber};
use crate::i18n::Locale;
use crate::server::services::place_order::{DraftLine, OrderDraft};

const MAX_TEXT: usize = 200;
const MAX_LINES: usize = 250;
/// Ten billion in major units: far above any real price, far below overflow.
const MAX_UNIT_PRICE: i64 = 1_000_000_000_000;
const MAX_ADDRESS_LINES: usize = 8;
/// ISO 4217 codes in use.
const CURRENCIES: &str = "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD \
     BND BOB BRL BSD BTN BWP BYN BZD CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP \
     ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK \
     JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK \
     MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG \
     QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT \
     TND TOP TRY TTD TWD TZS UAH UGX USD UYU UZS VES VND VUV WST XAF XCD XOF XPF YER ZAR ZMW ZWG";

/// Trimmed text of 1..=`max` characters without control characters.
pub fn text(field: &str, raw: &str, max: usize) -> ApiResult<String> {
    let value = raw.trim();
    if value.is_empty() {
        return Err(ApiError::invalid(field, "must not be empty"));
    }
    if value.chars().count() > max {
        return Err(ApiError::invalid(
            field,
            &format!("must be at most {max} characters"),
        ));
    }
    if value.chars().any(char::is_control) {
        return Err(ApiError::invalid(
            field,
            "must not contain control characters",
        ));
    }
    Ok(value.to_owned())
}

/// Optional text: absent or blank is `None`.
pub fn optional_text(field: &str, raw: Option<&str>, max: usize) -> ApiResult<Option<String>> {
    match raw.map(str::trim).filter(|t| !t.is_empty()) {
        None => Ok(None),
        Some(t) => text(field, t, max).map(Some),
    }
}

pub fn number(raw: &str) -> ApiResult<OrderNumber> {
    OrderNumber::parse(raw).map_err(|_| {
        ApiError::invalid(
            "number",
            "an order number is 1 to 32 letters, digits and dashes",
        )
    })
}

fn currency(raw: &str) -> ApiResult<Currency> {
    let parsed = Currency::parse(raw)
        .ok()
        .filter(|c| CURRENCIES.split_whitespace().any(|known| known == c.code()));
    parsed.ok_or_else(|| ApiError::invalid("currency", "not an ISO 4217 currency code"))
}

pub fn draft(number_raw: &str, input: &OrderInput) -> ApiResult<OrderDraft> {
    let number = number(number_raw)?;
    let email = CustomerEmail::parse(&input.customer.email)
        .map_err(|_| ApiError::invalid("customer.email", "not an email address"))?;
    let customer_name = text("customer.name", &input.customer.name, MAX_TEXT)?;
    let locale = Locale::parse(&input.locale)
        .ok_or_else(|| ApiError::invalid("locale", "must be one of en, nb, fi, nl"))?;
    let currency = currency(&input.currency)?;
    let placed_at: jiff::Timestamp = input
        .placed_at
        .parse()
        .map_err(|_| ApiError::invalid("placed_at", "must be an RFC 3339 date-time"))?;
    let shipping_method = text("shipping_method", &input.shipping_method, MAX_TEXT)?;
    let shipping_address = match &input.shipping_address {
        None => None,
        Some(lines) if lines.len() > MAX_ADDRESS_LINES => {
            return Err(ApiError::invalid(
                "shipping_address",
                &format!("at most {MAX_ADDRESS_LINES} lines"),
            ))
        }
        Some(lines) => Some(
            lines
                .iter()
                .enumerate()
                .map(|(i, l)| text(&format!("shipping_address[{i}]"), l, MAX_TEXT))
                .collect::<ApiResult<Vec<_>>>()?,
        ),
    };
    if input.lines.is_empty() {
        return Err(ApiError::invalid(
            "lines",
            "an order needs at least one line",
        ));
    }
    if input.lines.len() > MAX_LINES {
        return Err(ApiError::invalid(
            "lines",
            &format!("at most {MAX_LINES} lines"),
        ));
    }
    let mut lines = Vec::with_capacity(input.lines.len());
    for (i, l) in input.lines.iter().enumerate() {
        let at = |field: &str| format!("lines[{i}].{field}");
        if l.quantity == 0 {
            return Err(ApiError::invalid(&at("quantity"), "must be at least 1"));
        }
        if l.unit_price < 0 {
            return Err(ApiError::invalid(&at("unit_price"), "must not be negative"));
        }
        if l.unit_price > MAX_UNIT_PRICE {
            return Err(ApiError::invalid(&at("unit_price"), "is too large"));
        }
        if l.quantity_backordered > l.quantity {
            return Err(ApiError::invalid(
                &at("quantity_backordered"),
                "must not exceed quantity",
            ));
        }
        lines.push(DraftLine {
            sku: text(&at("sku"), &l.sku, 64)?,
            title: text(&at("title"), &l.title, MAX_TEXT)?,
            unit_price: l.unit_price,
            quantity: l.quantity,
            quantity_backordered: l.quantity_backordered,
        });
    }
    Ok(OrderDraft {
        number,
        email,
        customer_name,
        locale,
        currency,
        placed_at,
        payment: input.payment_status,
        shipping_method,
        shipping_address,
        lines,
    })
}
