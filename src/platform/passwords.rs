//! Passwords: argon2id hashes made and checked on threads of their own.
//!
//! Passwords are stored as argon2id PHC strings with the `argon2` crate's defaults (m = 19 MiB,
//! t = 2, p = 1: the first OWASP Password Storage Cheat Sheet recommendation). Hashing runs on
//! threads of its own, one per core ([`Passwords`]), so logins never stall the request workers.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use argon2::{
    Argon2, PasswordHash, PasswordHasher as _, PasswordVerifier as _,
    password_hash::{SaltString, rand_core::OsRng},
};
use poem::http::StatusCode;

use super::problem::{ApiError, Problem};

/// A valid argon2id PHC string with the same parameters as real hashes. Verified when the user
/// does not exist, so an unknown username costs the same as a wrong password; the password it
/// was made from does not matter, since an unknown user is refused whatever it matches.
const DECOY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$YQ3ayoLn3m4ISwN0U6BClQ$\
                          hIsIKBr49OVU12b3byqVyRybelC4reXOirmiYhpG6Pw";

type HashJob = Box<dyn FnOnce() + Send>;

/// Password hashing on its own threads, one per core, fed by a bounded queue.
///
/// argon2 is CPU-bound on purpose (and needs 19 MiB per hash): on the async workers it would
/// stall every other request, and on tokio's blocking pool each burst of logins would spread
/// over new threads whose allocator arenas keep their 19 MiB blocks. Here the work never
/// leaves these threads, so at most one hash per core runs at a time, and memory stays at
/// one block per thread (see BENCHMARKS.md).
///
/// The queue is bounded: when it is full, a request is refused at once with 503 `overloaded`
/// rather than waiting behind a flood, and a queued job whose caller has gone (the client
/// disconnected, the request timed out) is skipped rather than hashed for no one.
pub struct Passwords {
    queue: std::sync::mpsc::SyncSender<HashJob>,
    /// How many argon2 verifications ran (for tests and metrics).
    verifications: Arc<AtomicU64>,
    /// How many queued jobs were skipped because their caller had gone.
    skipped: Arc<AtomicU64>,
}

impl Passwords {
    /// Starts one hashing thread per core, with room for `queue_size` waiting jobs.
    pub fn new(queue_size: usize) -> Self {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        Self::with_threads(cores, queue_size)
    }

    /// Starts `threads` hashing threads with room for `queue_size` waiting jobs.
    pub fn with_threads(threads: usize, queue_size: usize) -> Self {
        let (queue, jobs) = std::sync::mpsc::sync_channel::<HashJob>(queue_size);
        let jobs = Arc::new(std::sync::Mutex::new(jobs));
        for n in 0..threads {
            let jobs = jobs.clone();
            std::thread::Builder::new()
                .name(format!("argon2-{n}"))
                .spawn(move || {
                    loop {
                        // The lock is held only to take a job, not while it runs.
                        let job = match jobs.lock().map(|jobs| jobs.recv()) {
                            Ok(Ok(job)) => job,
                            _ => return,
                        };
                        job();
                    }
                })
                .expect("a password hashing thread starts");
        }
        Passwords {
            queue,
            verifications: Arc::default(),
            skipped: Arc::default(),
        }
    }

    /// Runs `work` on a hashing thread and waits for its result.
    ///
    /// Errors: 503 `overloaded` (with `Retry-After`) when the queue is full.
    async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, ApiError> {
        let (reply, result) = tokio::sync::oneshot::channel();
        let skipped = self.skipped.clone();
        let job: HashJob = Box::new(move || {
            if reply.is_closed() {
                skipped.fetch_add(1, Ordering::Relaxed);
                return;
            }
            let _ = reply.send(work());
        });
        match self.queue.try_send(job) {
            Ok(()) => {}
            Err(std::sync::mpsc::TrySendError::Full(_)) => {
                return Err(ApiError::Problem(
                    Problem::new(
                        StatusCode::SERVICE_UNAVAILABLE,
                        "overloaded",
                        "too many logins and registrations are waiting; retry shortly",
                    )
                    .retry_after(1),
                ));
            }
            Err(std::sync::mpsc::TrySendError::Disconnected(_)) => {
                return Err(ApiError::Internal(
                    "the password hashing threads are gone".into(),
                ));
            }
        }
        result
            .await
            .map_err(|_| ApiError::Internal("a password hashing job was dropped".into()))
    }

