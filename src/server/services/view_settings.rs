//! The settings documents as pages show them, kept in memory for a moment.
//!
//! Every order status page needs the cancellation policy and the processing settings, and one
//! with items waiting for stock the backorder options; reading them for each view was two of
//! its thirteen queries (docs/benchmarks.md), and the backorder options a pool round trip for
//! each view with a backorder card. Views take them from here instead: at most [`FRESH_FOR`]
//! old, and dropped on this instance as soon as a save commits (another instance sees the save
//! within [`FRESH_FOR`]). Whatever enforces a rule — a cancellation, a shopper's backorder
//! choice, placing an order — still reads the settings inside its own transaction, so a view can
//! at worst explain a rule a moment old, never apply it.

use super::estimates::{self, Shop};
use super::{backorder_settings, cancellation, ServiceResult};
use crate::domain::backorder::BackorderSettings;
use crate::domain::cancellation::Policy;
use crate::server::store::LazyConn;
use std::fmt;
use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

/// How long a view may show settings read earlier.
pub const FRESH_FOR: Duration = Duration::from_secs(1);

#[derive(Default)]
pub struct ViewSettings {
    /// Bumped by every save: a value read before it is not kept.
    generation: AtomicU64,
    policy: Slot<Policy>,
    shop: Slot<Shop>,
    backorders: Slot<BackorderSettings>,
}

impl fmt::Debug for ViewSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ViewSettings").finish_non_exhaustive()
    }
}

impl ViewSettings {
    /// The cancellation policy for a page.
    pub async fn policy(&self, conn: &mut LazyConn<'_>) -> ServiceResult<Arc<Policy>> {
        let read = async { cancellation::policy(conn.get().await?).await };
        self.through(&self.policy, read).await
    }

    /// The processing settings and calendar for a page.
    pub async fn shop(&self, conn: &mut LazyConn<'_>) -> ServiceResult<Arc<Shop>> {
        let read = async { estimates::shop(conn.get().await?).await };
        self.through(&self.shop, read).await
    }

    /// The shop's backorder options for a page.
    pub async fn backorders(
        &self,
        conn: &mut LazyConn<'_>,
    ) -> ServiceResult<Arc<BackorderSettings>> {
        let read = async { backorder_settings::current(conn.get().await?).await };
        self.through(&self.backorders, read).await
    }

    /// Called once a settings save has committed.
    pub fn forget(&self) {
        self.generation.fetch_add(1, Ordering::AcqRel);
        self.policy.clear();
        self.shop.clear();
        self.backorders.clear();
    }

    /// The slot's value while fresh, else what `read` reads (kept unless a save came between).
    async fn through<T>(
        &self,
        slot: &Slot<T>,
        read: impl Future<Output = ServiceResult<T>>,
    ) -> ServiceResult<Arc<T>> {
        let generation = self.generation.load(Ordering::Acquire);
        if let Some(value) = slot.fresh(Instant::now()) {
            return Ok(value);
        }
        let value = Arc::new(read.await?);
        self.keep(slot, &value, generation);
        Ok(value)
    }

    fn keep<T>(&self, slot: &Slot<T>, value: &Arc<T>, read_at: u64) {
        slot.keep(value, Instant::now(), || {
            self.generation.load(Ordering::Acquire) == read_at
        });
    }
}

/// One cached value and when it was read.
struct Slot<T>(Mutex<Option<(Instant, Arc<T>)>>);

impl<T> Default for Slot<T> {
    fn default() -> Self {
        Self(Mutex::new(None))
    }
}

impl<T> Slot<T> {
    fn fresh(&self, now: Instant) -> Option<Arc<T>> {
        let held = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        held.as_ref()
            .filter(|(read, _)| now.saturating_duration_since(*read) < FRESH_FOR)
            .map(|(_, value)| Arc::clone(value))
    }

    /// Keeps `value` unless a save happened since it was read (checked under the slot's lock,
    /// which `forget` also takes after bumping the generation, so the two cannot interleave).
    fn keep(&self, value: &Arc<T>, now: Instant, unchanged: impl FnOnce() -> bool) {
        let mut held = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        if unchanged() {
            *held = Some((now, Arc::clone(value)));
        }
    }

    fn clear(&self) {
        *self.0.lock().unwrap_or_else(PoisonError::into_inner) = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kept_value_is_fresh_for_a_moment_then_read_again() {
        let slot = Slot::<u32>::default();
        let now = Instant::now();
        assert!(slot.fresh(now).is_none());
        slot.keep(&Arc::new(7), now, || true);
        assert_eq!(slot.fresh(now).as_deref(), Some(&7));
        assert_eq!(slot.fresh(now + FRESH_FOR / 2).as_deref(), Some(&7));
        assert!(slot.fresh(now + FRESH_FOR).is_none());
    }

    #[test]
    fn a_value_read_before_a_save_is_not_kept() {
        let views = ViewSettings::default();
        let read_at = views.generation.load(Ordering::Acquire);
        views.forget();
        views.keep(&views.policy, &Arc::new(Policy::default()), read_at);
        assert!(views.policy.fresh(Instant::now()).is_none());
        let read_at = views.generation.load(Ordering::Acquire);
        views.keep(&views.policy, &Arc::new(Policy::default()), read_at);
        assert!(views.policy.fresh(Instant::now()).is_some());
        let read_at = views.generation.load(Ordering::Acquire);
        let options = Arc::new(BackorderSettings::default());
        views.keep(&views.backorders, &options, read_at);
        assert!(views.backorders.fresh(Instant::now()).is_some());
        views.forget();
        assert!(
            views.policy.fresh(Instant::now()).is_none(),
            "a save drops what was kept"
        );
        assert!(
            views.backorders.fresh(Instant::now()).is_none(),
            "the backorder options too"
        );
    }
}
