//! The merchant console.

mod dashboard;
mod login;
mod order;
mod orders;
mod team;

pub use dashboard::AdminDashboardPage;
pub use login::AdminLoginPage;
pub use order::AdminOrderPage;
pub use orders::AdminOrdersPage;
pub use team::AdminTeamPage;
