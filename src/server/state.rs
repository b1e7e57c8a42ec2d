//! What every handler shares.

use super::config::Settings;
use super::mail::Mailer;
use super::services::view_settings::ViewSettings;
use super::store::Db;
use axum::extract::FromRef;
use jiff::tz::TimeZone;
use jiff::Timestamp;
use leptos::config::LeptosOptions;
use std::sync::Arc;

/// Cloned into every middleware and handler of every request, so it is one shared allocation:
/// a clone is one reference count, not one per part.
#[derive(Clone, Debug)]
pub struct AppState(Arc<Shared>);

#[derive(Debug)]
pub struct Shared {
    pub settings: Arc<Settings>,
    pub db: Db,
    pub mailer: Mailer,
    pub leptos: LeptosOptions,
    pub shop_tz: TimeZone,
    /// Settings documents as pages show them (see `view_settings`).
    pub views: Arc<ViewSettings>,
}

impl std::ops::Deref for AppState {
    type Target = Shared;

    fn deref(&self) -> &Shared {
        &self.0
    }
}

impl AppState {
    pub fn new(settings: Settings, db: Db, mailer: Mailer, leptos: LeptosOptions) -> Self {
        // Validated when the settings were loaded.
        let shop_tz = TimeZone::get(&settings.shop_time_zone).unwrap_or(TimeZone::UTC);
        Self(Arc::new(Shared {
            settings: Arc::new(settings),
            db,
            mailer,
            leptos,
            shop_tz,
            views: Arc::default(),
        }))
    }
}

impl Shared {
    /// The server's one clock; domain rules receive `now` from here.
    pub fn now(&self) -> Timestamp {
        Timestamp::now()
    }

    /// A UTC instant as a shop-local civil date-time.
    pub fn local(&self, at: Timestamp) -> jiff::civil::DateTime {
        at.to_zoned(self.shop_tz.clone()).datetime()
    }
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos.clone()
    }
}
