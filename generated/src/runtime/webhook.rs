// @generated: copied from workos-codegen's `runtime/webhook.rs`. Do not edit by hand:
// regenerate with `cargo codegen`.

//! Receiving webhooks: checking the signature header of a delivery and parsing the verified
//! body into a typed [`Event`].
//!
//! The API signs every delivery with the endpoint's secret, as its [`Scheme`] says (the
//! generator's settings give it; the generated `webhook` module has it as `SCHEME`, with
//! `SIGNATURE_HEADER`, `Verifier::new` and `sign`). The header looks like
//! `t=1700000000000, v1=<hex>`, where `t` (the scheme's [`timestamp`](Scheme::timestamp) key) is
//! the send time in Unix milliseconds or seconds and `v1` (its [`signature`](Scheme::signature)
//! key) is the lowercase hex HMAC-SHA256, keyed with the secret, of `"<t>.<raw body>"`.
//! [`Verifier`] checks that signature in constant time and rejects deliveries whose timestamp is
//! further than a tolerance ([`DEFAULT_TOLERANCE`], 180 s) from the current time, in either
//! direction. Every reason for rejection is its own [`VerifyError`] variant.
//!
//! Always verify the raw bytes of the body exactly as received, before any JSON parsing:
//! re-serialized JSON does not carry the same signature.
//!
//! [`Scheme::sign`] produces the header value a real delivery would carry, to test a receiver
//! locally. (The example names the module by its path in a generated crate, `runtime::webhook`;
//! the module's unit tests run the same steps.)
//!
//! ```ignore
//! use std::time::{Duration, SystemTime};
//! use runtime::webhook::{Event, Scheme, TimeUnit, Verifier};
//!
//! const SCHEME: Scheme = Scheme {
//!     header: "Example-Signature",
//!     timestamp: "t",
//!     signature: "v1",
//!     unit: TimeUnit::Millis,
//! };
//! let body = br#"{"id":"event_01","event":"user.created","data":{},"created_at":"2026-01-15T12:00:00.000Z"}"#;
//! let header = SCHEME.sign("whsec_test", SystemTime::now(), body);
//!
//! let verifier = Verifier::with_scheme(SCHEME, "whsec_test")?.with_tolerance(Duration::from_secs(60));
//! let event: Event<String> = verifier.verify_and_parse(Some(header.as_str()), body)?;
//! assert_eq!(event.event, "user.created");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;
use std::marker::PhantomData;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use chrono::{DateTime, Utc};
use hmac::{Hmac, Mac};
use serde::de::DeserializeOwned;
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use sha2::Sha256;

use super::timestamp::{self, Style};

/// How far a delivery's timestamp may be from the current time, in the past or the future,
/// unless [`Verifier::with_tolerance`] says otherwise.
pub const DEFAULT_TOLERANCE: Duration = Duration::from_secs(180);

/// How an API signs its webhook deliveries: the header, and the two parts of its value,
/// `<timestamp>=<signing time>, <signature>=<lowercase hex HMAC-SHA256 of "<signing time>.<raw
/// body>">`, keyed with the endpoint's secret.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Scheme {
    /// The HTTP header carrying the signature.
    pub header: &'static str,
    /// The key of the signing time's part (`t`).
    pub timestamp: &'static str,
    /// The key of the signature's part (`v1`).
    pub signature: &'static str,
    /// The unit of the signing time, since the Unix epoch.
    pub unit: TimeUnit,
}

/// The unit of a [`Scheme`]'s signing time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimeUnit {
    Seconds,
    Millis,
}

impl TimeUnit {
    fn duration(self, count: u64) -> Duration {
        match self {
            Self::Seconds => Duration::from_secs(count),
            Self::Millis => Duration::from_millis(count),
        }
    }

    fn count(self, since_epoch: Duration) -> u64 {
        let count = match self {
            Self::Seconds => u128::from(since_epoch.as_secs()),
            Self::Millis => since_epoch.as_millis(),
        };
        u64::try_from(count).unwrap_or(u64::MAX)
    }
}

