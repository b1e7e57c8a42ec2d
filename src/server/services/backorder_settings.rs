//! The shop's backorder options (DESIGN §5.3): which choices shoppers get, what an extra
//! shipment costs, and when delay notices go out. The settings page reads them with their
//! version and saves them with the same rules as `PUT /api/v1/settings/backorders`
//! (`BackorderSettings::validated`), owner only, audited; a form drawn from an older version
//! is refused.

use super::merchant_auth::Merchant;
use super::{ServiceError, ServiceResult};
use crate::api::backorder_settings::BackorderSettingsPage;
use crate::api::{AppError, Field};
use crate::domain::backorder::{parse_fee, BackorderSettings, Fee, SettingsField};
use crate::domain::{InputProblem, Role};
use crate::server::store::{catalog, Conn};
use crate::server::web::Ctx;

/// The settings key of the backorder document.
pub const BACKORDERS: &str = "backorders";

/// The shop's options, or the defaults until the merchant sets them.
pub async fn current(conn: &mut Conn) -> ServiceResult<BackorderSettings> {
    match catalog::setting(conn, BACKORDERS).await? {
        None => Ok(BackorderSettings::default()),
        Some(json) => serde_json::from_str(&json)
            .map_err(|e| ServiceError::Other(format!("stored backorder settings: {e}"))),
    }
}

pub async fn page(ctx: &Ctx, me: &Merchant) -> ServiceResult<BackorderSettingsPage> {
    let mut conn = ctx.state.db.read().await?;
    Ok(BackorderSettingsPage {
        settings: current(&mut conn).await?,
        version: catalog::setting_version(&mut conn, BACKORDERS).await?,
        can_manage: me.role == Role::Owner,
    })
}

/// The backorder form as posted.
pub struct BackorderForm<'a> {
    pub version: i64,
    pub offer_ship_now: bool,
    pub offer_cancel: bool,
    /// One fee per line, as `parse_fee` reads it; blank lines are skipped.
    pub ship_now_fees: &'a str,
    pub delay_threshold_days: &'a str,
    pub delay_notices: bool,
}

/// The fees with the line (counted from 1) each was written on, so a problem names its line.
fn fee_lines(text: &str) -> ServiceResult<Vec<(u32, Fee)>> {
    let mut fees = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let number = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let fee = parse_fee(line)
            .map_err(|problem| AppError::invalid(Field::ShipNowFeeLine(number), problem))?;
        fees.push((number, fee));
    }
    Ok(fees)
}

pub async fn save(ctx: &Ctx, me: &Merchant, form: BackorderForm<'_>) -> ServiceResult<()> {
    me.owner_only("settings change")?;
    let fees = fee_lines(form.ship_now_fees)?;
    let delay_threshold_days = form
        .delay_threshold_days
        .trim()
        .parse::<u32>()
        .map_err(|_| AppError::invalid(Field::DelayThreshold, InputProblem::Malformed))?;
    let settings = BackorderSettings {
        offer_ship_now: form.offer_ship_now,
        offer_cancel: form.offer_cancel,
        ship_now_fees: fees.iter().map(|(_, fee)| *fee).collect(),
        delay_threshold_days,
        delay_notices: form.delay_notices,
    }
    .validated()
    .map_err(|(field, problem)| {
        let field = match field {
            SettingsField::DelayThreshold => Field::DelayThreshold,
            SettingsField::Fees(None) => Field::ShipNowFees,
            SettingsField::Fees(Some(i)) => fees
                .get(i)
                .map_or(Field::ShipNowFees, |(line, _)| Field::ShipNowFeeLine(*line)),
        };
        AppError::invalid(field, problem)
    })?;
    super::settings::save_versioned(
        ctx,
        me,
        BACKORDERS,
        form.version,
        &settings,
        "backorder_settings_changed",
    )
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fee_lines_skip_blank_lines_and_remember_where_each_fee_was_written() {
        let fees = fee_lines("49 NOK\r\n\r\n  4,95 eur \n").unwrap();
        let lines: Vec<u32> = fees.iter().map(|(line, _)| *line).collect();
        assert_eq!(lines, [1, 3]);
        assert_eq!(fees[1].1.amount_minor, 495);
        assert!(
            fee_lines("").unwrap().is_empty(),
            "empty: the extra shipment is free"
        );
    }

    #[test]
    fn a_fee_line_that_does_not_parse_is_named_by_its_line() {
        let Err(ServiceError::App(error)) = fee_lines("49 NOK\nfree") else {
            panic!("the second line does not parse");
        };
        assert_eq!(
            error,
            AppError::invalid(Field::ShipNowFeeLine(2), InputProblem::Malformed)
        );
    }
}
