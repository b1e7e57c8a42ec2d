//! The merchant console.

mod dashboard;
mod login;

pub use dashboard::AdminDashboardPage;
pub use login::AdminLoginPage;
