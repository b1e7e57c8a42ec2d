//! The merchant console.

mod backorder_settings;
mod cancellation_settings;
mod dashboard;
mod integrations;
mod loaded;
mod login;
mod nav;
mod order;
mod orders;
mod processing_settings;
mod products;
mod reports;
mod team;

pub use backorder_settings::AdminBackorderSettingsPage;
pub use cancellation_settings::AdminCancellationSettingsPage;
pub use dashboard::AdminDashboardPage;
pub use integrations::AdminIntegrationsPage;
pub(crate) use loaded::admin_loaded;
pub use login::AdminLoginPage;
pub(crate) use nav::AdminNav;
pub use order::AdminOrderPage;
pub use orders::AdminOrdersPage;
pub use processing_settings::AdminProcessingSettingsPage;
pub use products::{AdminProductPage, AdminProductsPage};
pub use reports::AdminReportsPage;
pub use team::AdminTeamPage;
