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

#[cfg(test)]
mod tests {
    use super::*;

    fn policy() -> RetryPolicy {
        RetryPolicy {
            max_retries: 5,
            initial_backoff: Duration::from_millis(100),
            max_backoff: Duration::from_millis(1000),
            max_retry_after: Duration::from_secs(30),
        }
    }

    #[test]
    fn backoff_doubles_up_to_the_cap() {
        let p = policy();
        let full = |retry| p.backoff(retry, 0.999_999_999);
        let half = |retry| p.backoff(retry, 0.0);
        assert_eq!(half(0), Duration::from_millis(50));
        assert_eq!(half(1), Duration::from_millis(100));
        assert_eq!(half(2), Duration::from_millis(200));
        assert_eq!(half(3), Duration::from_millis(400));
        assert_eq!(half(4), Duration::from_millis(500));
        assert_eq!(half(40), Duration::from_millis(500));
        assert!(full(0) <= Duration::from_millis(100) && full(0) > Duration::from_millis(99));
        assert!(full(9) <= Duration::from_millis(1000));
        // Out-of-range jitter is clamped, never panics.
        assert_eq!(p.backoff(0, f64::NAN), Duration::from_millis(50));
        assert_eq!(p.backoff(0, -1.0), Duration::from_millis(50));
        assert_eq!(p.backoff(0, 7.0), Duration::from_millis(100));
    }

    #[test]
    fn huge_backoff_settings_saturate() {
        let p = RetryPolicy {
            initial_backoff: Duration::MAX,
            max_backoff: Duration::MAX,
            ..policy()
        };
        assert!(p.backoff(31, 0.5) > Duration::from_secs(1 << 40));
        assert!(p.backoff(31, 1.0) > Duration::from_secs(1 << 40));
    }

    #[test]
    fn retry_after_wins_until_the_cap() {
        let p = policy();
        assert_eq!(p.delay(0, Some(Duration::ZERO), 0.3), Some(Duration::ZERO));
        assert_eq!(
            p.delay(3, Some(Duration::from_secs(30)), 0.3),
            Some(Duration::from_secs(30))
        );
        assert_eq!(p.delay(0, Some(Duration::from_secs(31)), 0.3), None);
        assert_eq!(p.delay(0, None, 0.0), Some(Duration::from_millis(50)));
    }

    #[test]
    fn retryable_statuses() {
        for s in [429, 500, 502, 503, 504, 599] {
            assert!(is_retryable_status(s), "{s}");
        }
        for s in [200, 204, 400, 401, 403, 404, 409, 422, 501, 600] {
            assert!(!is_retryable_status(s), "{s}");
        }
    }

    #[test]
    fn parses_retry_after_seconds() {
        let now = SystemTime::now();
        assert_eq!(parse_retry_after("0", now), Some(Duration::ZERO));
        assert_eq!(
            parse_retry_after(" 120 ", now),
            Some(Duration::from_secs(120))
        );
        assert_eq!(
            parse_retry_after("1.5", now),
            Some(Duration::from_millis(1500))
        );
        assert_eq!(
            parse_retry_after("99999999999999999999999", now),
            Some(Duration::MAX)
        );
        for bad in ["", " ", "-1", "abc", "1e3", "1..2", ".", "Wed, 99 Foo 2015"] {
            assert_eq!(parse_retry_after(bad, now), None, "{bad:?}");
        }
    }

    #[test]
    fn parses_retry_after_http_dates() {
        let now = httpdate::parse_http_date("Wed, 21 Oct 2015 07:28:00 GMT").unwrap();
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:28:30 GMT", now),
            Some(Duration::from_secs(30))
        );
        // RFC 850 and asctime forms are HTTP dates too.
        assert_eq!(
            parse_retry_after("Wednesday, 21-Oct-15 07:29:00 GMT", now),
            Some(Duration::from_secs(60))
        );
        assert_eq!(
            parse_retry_after("Wed Oct 21 07:28:05 2015", now),
            Some(Duration::from_secs(5))
        );
        // A date in the past: retry now.
        assert_eq!(
            parse_retry_after("Tue, 20 Oct 2015 07:28:00 GMT", now),
            Some(Duration::ZERO)
        );
    }

    #[test]
    fn jitter_is_in_range_and_varies() {
        let samples: Vec<f64> = (0..64).map(|_| jitter()).collect();
        assert!(samples.iter().all(|j| (0.0..1.0).contains(j)));
        assert!(samples.windows(2).any(|w| w[0] != w[1]));
    }
}
