//! Merchant users and how long their sessions live.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Manages users, integrations and settings.
    Owner,
    Staff,
}

impl Role {
    pub fn as_str(&self) -> &'static str {
        match self {
            Role::Owner => "owner",
            Role::Staff => "staff",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "owner" => Some(Role::Owner),
            "staff" => Some(Role::Staff),
            _ => None,
        }
    }
}

/// A merchant session ends after this long without a request…
pub const IDLE_TIMEOUT_MS: i64 = 30 * 60 * 1000;
/// …and this long after login, however busy.
pub const ABSOLUTE_LIFETIME_MS: i64 = 12 * 60 * 60 * 1000;

/// Whether a merchant session created at `created_at` and last used at `last_seen_at` (unix
/// milliseconds) may still be used at `now`.
pub fn merchant_session_alive(created_at: i64, last_seen_at: i64, now: i64) -> bool {
    now - last_seen_at < IDLE_TIMEOUT_MS && now - created_at < ABSOLUTE_LIFETIME_MS
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIN: i64 = 60_000;

    #[test]
    fn a_session_ends_after_thirty_idle_minutes() {
        assert!(merchant_session_alive(0, 0, 29 * MIN));
        assert!(!merchant_session_alive(0, 0, 30 * MIN));
        assert!(merchant_session_alive(0, 100 * MIN, 120 * MIN));
    }

    #[test]
    fn a_busy_session_still_ends_after_twelve_hours() {
        let twelve_hours = 12 * 60 * MIN;
        assert!(merchant_session_alive(
            0,
            twelve_hours - MIN,
            twelve_hours - 1
        ));
        assert!(!merchant_session_alive(0, twelve_hours - MIN, twelve_hours));
    }

    #[test]
    fn roles_round_trip() {
        for role in [Role::Owner, Role::Staff] {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse("admin"), None);
    }
}
