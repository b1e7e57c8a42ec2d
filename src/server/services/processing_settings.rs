//! The processing settings page: read with its version and a preview, save with the same
//! rules as `PUT /api/v1/settings/processing` (`ProcessingSettings::validated`), owner only,
//! audited; a form drawn from an older version is refused.

use super::catalog::PROCESSING;
use super::estimates;
use super::merchant_auth::Merchant;
use super::ServiceResult;
use crate::api::processing::{MethodPreview, MethodRow, ProcessingPage};
use crate::api::{AppError, Field};
use crate::domain::cancellation::code_from_label;
use crate::domain::estimate::{self, DayRange};
use crate::domain::processing::{parse_date, ProcessingField, ProcessingSettings, ShippingMethod};
use crate::domain::{InputProblem, Role};
use crate::server::store::catalog;
use crate::server::web::Ctx;

/// How many coming closed days the page lists.
const CLOSED_DAYS_SHOWN: usize = 8;

pub async fn page(ctx: &Ctx, me: &Merchant) -> ServiceResult<ProcessingPage> {
    let mut conn = ctx.state.db.read().await?;
    let shop = estimates::shop(&mut conn).await?;
    let version = catalog::setting_version(&mut conn, PROCESSING).await?;
    let now = ctx.state.now();
    let now_local = now.to_zoned(shop.calendar.time_zone.clone()).datetime();
    let in_stock = estimate::LineInput {
        processing: shop.settings.default_processing_days,
        supply: estimate::Supply::InStock,
        counts: true,
    };
    let preview = shop
        .settings
        .shipping_methods
        .iter()
        .filter_map(|m| {
            let e = estimate::estimate(&shop.calendar, now, &[in_stock], Some(m.transit_days));
            Some(MethodPreview {
                name: m.name.clone(),
                ship: e.ship?,
                delivery: e.delivery?,
            })
        })
        .collect();
    Ok(ProcessingPage {
        closed_days: shop
            .calendar
            .coming_closed_days(now_local.date(), CLOSED_DAYS_SHOWN),
        settings: shop.settings,
        version,
        can_manage: me.role == Role::Owner,
        now_local,
        preview,
    })
}

/// The processing form as posted.
pub struct ProcessingForm<'a> {
    pub version: i64,
    pub time_zone: &'a str,
    pub working_days: &'a [String],
    pub cutoff: &'a str,
    pub holiday_calendar: &'a str,
    /// The shop's own closed days, one per line (commas and spaces also separate).
    pub holidays: &'a str,
    pub processing: (&'a str, &'a str),
    pub methods: &'a [MethodRow],
}

fn days(min: &str, max: &str, field: Field) -> ServiceResult<DayRange> {
    let number = |raw: &str| {
        raw.trim()
            .parse::<u32>()
            .map_err(|_| AppError::invalid(field, InputProblem::Malformed))
    };
    Ok(DayRange {
        min: number(min)?,
        max: number(max)?,
    })
}

/// The methods as posted, without the removed ones and the blank "add" row.
fn methods(rows: &[MethodRow]) -> ServiceResult<Vec<ShippingMethod>> {
    let mut kept = Vec::new();
    for row in rows {
        let name = row.name.trim();
        let blank = row.code.trim().is_empty()
            && name.is_empty()
            && row.transit_min.trim().is_empty()
            && row.transit_max.trim().is_empty();
        if row.remove.is_some() || blank {
            continue;
        }
        let code = match row.code.trim() {
            "" => code_from_label(name).replace('_', "-"),
            code => code.to_owned(),
        };
        kept.push(ShippingMethod {
            code,
            name: name.to_owned(),
            transit_days: days(&row.transit_min, &row.transit_max, Field::TransitDays)?,
        });
    }
    Ok(kept)
}

fn field_of(field: ProcessingField) -> Field {
    match field {
        ProcessingField::TimeZone => Field::TimeZone,
        ProcessingField::WorkingDays | ProcessingField::WorkingDay(_) => Field::WorkingDays,
        ProcessingField::Cutoff => Field::Cutoff,
        ProcessingField::HolidayCalendar => Field::HolidayCalendar,
        ProcessingField::Holidays | ProcessingField::Holiday(_) => Field::Holidays,
        ProcessingField::DefaultProcessingDays => Field::DefaultProcessingDays,
        ProcessingField::ShippingMethods => Field::ShippingMethods,
        ProcessingField::MethodCode(_) => Field::MethodCode,
        ProcessingField::MethodName(_) => Field::MethodName,
        ProcessingField::MethodTransit(_) => Field::TransitDays,
    }
}

pub async fn save(ctx: &Ctx, me: &Merchant, form: ProcessingForm<'_>) -> ServiceResult<()> {
    me.owner_only("settings change")?;
    let holidays: Vec<String> = form
        .holidays
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|d| !d.is_empty())
        .map(str::to_owned)
        .collect();
    if holidays.iter().any(|d| parse_date(d).is_none()) {
        return Err(AppError::invalid(Field::Holidays, InputProblem::Malformed).into());
    }
    let settings = ProcessingSettings {
        time_zone: form.time_zone.to_owned(),
        working_days: form.working_days.to_vec(),
        cutoff: form.cutoff.to_owned(),
        holiday_calendar: Some(form.holiday_calendar.to_owned()),
        holidays,
        default_processing_days: days(
            form.processing.0,
            form.processing.1,
            Field::DefaultProcessingDays,
        )?,
        shipping_methods: methods(form.methods)?,
    }
    .validated()
    .map_err(|(field, problem)| AppError::invalid(field_of(field), problem))?;
    super::settings::save_versioned(
        ctx,
        me,
        PROCESSING,
        form.version,
        &settings,
        "processing_settings_changed",
    )
    .await
}
