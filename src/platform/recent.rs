//! Values read a moment ago, shared by the requests that ask for them within that moment.
//!
//! A seat map of a 3,600-seat hall is one of the heaviest reads the service makes, and the
//! most repeated: everyone choosing seats for a premiere reloads it. Keyed by what the value
//! is made from (a seat map by its screening and a digest of its rows), a value is read from
//! the database once while it stays the same, and requests that arrive while that read runs
//! wait for it instead of sending their own. The lifetime bounds the memory: keys not asked
//! for within it are dropped.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::sync::OnceCell;

/// Values by key, each reused for `lifetime` after it began to be read.
pub struct Recent<K, V> {
    lifetime: Duration,
    entries: Mutex<HashMap<K, Arc<Entry<V>>>>,
}

struct Entry<V> {
    began: Instant,
    value: OnceCell<V>,
}

impl<K: Hash + Eq + Clone, V: Clone> Recent<K, V> {
    /// Values reused for `lifetime`.
    pub fn new(lifetime: Duration) -> Self {
        Recent {
            lifetime,
            entries: Mutex::new(HashMap::new()),
        }
    }

    /// `key`'s value: the one read less than the lifetime ago, or the one being read now, or
    /// else what `read` gives (which later callers then share; `read` is not run otherwise).
    /// A value `stale` calls stale is read again even within its lifetime (a seat map once
    /// one of its holds has lapsed). A failed read is not kept: the next caller reads again.
    ///
    /// Errors: `read`'s.
    pub async fn get_or_read<E>(
        &self,
        key: &K,
        read: impl Future<Output = Result<V, E>>,
        stale: impl Fn(&V) -> bool,
    ) -> Result<V, E> {
        let entry = {
            let mut entries = self
                .entries
                .lock()
                .expect("never poisoned: no panics under it");
            let now = Instant::now();
            match entries.get(key) {
                Some(entry)
                    if now.duration_since(entry.began) < self.lifetime
                        && !entry.value.get().is_some_and(&stale) =>
                {
                    entry.clone()
                }
                _ => {
                    // Entries past their lifetime go whenever a new one comes, so the map
                    // holds only what was asked for within the last lifetime.
                    let lifetime = self.lifetime;
                    entries.retain(|_, entry| now.duration_since(entry.began) < lifetime);
                    let entry = Arc::new(Entry {
                        began: now,
                        value: OnceCell::new(),
                    });
                    entries.insert(key.clone(), entry.clone());
                    entry
                }
            }
        };
        entry.value.get_or_try_init(|| read).await.cloned()
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;

    #[tokio::test]
    async fn a_value_is_read_once_within_its_lifetime_and_again_after() {
        let recent = Recent::new(Duration::from_millis(200));
        let reads = AtomicUsize::new(0);
        let read = async || {
            reads.fetch_add(1, Ordering::SeqCst);
            tokio::time::sleep(Duration::from_millis(20)).await;
            Ok::<_, ()>(reads.load(Ordering::SeqCst))
        };
        let answers =
            futures::future::join_all((0..10).map(|_| recent.get_or_read(&1, read(), |_| false)))
                .await;
        assert!(answers.iter().all(|a| *a == Ok(1)), "{answers:?}");
        assert_eq!(
            recent.get_or_read(&2, read(), |_| false).await,
            Ok(2),
            "another key"
        );
        tokio::time::sleep(Duration::from_millis(250)).await;
        assert_eq!(
            recent.get_or_read(&1, read(), |_| false).await,
            Ok(3),
            "read again"
        );
    }

    #[tokio::test]
    async fn a_failed_read_is_not_kept() {
        let recent = Recent::<i64, i64>::new(Duration::from_secs(60));
        assert_eq!(
            recent
                .get_or_read(&1, async { Err("down") }, |_| false)
                .await,
            Err("down")
        );
        assert_eq!(
            recent
                .get_or_read(&1, async { Ok::<_, &str>(7) }, |_| false)
                .await,
            Ok(7)
        );
    }

    #[tokio::test]
    async fn a_value_called_stale_is_read_again() {
        let recent = Recent::new(Duration::from_secs(60));
        let first = recent
            .get_or_read(&1, async { Ok::<_, ()>(1) }, |v| *v == 1)
            .await;
        assert_eq!(first, Ok(1));
        let second = recent
            .get_or_read(&1, async { Ok::<_, ()>(2) }, |v| *v == 1)
            .await;
        assert_eq!(second, Ok(2), "1 was stale");
        let third = recent
            .get_or_read(&1, async { Ok::<_, ()>(3) }, |v| *v == 1)
            .await;
        assert_eq!(third, Ok(2), "2 is not");
    }
}