impl Scheme {
    /// The header value the API would send with `body` signed with `secret` at `timestamp`:
    /// `t=<time>, v1=<hex>`. For testing receivers.
    ///
    /// Times before the Unix epoch are signed as `t=0`; finer parts than the scheme's unit are
    /// truncated.
    pub fn sign(&self, secret: impl AsRef<[u8]>, timestamp: SystemTime, body: &[u8]) -> String {
        let count = timestamp
            .duration_since(UNIX_EPOCH)
            .map_or(0, |since| self.unit.count(since));
        self.sign_at(secret, count, body)
    }

    /// Like [`sign`](Self::sign), with the timestamp given as a number in the scheme's unit.
    pub fn sign_at(&self, secret: impl AsRef<[u8]>, timestamp: u64, body: &[u8]) -> String {
        let timestamp = timestamp.to_string();
        let mut mac = keyed_mac(secret.as_ref());
        mac.update(timestamp.as_bytes());
        mac.update(b".");
        mac.update(body);
        let digest = mac.finalize().into_bytes();

        const HEX: &[u8; 16] = b"0123456789abcdef";
        let mut header = String::with_capacity(
            self.timestamp.len() + timestamp.len() + self.signature.len() + 4 + SIGNATURE_HEX_LEN,
        );
        for part in [self.timestamp, "=", &timestamp, ", ", self.signature, "="] {
            header.push_str(part);
        }
        for byte in digest {
            header.push(char::from(HEX[usize::from(byte >> 4)]));
            header.push(char::from(HEX[usize::from(byte & 0x0f)]));
        }
        header
    }
}

type HmacSha256 = Hmac<Sha256>;

/// Length in hex digits of a signature (32 bytes of HMAC-SHA256).
const SIGNATURE_HEX_LEN: usize = 64;

/// Longest scheme name quoted back in [`VerifyError::UnsupportedScheme`]; the header is
/// attacker-controlled, so errors do not echo it at arbitrary length.
const MAX_QUOTED_SCHEME: usize = 32;

type ClockFn = dyn Fn() -> SystemTime + Send + Sync;

/// Checks the signatures of webhook deliveries made with one endpoint secret.
///
/// The secret never appears in the `Debug` output of a `Verifier` or in any error.
/// Cloning is cheap enough to do per request, but a `Verifier` is also `Send + Sync`, so one
/// instance can be shared.
#[derive(Clone)]
pub struct Verifier {
    scheme: Scheme,
    /// HMAC-SHA256 already keyed with the secret; cloned for each delivery.
    mac: HmacSha256,
    tolerance: Duration,
    /// `None` means [`SystemTime::now`].
    clock: Option<Arc<ClockFn>>,
}

impl Verifier {
    /// A verifier for deliveries signed as `scheme` says with `secret` (the endpoint's secret
    /// as the API shows it, used as is: its UTF-8 bytes are the HMAC key).
    ///
    /// An empty secret is refused: it is always a configuration mistake (an unset environment
    /// variable, say), and anybody could forge signatures made with it.
    pub fn with_scheme(scheme: Scheme, secret: impl AsRef<[u8]>) -> Result<Self, EmptySecretError> {
        let secret = secret.as_ref();
        if secret.is_empty() {
            return Err(EmptySecretError);
        }
        Ok(Self {
            scheme,
            mac: keyed_mac(secret),
            tolerance: DEFAULT_TOLERANCE,
            clock: None,
        })
    }
    /// Accept timestamps at most `tolerance` away from the current time (both ways). A
    /// timestamp exactly `tolerance` away is accepted.
    #[must_use]
    pub fn with_tolerance(mut self, tolerance: Duration) -> Self {
        self.tolerance = tolerance;
        self
    }

    /// Read the current time from `clock` instead of [`SystemTime::now`] (for tests).
    #[must_use]
    pub fn with_clock(mut self, clock: impl Fn() -> SystemTime + Send + Sync + 'static) -> Self {
        self.clock = Some(Arc::new(clock));
        self
    }

    /// The tolerance in use.
    pub fn tolerance(&self) -> Duration {
        self.tolerance
    }

