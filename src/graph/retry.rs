//! Retry policy: bounded attempts, exponential backoff with jitter, and a
//! `Retry-After` value honoured when one is readable.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use super::error::GraphError;

/// Told of every pause before a retry (the error that caused it, and how
/// long the client waits), so a screen can say "retrying in N s".
#[derive(Clone)]
pub struct RetryObserver(Arc<ObserverFn>);

/// What a [`RetryObserver`] calls.
type ObserverFn = dyn Fn(&GraphError, Duration) + Send + Sync;

impl RetryObserver {
    /// An observer calling `f`.
    pub fn new(f: impl Fn(&GraphError, Duration) + Send + Sync + 'static) -> Self {
        RetryObserver(Arc::new(f))
    }

    /// Tells the observer of a pause.
    pub fn notify(&self, error: &GraphError, delay: Duration) {
        (self.0)(error, delay)
    }
}

impl fmt::Debug for RetryObserver {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("RetryObserver")
    }
}

/// How often and how long to wait before retrying a transient failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Total tries, the first included (at least 1).
    pub max_attempts: u32,
    /// Delay scale of the first retry.
    pub base_delay: Duration,
    /// Longest computed delay.
    pub max_delay: Duration,
    /// Longest `Retry-After` honoured.
    pub max_retry_after: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 5,
            base_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(20),
            max_retry_after: Duration::from_secs(120),
        }
    }
}

impl RetryPolicy {
    /// No retries at all.
    pub fn none() -> Self {
        RetryPolicy {
            max_attempts: 1,
            ..Self::default()
        }
    }

    /// The pause before retry number `retry` (0 = first retry): the ceiling
    /// `base * 2^retry` (capped at `max_delay`), then "equal jitter": half the
    /// ceiling plus `jitter` (0..=1, clamped) times the other half.
    pub fn backoff(&self, retry: u32, jitter: f64) -> Duration {
        let factor = 2u32.saturating_pow(retry.min(30));
        let ceiling = self.base_delay.saturating_mul(factor).min(self.max_delay);
        let jitter = if jitter.is_finite() {
            jitter.clamp(0.0, 1.0)
        } else {
            0.5
        };
        let half = ceiling / 2;
        half + half.mul_f64(jitter)
    }

    /// After `attempts_made` tries ended in `error`: the pause before the next
    /// try, or `None` to give up (not retryable, or attempts exhausted).
    pub fn delay_before_retry(
        &self,
        attempts_made: u32,
        error: &GraphError,
        jitter: f64,
    ) -> Option<Duration> {
        if !error.is_retryable() || attempts_made >= self.max_attempts.max(1) {
            return None;
        }
        let computed = self.backoff(attempts_made.saturating_sub(1), jitter);
        Some(match error.retry_after {
            Some(after) => after.min(self.max_retry_after).max(computed / 2),
            None => computed,
        })
    }
}

/// Reads a `Retry-After` header value given in seconds, whole or with a
/// fraction (`12`, `1.5`; HTTP dates are not used by Graph), under a day;
/// `None` when absent or unreadable. Read digit by digit: a float parser
/// would bring its tables into the wasm (about 14 KB gzip) for one header.
pub fn parse_retry_after(value: &str) -> Option<Duration> {
    let text = value.trim();
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if (whole.is_empty() && fraction.is_empty()) || !digits(whole) || !digits(fraction) {
        return None;
    }
    let secs: u64 = if whole.is_empty() {
        0
    } else {
        whole.parse().ok()?
    };
    if secs >= 86_400 {
        return None;
    }
    let nanos = fraction
        .bytes()
        .chain(std::iter::repeat(b'0'))
        .take(9)
        .fold(0u32, |n, b| n * 10 + u32::from(b - b'0'));
    Some(Duration::new(secs, nanos))
}
