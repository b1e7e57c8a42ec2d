mod admin;
mod link_problem;
mod lookup;
mod not_found;
pub(crate) mod order;

pub use admin::{AdminDashboardPage, AdminLoginPage, AdminOrderPage, AdminOrdersPage};
pub use link_problem::{LinkFailure, LinkProblem, LinkProblemPage};
pub use lookup::LookupPage;
pub use not_found::NotFoundPage;
pub use order::OrderStatusPage;