    /// The scheme deliveries are checked against.
    pub fn scheme(&self) -> &Scheme {
        &self.scheme
    }

    /// Checks that `body` (the raw request body) was signed with this verifier's secret, as
    /// `header` (the value of the scheme's [`header`](Scheme::header), `None` if absent) says, and
    /// that the signing time is within the tolerance.
    ///
    /// The header is checked first, then the signature, then the timestamp: a
    /// [`VerifyError::TimestampTooOld`] or [`VerifyError::TimestampTooNew`] is only reported
    /// for a delivery that was really signed with the secret (a replay or a skewed clock).
    pub fn verify<'h>(
        &self,
        header: impl Into<Option<&'h str>>,
        body: &[u8],
    ) -> Result<(), VerifyError> {
        let header = ParsedHeader::parse(&self.scheme, header.into())?;
        let mut mac = self.mac.clone();
        mac.update(header.timestamp.as_bytes());
        mac.update(b".");
        mac.update(body);
        // `verify_slice` compares in constant time.
        mac.verify_slice(&header.signature)
            .map_err(|_| VerifyError::SignatureMismatch)?;
        self.check_freshness(header.sent_at)
    }

    /// [`verify`](Self::verify)s the delivery, then parses the body as an [`Event`]. The body
    /// is not parsed at all unless the signature and timestamp are good.
    pub fn verify_and_parse<'h, K: DeserializeOwned, S: Style>(
        &self,
        header: impl Into<Option<&'h str>>,
        body: &[u8],
    ) -> Result<Event<K, S>, VerifyError> {
        self.verify(header, body)?;
        serde_json::from_slice(body).map_err(VerifyError::Parse)
    }

    fn now(&self) -> SystemTime {
        match &self.clock {
            Some(clock) => clock(),
            None => SystemTime::now(),
        }
    }

    fn check_freshness(&self, sent_at: SystemTime) -> Result<(), VerifyError> {
        let tolerance = self.tolerance;
        match self.now().duration_since(sent_at) {
            Ok(age) if age > tolerance => Err(VerifyError::TimestampTooOld { age, tolerance }),
            Ok(_) => Ok(()),
            Err(ahead) if ahead.duration() > tolerance => Err(VerifyError::TimestampTooNew {
                ahead: ahead.duration(),
                tolerance,
            }),
            Err(_) => Ok(()),
        }
    }
}

impl fmt::Debug for Verifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Verifier")
            .field("scheme", &self.scheme)
            .field("secret", &"<redacted>")
            .field("tolerance", &self.tolerance)
            .field(
                "clock",
                &if self.clock.is_some() {
                    "<custom>"
                } else {
                    "SystemTime::now"
                },
            )
            .finish()
    }
}

/// [`Verifier::new`] was given an empty secret.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("the webhook secret is empty")]
pub struct EmptySecretError;

