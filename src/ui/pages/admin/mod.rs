//! The merchant console.

mod dashboard;
mod login;
mod orders;

pub use dashboard::AdminDashboardPage;
pub use login::AdminLoginPage;
pub use orders::AdminOrdersPage;
