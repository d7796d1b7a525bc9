// @generated: copied from workos-codegen's `runtime/retry.rs`. Do not edit by hand:
// regenerate with `cargo codegen`.

//! When and how long to wait before repeating a request.
//!
//! Only requests that are safe to repeat are retried (the client decides that: GET, PUT,
//! DELETE, and POST/PATCH carrying an idempotency key when the API takes one), on HTTP 429, on 5xx other than
//! 501, and on transport failures (connection refused or reset, timeouts). The wait is
//! the server's `Retry-After` when it sends one (seconds or an HTTP date), else an
//! exponential backoff with jitter. A `Retry-After` longer than
//! [`RetryPolicy::max_retry_after`] ends the retries: the caller gets the error, which
//! carries the server's `Retry-After`.

use std::hash::{BuildHasher, Hasher};
use std::time::{Duration, SystemTime};

/// Retry settings of a client.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt (0 disables retrying).
    pub max_retries: u32,
    /// Backoff before the first retry; it doubles for every retry after that.
    pub initial_backoff: Duration,
    /// Upper bound of the backoff (before jitter).
    pub max_backoff: Duration,
    /// The longest `Retry-After` the client waits for; a longer one ends the retries.
    pub max_retry_after: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_retries: 2,
            initial_backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(8),
            max_retry_after: Duration::from_secs(60),
        }
    }
}

impl RetryPolicy {
    /// How long to wait before retry number `retry` (0 for the first retry), given the
    /// server's `Retry-After` and a `jitter` in `[0, 1)`; `None` when the server asks for
    /// a longer wait than [`max_retry_after`](Self::max_retry_after).
    pub fn delay(
        &self,
        retry: u32,
        retry_after: Option<Duration>,
        jitter: f64,
    ) -> Option<Duration> {
        match retry_after {
            Some(wait) if wait > self.max_retry_after => None,
            Some(wait) => Some(wait),
            None => Some(self.backoff(retry, jitter)),
        }
    }

    /// Exponential backoff for retry number `retry`, capped at `max_backoff`, scaled by a
    /// factor in `[0.5, 1)` taken from `jitter` so that clients spread out.
    pub fn backoff(&self, retry: u32, jitter: f64) -> Duration {
        let exponential = self
            .initial_backoff
            .saturating_mul(1u32 << retry.min(20))
            .min(self.max_backoff);
        let jitter = if jitter.is_nan() {
            0.0
        } else {
            jitter.clamp(0.0, 1.0)
        };
        let factor = 0.5 + 0.5 * jitter;
        Duration::try_from_secs_f64(exponential.as_secs_f64() * factor).unwrap_or(exponential)
    }
}

/// Whether a response status is worth retrying: 429 and 5xx except 501 Not Implemented.
pub fn is_retryable_status(status: u16) -> bool {
    status == 429 || ((500..=599).contains(&status) && status != 501)
}

/// Parses a `Retry-After` value: delay seconds (an integer, or a decimal as some servers
/// send) or an HTTP date, which counts from `now` (a date in the past means no wait).
pub fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    if value.bytes().all(|b| b.is_ascii_digit()) {
        // Too many digits to fit is still a number: a very long wait.
        return Some(value.parse().map_or(Duration::MAX, Duration::from_secs));
    }
    if value.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return value
            .parse::<f64>()
            .ok()
            .and_then(|secs| Duration::try_from_secs_f64(secs).ok());
    }
    let at = httpdate::parse_http_date(value).ok()?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

/// A number in `[0, 1)` that differs between calls and processes (no RNG dependency:
/// std's `RandomState` is randomly keyed per process and advances per instance).
pub fn jitter() -> f64 {
    (random() >> 11) as f64 / (1u64 << 53) as f64
}

/// 64 random bits, from the same source as [`jitter`] (not for secrets).
pub(crate) fn random() -> u64 {
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u128(
        SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos()),
    );
    hasher.finish()
}