/// Why a delivery was rejected. No variant carries or prints the secret.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum VerifyError {
    /// The signature header is absent, empty or only whitespace.
    #[error("the signature header is missing or empty")]
    MissingHeader,
    /// The header is not a comma-separated list of `key=value` parts (keys of ASCII letters,
    /// digits, `_` or `-`; values non-empty, without ASCII whitespace or `=`).
    #[error(
        "the signature header is malformed (expected `<time key>=<time>, <signature key>=<hex>`)"
    )]
    MalformedHeader,
    /// The header has no timestamp part (`t=`).
    #[error("the signature header has no timestamp")]
    MissingTimestamp,
    /// The header has no signature part (`v1=`).
    #[error("the signature header has no signature")]
    MissingSignature,
    /// A part (the timestamp or the signature) appears more than once.
    #[error("the signature header has more than one `{part}=` part")]
    DuplicatePart {
        /// The part's key (the scheme's `timestamp` or `signature`, e.g. `"t"` or `"v1"`).
        part: &'static str,
    },
    /// The header has a part other than the timestamp and the signature (another signature
    /// scheme such as `v0` or `v2`, or anything else). Such headers are refused rather than
    /// partly checked.
    #[error("the signature header has an unsupported part `{scheme}=`")]
    UnsupportedScheme {
        /// The part's key, shortened if long.
        scheme: String,
    },
    /// The timestamp is not a plain decimal number.
    #[error("the timestamp in the signature header is not a decimal number")]
    TimestampNotNumeric,
    /// The timestamp is a number too large to be a time.
    #[error("the timestamp in the signature header is out of range")]
    TimestampOutOfRange,
    /// The signature does not have 64 hex digits.
    #[error("the signature has {len} characters instead of {SIGNATURE_HEX_LEN}")]
    SignatureWrongLength {
        /// Length of the received signature, in bytes.
        len: usize,
    },
    /// The signature has the right length but is not lowercase hex.
    #[error("the signature is not lowercase hex")]
    SignatureNotHex,
    /// The signature does not match the body and timestamp: the body or timestamp was changed,
    /// or the delivery was signed with another secret.
    #[error("the signature does not match the body (wrong secret or altered delivery)")]
    SignatureMismatch,
    /// The delivery is correctly signed but older than the tolerance allows.
    #[error("the delivery was signed {age:?} ago, more than the tolerance of {tolerance:?}")]
    TimestampTooOld {
        /// How long ago it was signed.
        age: Duration,
        /// The verifier's tolerance.
        tolerance: Duration,
    },
    /// The delivery is correctly signed but its timestamp is further in the future than the
    /// tolerance allows.
    #[error(
        "the delivery's timestamp is {ahead:?} in the future, more than the tolerance of {tolerance:?}"
    )]
    TimestampTooNew {
        /// How far in the future the timestamp is.
        ahead: Duration,
        /// The verifier's tolerance.
        tolerance: Duration,
    },
    /// The delivery is authentic but its body is not a valid event.
    #[error("the verified body is not a valid webhook event: {0}")]
    Parse(#[source] serde_json::Error),
}

/// The parts of a well-formed signature header.
struct ParsedHeader<'h> {
    /// The `t` value exactly as received: it is what was signed.
    timestamp: &'h str,
    sent_at: SystemTime,
    signature: [u8; SIGNATURE_HEX_LEN / 2],
}

impl<'h> ParsedHeader<'h> {
    fn parse(scheme: &Scheme, header: Option<&'h str>) -> Result<Self, VerifyError> {
        let header = header
            .map(str::trim_ascii)
            .filter(|h| !h.is_empty())
            .ok_or(VerifyError::MissingHeader)?;

        let mut timestamp = None;
        let mut signature = None;
        for part in header.split(',') {
            let (key, value) = part
                .trim_ascii()
                .split_once('=')
                .ok_or(VerifyError::MalformedHeader)?;
            let key_ok = !key.is_empty()
                && key
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
            let value_ok =
                !value.is_empty() && !value.bytes().any(|b| b == b'=' || b.is_ascii_whitespace());
            if !key_ok || !value_ok {
                return Err(VerifyError::MalformedHeader);
            }
            let (slot, part) = if key == scheme.timestamp {
                (&mut timestamp, scheme.timestamp)
            } else if key == scheme.signature {
                (&mut signature, scheme.signature)
            } else {
                return Err(VerifyError::UnsupportedScheme {
                    scheme: key.chars().take(MAX_QUOTED_SCHEME).collect(),
                });
            };
            if slot.replace(value).is_some() {
                return Err(VerifyError::DuplicatePart { part });
            }
        }
        let timestamp = timestamp.ok_or(VerifyError::MissingTimestamp)?;
        let signature = signature.ok_or(VerifyError::MissingSignature)?;

        if !timestamp.bytes().all(|b| b.is_ascii_digit()) {
            return Err(VerifyError::TimestampNotNumeric);
        }
        // Only digits are left, so parsing can only fail by overflowing.
        let count: u64 = timestamp
            .parse()
            .map_err(|_| VerifyError::TimestampOutOfRange)?;
        let sent_at = UNIX_EPOCH
            .checked_add(scheme.unit.duration(count))
            .ok_or(VerifyError::TimestampOutOfRange)?;

        Ok(Self {
            timestamp,
            sent_at,
            signature: decode_signature(signature)?,
        })
    }
}