    /// The argon2id PHC string of a password.
    ///
    /// Errors: 503 `overloaded`.
    pub async fn hash(&self, password: String) -> Result<String, ApiError> {
        self.run(move || hash_blocking(&password)).await
    }

    /// Whether `password` matches `hash`; with no hash (unknown user) checks a decoy and
    /// answers false, taking the same time.
    ///
    /// Errors: 503 `overloaded`.
    pub async fn verify(&self, password: String, hash: Option<String>) -> Result<bool, ApiError> {
        let known = hash.is_some();
        let hash = hash.unwrap_or_else(|| DECOY_HASH.to_owned());
        let verifications = self.verifications.clone();
        let matches = self
            .run(move || {
                verifications.fetch_add(1, Ordering::Relaxed);
                PasswordHash::new(&hash).is_ok_and(|parsed| {
                    Argon2::default()
                        .verify_password(password.as_bytes(), &parsed)
                        .is_ok()
                })
            })
            .await?;
        Ok(known && matches)
    }

    /// How many argon2 verifications have run, decoys included.
    pub fn verifications(&self) -> u64 {
        self.verifications.load(Ordering::Relaxed)
    }

    /// How many queued jobs were skipped because their caller had gone.
    pub fn skipped(&self) -> u64 {
        self.skipped.load(Ordering::Relaxed)
    }
}

fn hash_blocking(password: &str) -> String {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .expect("argon2 with default parameters accepts any password")
        .to_string()
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    #[test]
    fn the_decoy_has_the_parameters_of_real_hashes() {
        let decoy = PasswordHash::new(DECOY_HASH).expect("a PHC string");
        let real_hash = hash_blocking("anything");
        let real = PasswordHash::new(&real_hash).unwrap();
        assert_eq!(decoy.algorithm, real.algorithm);
        assert_eq!(decoy.version, real.version);
        assert_eq!(decoy.params, real.params, "same cost, so the same time");
    }

    #[tokio::test]
    async fn passwords_verify_against_their_hash_only() {
        let passwords = Passwords::new(8);
        let hash = passwords.hash("correct horse".into()).await.unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(
            passwords
                .verify("correct horse".into(), Some(hash.clone()))
                .await
                .unwrap()
        );
        assert!(
            !passwords
                .verify("wrong horse".into(), Some(hash))
                .await
                .unwrap()
        );
        assert!(
            !passwords
                .verify("correct horse".into(), None)
                .await
                .unwrap()
        );
    }

    #[tokio::test]
    async fn a_full_queue_refuses_at_once_and_an_abandoned_job_is_skipped() {
        let passwords = Arc::new(Passwords::with_threads(1, 1));
        // Hold the one thread until told to go on.
        let (go, wait) = std::sync::mpsc::channel::<()>();
        let (started, is_started) = tokio::sync::oneshot::channel::<()>();
        let holder = passwords.clone();
        let blocking = tokio::spawn(async move {
            holder
                .run(move || {
                    let _ = started.send(());
                    let _ = wait.recv();
                })
                .await
        });
        is_started.await.unwrap();
        // One job fits in the queue; its caller gives up before it runs.
        let abandoned = tokio::time::timeout(
            Duration::from_millis(50),
            passwords.verify("whatever".into(), None),
        )
        .await;
        assert!(abandoned.is_err(), "it waits behind the blocked thread");
        // It still takes the queue's one place: the next job is refused at once.
        let refused = passwords.hash("correct horse".into()).await.unwrap_err();
        let problem = refused.into_problem();
        assert_eq!((problem.status, problem.code.as_str()), (503, "overloaded"));
        assert_eq!(problem.retry_after, Some(1));
        go.send(()).unwrap();
        blocking.await.unwrap().unwrap();
        // The thread takes the abandoned job next and skips it; then there is room again.
        for _ in 0..500 {
            if passwords.skipped() == 1 {
                break;
            }
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
        assert_eq!(
            passwords.skipped(),
            1,
            "the abandoned verification was not run"
        );
        assert_eq!(passwords.verifications(), 0);
        let hash = passwords.hash("correct horse".into()).await.unwrap();
        assert!(hash.starts_with("$argon2id$"));
    }
}
