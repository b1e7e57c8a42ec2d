mod account;
mod admin;
mod delay_notice;
mod link_problem;
mod lookup;
mod not_found;
pub(crate) mod order;

pub use account::{AccountLoginPage, AccountPageView, SetPasswordPage};
pub use admin::{
    AdminBackorderSettingsPage, AdminCancellationSettingsPage, AdminDashboardPage,
    AdminIntegrationsPage, AdminLoginPage, AdminOrderPage, AdminOrdersPage,
    AdminProcessingSettingsPage, AdminProductPage, AdminProductsPage, AdminReportsPage,
    AdminTeamPage,
};
pub use delay_notice::DelayNoticePage;
pub use link_problem::{LinkFailure, LinkProblem, LinkProblemPage};
pub use lookup::LookupPage;
pub use not_found::NotFoundPage;
pub use order::OrderStatusPage;
