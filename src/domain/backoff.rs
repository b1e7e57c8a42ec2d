//! Exponential back-off for attempt limits: the first attempt over the limit waits one window,
//! each further attempt while blocked doubles the wait, up to a day.

const MAX_WAIT_MS: i64 = 24 * 60 * 60 * 1000;

/// How long to refuse after the `hits`-th attempt in a window that allows `limit`; `None` while
/// within the limit.
pub fn wait_ms(window_ms: i64, limit: u32, hits: i64) -> Option<i64> {
    let over = hits - i64::from(limit);
    if over <= 0 {
        return None;
    }
    let doublings = u32::try_from(over - 1).unwrap_or(u32::MAX).min(20);
    Some(window_ms.saturating_mul(1 << doublings).min(MAX_WAIT_MS))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wait_doubles_with_each_attempt_over_the_limit_up_to_a_day() {
        let window = 15 * 60_000;
        assert_eq!(wait_ms(window, 10, 10), None);
        assert_eq!(wait_ms(window, 10, 11), Some(window));
        assert_eq!(wait_ms(window, 10, 12), Some(2 * window));
        assert_eq!(wait_ms(window, 10, 13), Some(4 * window));
        assert_eq!(wait_ms(window, 10, 20), Some(MAX_WAIT_MS));
        assert_eq!(wait_ms(window, 10, i64::MAX), Some(MAX_WAIT_MS));
    }
}