fn decode_signature(hex: &str) -> Result<[u8; SIGNATURE_HEX_LEN / 2], VerifyError> {
    if hex.len() != SIGNATURE_HEX_LEN {
        return Err(VerifyError::SignatureWrongLength { len: hex.len() });
    }
    fn nibble(digit: u8) -> Option<u8> {
        match digit {
            b'0'..=b'9' => Some(digit - b'0'),
            b'a'..=b'f' => Some(digit - b'a' + 10),
            _ => None,
        }
    }
    let mut out = [0; SIGNATURE_HEX_LEN / 2];
    for (byte, pair) in out.iter_mut().zip(hex.as_bytes().chunks_exact(2)) {
        match (nibble(pair[0]), nibble(pair[1])) {
            (Some(high), Some(low)) => *byte = high << 4 | low,
            _ => return Err(VerifyError::SignatureNotHex),
        }
    }
    Ok(out)
}

fn keyed_mac(secret: &[u8]) -> HmacSha256 {
    HmacSha256::new_from_slice(secret).expect("HMAC takes keys of any length")
}

/// A webhook event, generic over the enum of event names `K` and the [`Style`] its
/// `created_at` is written in (the generated `Event` alias passes the API's).
///
/// Deserializes payloads with or without `"object": "event"` (any other `object` is an
/// error); serializes with `"object": "event"` and `created_at` in RFC 3339 UTC as `S` says, so
/// a payload round-trips.
#[derive(Clone, Debug, PartialEq)]
pub struct Event<K, S = timestamp::auto::Style> {
    /// Unique id of the event (`event_...`); use it to ignore redeliveries.
    pub id: String,
    /// What happened, such as `user.created`.
    pub event: K,
    /// The event's payload; its shape depends on `event`.
    pub data: serde_json::Value,
    /// When the event happened.
    pub created_at: DateTime<Utc>,
    /// Extra context the API attaches to some events.
    pub context: Option<serde_json::Value>,
    /// Top-level fields this version does not know, kept so that re-serializing round-trips.
    pub extra: serde_json::Map<String, serde_json::Value>,
    style: PhantomData<fn() -> S>,
}

/// Top-level keys [`Event`] serializes itself; `extra` entries with these keys are skipped.
const EVENT_KEYS: [&str; 6] = ["object", "id", "event", "data", "created_at", "context"];

impl<K: Serialize, T: Style> Serialize for Event<K, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let extra = || {
            self.extra
                .iter()
                .filter(|(key, _)| !EVENT_KEYS.contains(&key.as_str()))
        };
        let len = 5 + usize::from(self.context.is_some()) + extra().count();
        let mut map = serializer.serialize_map(Some(len))?;
        map.serialize_entry("object", "event")?;
        map.serialize_entry("id", &self.id)?;
        map.serialize_entry("event", &self.event)?;
        map.serialize_entry("data", &self.data)?;
        map.serialize_entry("created_at", &T::FORMAT.format(&self.created_at))?;
        if let Some(context) = &self.context {
            map.serialize_entry("context", context)?;
        }
        for (key, value) in extra() {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

impl<'de, K: Deserialize<'de>, S> Deserialize<'de> for Event<K, S> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        /// The only accepted value of `object`.
        #[derive(Deserialize)]
        enum ObjectTag {
            #[serde(rename = "event")]
            Event,
        }

        #[derive(Deserialize)]
        struct Wire<K> {
            #[serde(rename = "object", default)]
            _object: Option<ObjectTag>,
            id: String,
            event: K,
            data: serde_json::Value,
            created_at: DateTime<Utc>,
            #[serde(default)]
            context: Option<serde_json::Value>,
            #[serde(flatten)]
            extra: serde_json::Map<String, serde_json::Value>,
        }

        let wire = Wire::<K>::deserialize(deserializer)?;
        Ok(Self {
            id: wire.id,
            event: wire.event,
            data: wire.data,
            created_at: wire.created_at,
            context: wire.context,
            extra: wire.extra,
            style: PhantomData,
        })
    }
}

