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

#[cfg(test)]
mod tests {
    use super::*;

    use serde_json::json;

    /// Signing times in milliseconds, as `t=<ms>, v1=<hex>`.
    const SCHEME: Scheme = Scheme {
        header: "Test-Signature",
        timestamp: "t",
        signature: "v1",
        unit: TimeUnit::Millis,
    };

    /// An event that writes `created_at` with milliseconds.
    type MillisEvent = Event<TestEvent, timestamp::millis::Style>;

    fn new_verifier(secret: impl AsRef<[u8]>) -> Result<Verifier, EmptySecretError> {
        Verifier::with_scheme(SCHEME, secret)
    }

    fn sign(secret: impl AsRef<[u8]>, timestamp: SystemTime, body: &[u8]) -> String {
        SCHEME.sign(secret, timestamp, body)
    }

    fn sign_millis(secret: impl AsRef<[u8]>, timestamp_ms: u64, body: &[u8]) -> String {
        SCHEME.sign_at(secret, timestamp_ms, body)
    }

    const SECRET: &str = "whsec_SUPER-secret-value-9f8e7d";
    /// 2023-11-14T22:13:20Z, the time of the known test vector.
    const T: u64 = 1_700_000_000_000;
    const BODY: &[u8] = br#"{"id":"event_01","event":"user.created","data":{"id":"user_01"},"created_at":"2026-01-15T12:00:00.000Z"}"#;

    /// Stand-in for the generated open enum of event names.
    #[derive(Clone, Debug, PartialEq, Eq)]
    enum TestEvent {
        UserCreated,
        Unknown(String),
    }

    impl Serialize for TestEvent {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.serialize_str(match self {
                Self::UserCreated => "user.created",
                Self::Unknown(name) => name,
            })
        }
    }

    impl<'de> Deserialize<'de> for TestEvent {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            let name = String::deserialize(deserializer)?;
            Ok(match name.as_str() {
                "user.created" => Self::UserCreated,
                _ => Self::Unknown(name),
            })
        }
    }

    fn time(millis: u64) -> SystemTime {
        UNIX_EPOCH + Duration::from_millis(millis)
    }

    /// A verifier for [`SECRET`] whose clock reads `now`.
    fn verifier_at(now: SystemTime) -> Verifier {
        new_verifier(SECRET).unwrap().with_clock(move || now)
    }

    fn verify_at_t(header: &str) -> Result<(), VerifyError> {
        verifier_at(time(T)).verify(header, BODY)
    }

    /// A well-formed header for [`BODY`] at [`T`], split into its two values.
    fn good_parts() -> (String, String) {
        let header = sign_millis(SECRET, T, BODY);
        let (t, v1) = header.split_once(", ").unwrap();
        (
            t.strip_prefix("t=").unwrap().to_owned(),
            v1.strip_prefix("v1=").unwrap().to_owned(),
        )
    }

    #[test]
    fn known_vector() {
        let header = sign_millis("secret", 1_700_000_000_000, b"body");
        assert_eq!(
            header,
            "t=1700000000000, v1=32850522003ebbce01a416e5d5df8ec8354a96e921cac7d0ebbaeef5732bdaea"
        );
        let verifier = new_verifier("secret")
            .unwrap()
            .with_clock(|| time(1_700_000_000_000));
        verifier.verify(header.as_str(), b"body").unwrap();
    }

    #[test]
    fn sign_with_system_time_matches_millis() {
        assert_eq!(sign(SECRET, time(T), BODY), sign_millis(SECRET, T, BODY));
        // Sub-millisecond parts are truncated: the scheme signs milliseconds.
        assert_eq!(
            sign(SECRET, time(T) + Duration::from_micros(999), BODY),
            sign_millis(SECRET, T, BODY)
        );
        assert_eq!(
            sign(SECRET, UNIX_EPOCH - Duration::from_secs(1), BODY),
            sign_millis(SECRET, 0, BODY)
        );
    }

    #[test]
    fn signed_payload_round_trips() {
        let now = SystemTime::now();
        let header = sign(SECRET, now, BODY);
        new_verifier(SECRET)
            .unwrap()
            .verify(Some(header.as_str()), BODY)
            .unwrap();

        let event: Event<TestEvent> = verifier_at(now)
            .verify_and_parse(header.as_str(), BODY)
            .unwrap();
        assert_eq!(event.id, "event_01");
        assert_eq!(event.event, TestEvent::UserCreated);
        assert_eq!(event.data, json!({"id": "user_01"}));
    }

    #[test]
    fn header_spacing_is_flexible() {
        let (t, v1) = good_parts();
        verify_at_t(&format!("t={t},v1={v1}")).unwrap();
        verify_at_t(&format!("  v1={v1} ,\tt={t}  ")).unwrap();
    }

    #[test]
    fn empty_secret_is_refused() {
        assert_eq!(new_verifier("").unwrap_err(), EmptySecretError);
        assert_eq!(
            new_verifier(Vec::<u8>::new()).unwrap_err(),
            EmptySecretError
        );
        assert!(new_verifier(" ").is_ok());
    }

    #[test]
    fn rejects_missing_header() {
        let verifier = verifier_at(time(T));
        assert!(matches!(
            verifier.verify(None, BODY),
            Err(VerifyError::MissingHeader)
        ));
        for header in ["", "   ", "\t"] {
            assert!(
                matches!(
                    verifier.verify(header, BODY),
                    Err(VerifyError::MissingHeader)
                ),
                "{header:?}"
            );
        }
    }

    #[test]
    fn rejects_malformed_header() {
        let (t, v1) = good_parts();
        for header in [
            "garbage".to_owned(),
            format!("t={t}; v1={v1}"),
            format!("t={t},,v1={v1}"),
            format!("t={t}, v1={v1},"),
            format!("=x, t={t}, v1={v1}"),
            format!("t ={t}, v1={v1}"),
            format!("t=, t={t}, v1={v1}"),
            format!("t={t}, v1="),
            format!("t= {t}, v1={v1}"),
            format!("t={t}, v1={v1}=="),
            format!("t={t} v1={v1}"),
        ] {
            assert!(
                matches!(verify_at_t(&header), Err(VerifyError::MalformedHeader)),
                "{header:?}: {:?}",
                verify_at_t(&header)
            );
        }
    }

    #[test]
    fn rejects_missing_timestamp() {
        let (_, v1) = good_parts();
        assert!(matches!(
            verify_at_t(&format!("v1={v1}")),
            Err(VerifyError::MissingTimestamp)
        ));
    }

    #[test]
    fn rejects_missing_signature() {
        let (t, _) = good_parts();
        assert!(matches!(
            verify_at_t(&format!("t={t}")),
            Err(VerifyError::MissingSignature)
        ));
    }

    #[test]
    fn rejects_duplicate_timestamp() {
        let (t, v1) = good_parts();
        // Even when both copies are identical and the signature is right.
        assert!(matches!(
            verify_at_t(&format!("t={t}, t={t}, v1={v1}")),
            Err(VerifyError::DuplicatePart { part: "t" })
        ));
    }

    #[test]
    fn rejects_duplicate_signature() {
        let (t, v1) = good_parts();
        let other = "0".repeat(SIGNATURE_HEX_LEN);
        for header in [
            format!("t={t}, v1={v1}, v1={v1}"),
            format!("t={t}, v1={other}, v1={v1}"),
            format!("t={t}, v1={v1}, v1={other}"),
        ] {
            assert!(
                matches!(
                    verify_at_t(&header),
                    Err(VerifyError::DuplicatePart { part: "v1" })
                ),
                "{header:?}"
            );
        }
    }

    #[test]
    fn rejects_unknown_scheme_next_to_valid_v1() {
        let (t, v1) = good_parts();
        for (header, scheme) in [
            (format!("t={t}, v0={v1}, v1={v1}"), "v0"),
            (format!("t={t}, v1={v1}, v2={v1}"), "v2"),
            (format!("t={t}, v1={v1}, v0=deadbeef"), "v0"),
            (format!("t={t}, V1={v1}"), "V1"),
            (format!("t={t}, v1={v1}, foo=bar"), "foo"),
        ] {
            match verify_at_t(&header) {
                Err(VerifyError::UnsupportedScheme { scheme: got }) => {
                    assert_eq!(got, scheme, "{header:?}")
                }
                other => panic!("{header:?}: {other:?}"),
            }
        }
        // Without the extra part, the same header is good.
        verify_at_t(&format!("t={t}, v1={v1}")).unwrap();
    }

    #[test]
    fn unknown_scheme_is_quoted_shortened() {
        let (t, v1) = good_parts();
        let long = "x".repeat(1000);
        match verify_at_t(&format!("t={t}, v1={v1}, {long}=1")) {
            Err(VerifyError::UnsupportedScheme { scheme }) => {
                assert_eq!(scheme, "x".repeat(MAX_QUOTED_SCHEME))
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn rejects_non_numeric_timestamp() {
        let (_, v1) = good_parts();
        for t in [
            "abc",
            "-1",
            "+1700000000000",
            "1700000000000.0",
            "1.7e12",
            "0x10",
            "١٢",
        ] {
            assert!(
                matches!(
                    verify_at_t(&format!("t={t}, v1={v1}")),
                    Err(VerifyError::TimestampNotNumeric)
                ),
                "{t:?}"
            );
        }
    }

    #[test]
    fn rejects_overflowing_timestamp() {
        let (_, v1) = good_parts();
        for t in ["18446744073709551616", "99999999999999999999999999999"] {
            assert!(
                matches!(
                    verify_at_t(&format!("t={t}, v1={v1}")),
                    Err(VerifyError::TimestampOutOfRange)
                ),
                "{t:?}"
            );
        }
        // The largest u64 still parses; it is then merely far in the future.
        let t = u64::MAX;
        let header = sign_millis(SECRET, t, BODY);
        assert!(matches!(
            verify_at_t(&header),
            Err(VerifyError::TimestampTooNew { .. })
        ));
    }

    #[test]
    fn rejects_signature_of_wrong_length() {
        let (t, v1) = good_parts();
        for (sig, len) in [
            (v1[..63].to_owned(), 63),
            (format!("{v1}0"), 65),
            (v1[..32].to_owned(), 32),
            (format!("{v1}{v1}"), 128),
        ] {
            match verify_at_t(&format!("t={t}, v1={sig}")) {
                Err(VerifyError::SignatureWrongLength { len: got }) => assert_eq!(got, len),
                other => panic!("{sig:?}: {other:?}"),
            }
        }
    }

    #[test]
    fn rejects_signature_that_is_not_lowercase_hex() {
        let (t, v1) = good_parts();
        let mut non_hex = v1.clone();
        non_hex.replace_range(10..11, "g");
        // 62 hex digits and one two-byte character: 64 bytes, right length, not hex.
        let non_ascii = format!("{}é", &v1[..62]);
        assert_eq!(non_ascii.len(), SIGNATURE_HEX_LEN);
        for sig in [non_hex, v1.to_uppercase(), non_ascii, "_".repeat(64)] {
            assert!(
                matches!(
                    verify_at_t(&format!("t={t}, v1={sig}")),
                    Err(VerifyError::SignatureNotHex)
                ),
                "{sig:?}"
            );
        }
    }

    #[test]
    fn rejects_body_changed_by_one_byte() {
        let header = sign_millis(SECRET, T, BODY);
        verify_at_t(&header).unwrap();
        let verifier = verifier_at(time(T));
        for i in [0, BODY.len() / 2, BODY.len() - 1] {
            let mut body = BODY.to_vec();
            body[i] ^= 0x01;
            assert!(
                matches!(
                    verifier.verify(header.as_str(), &body),
                    Err(VerifyError::SignatureMismatch)
                ),
                "byte {i}"
            );
        }
        let mut longer = BODY.to_vec();
        longer.push(b' ');
        assert!(matches!(
            verifier.verify(header.as_str(), &longer),
            Err(VerifyError::SignatureMismatch)
        ));
        assert!(matches!(
            verifier.verify(header.as_str(), &BODY[..BODY.len() - 1]),
            Err(VerifyError::SignatureMismatch)
        ));
    }

    #[test]
    fn rejects_other_secret() {
        let header = sign_millis("whsec_another-endpoint", T, BODY);
        assert!(matches!(
            verify_at_t(&header),
            Err(VerifyError::SignatureMismatch)
        ));
    }

    #[test]
    fn rejects_signature_flipped_in_one_bit() {
        let (t, v1) = good_parts();
        let mut sig = v1.into_bytes();
        sig[63] = if sig[63] == b'0' { b'1' } else { b'0' };
        let sig = String::from_utf8(sig).unwrap();
        assert!(matches!(
            verify_at_t(&format!("t={t}, v1={sig}")),
            Err(VerifyError::SignatureMismatch)
        ));
    }

    #[test]
    fn rejects_timestamp_changed_after_signing() {
        let (_, v1) = good_parts();
        // Moving `t` within the tolerance still breaks the signature.
        let t = T + 1;
        assert!(matches!(
            verify_at_t(&format!("t={t}, v1={v1}")),
            Err(VerifyError::SignatureMismatch)
        ));
        // `t` is signed as written: leading zeros make another signed string.
        assert!(matches!(
            verify_at_t(&format!("t=0{T}, v1={v1}")),
            Err(VerifyError::SignatureMismatch)
        ));
    }

    #[test]
    fn tolerance_edges_in_the_past() {
        let header = sign_millis(SECRET, T, BODY);
        let limit = u64::try_from(DEFAULT_TOLERANCE.as_millis()).unwrap();
        verifier_at(time(T + limit))
            .verify(header.as_str(), BODY)
            .unwrap();
        match verifier_at(time(T + limit + 1)).verify(header.as_str(), BODY) {
            Err(VerifyError::TimestampTooOld { age, tolerance }) => {
                assert_eq!(age, DEFAULT_TOLERANCE + Duration::from_millis(1));
                assert_eq!(tolerance, DEFAULT_TOLERANCE);
            }
            other => panic!("{other:?}"),
        }
        // Even a nanosecond past the limit is too old.
        let just_past = time(T + limit) + Duration::from_nanos(1);
        assert!(matches!(
            verifier_at(just_past).verify(header.as_str(), BODY),
            Err(VerifyError::TimestampTooOld { .. })
        ));
    }

    #[test]
    fn tolerance_edges_in_the_future() {
        let header = sign_millis(SECRET, T, BODY);
        let limit = u64::try_from(DEFAULT_TOLERANCE.as_millis()).unwrap();
        verifier_at(time(T - limit))
            .verify(header.as_str(), BODY)
            .unwrap();
        match verifier_at(time(T - limit - 1)).verify(header.as_str(), BODY) {
            Err(VerifyError::TimestampTooNew { ahead, tolerance }) => {
                assert_eq!(ahead, DEFAULT_TOLERANCE + Duration::from_millis(1));
                assert_eq!(tolerance, DEFAULT_TOLERANCE);
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            verifier_at(time(T - 3_600_000)).verify(header.as_str(), BODY),
            Err(VerifyError::TimestampTooNew { .. })
        ));
    }

    #[test]
    fn custom_tolerance() {
        let header = sign_millis(SECRET, T, BODY);
        let verifier = |now| verifier_at(now).with_tolerance(Duration::from_secs(5));
        assert_eq!(verifier(time(T)).tolerance(), Duration::from_secs(5));
        verifier(time(T + 5_000))
            .verify(header.as_str(), BODY)
            .unwrap();
        verifier(time(T - 5_000))
            .verify(header.as_str(), BODY)
            .unwrap();
        assert!(matches!(
            verifier(time(T + 5_001)).verify(header.as_str(), BODY),
            Err(VerifyError::TimestampTooOld { .. })
        ));
        assert!(matches!(
            verifier(time(T - 5_001)).verify(header.as_str(), BODY),
            Err(VerifyError::TimestampTooNew { .. })
        ));
        // The default tolerance would have accepted these.
        verifier_at(time(T + 5_001))
            .verify(header.as_str(), BODY)
            .unwrap();
    }

    #[test]
    fn default_clock_is_system_time() {
        let stale = sign(SECRET, SystemTime::now() - Duration::from_secs(3600), BODY);
        let verifier = new_verifier(SECRET).unwrap();
        assert!(matches!(
            verifier.verify(stale.as_str(), BODY),
            Err(VerifyError::TimestampTooOld { .. })
        ));
        verifier
            .verify(sign(SECRET, SystemTime::now(), BODY).as_str(), BODY)
            .unwrap();
    }

    #[test]
    fn stale_forgery_is_reported_as_mismatch() {
        let header = sign_millis("whsec_forger", T, BODY);
        assert!(matches!(
            verifier_at(time(T + 86_400_000)).verify(header.as_str(), BODY),
            Err(VerifyError::SignatureMismatch)
        ));
    }

    #[test]
    fn debug_does_not_show_the_secret() {
        let verifier = new_verifier(SECRET).unwrap();
        let with_clock = verifier.clone().with_clock(SystemTime::now);
        for debug in [
            format!("{verifier:?}"),
            format!("{verifier:#?}"),
            format!("{with_clock:?}"),
        ] {
            assert!(debug.starts_with("Verifier"), "{debug}");
            assert!(debug.contains("<redacted>"), "{debug}");
            assert!(!debug.contains(SECRET), "{debug}");
            assert!(!debug.contains("SUPER"), "{debug}");
        }
    }

    #[test]
    fn errors_do_not_show_the_secret() {
        let (t, v1) = good_parts();
        let verifier = verifier_at(time(T));
        let headers = [
            String::new(),
            "garbage".to_owned(),
            format!("v1={v1}"),
            format!("t={t}"),
            format!("t={t}, t={t}, v1={v1}"),
            format!("t={t}, v0={v1}, v1={v1}"),
            format!("t=x, v1={v1}"),
            format!("t=99999999999999999999999, v1={v1}"),
            format!("t={t}, v1=abc"),
            format!("t={t}, v1={}", "z".repeat(64)),
            sign_millis("whsec_other", T, BODY),
            sign_millis(SECRET, T - 3_600_000, BODY),
            sign_millis(SECRET, T + 3_600_000, BODY),
        ];
        let mut errors: Vec<VerifyError> = headers
            .iter()
            .map(|header| verifier.verify(header.as_str(), BODY).unwrap_err())
            .collect();
        let not_json = b"{ not json";
        errors.push(
            verifier
                .verify_and_parse::<TestEvent, timestamp::auto::Style>(
                    sign_millis(SECRET, T, not_json).as_str(),
                    not_json,
                )
                .unwrap_err(),
        );
        // 14 cases, each a different variant.
        let variants: std::collections::HashSet<_> =
            errors.iter().map(std::mem::discriminant).collect();
        assert_eq!(variants.len(), 14);
        for error in &errors {
            for text in [error.to_string(), format!("{error:?}")] {
                assert!(!text.is_empty());
                assert!(!text.contains(SECRET), "{text}");
                assert!(!text.contains("SUPER"), "{text}");
            }
        }
        assert!(!EmptySecretError.to_string().is_empty());
    }

    #[test]
    fn parses_event_with_and_without_object_field() {
        let verifier = verifier_at(time(T));
        let with_object = br#"{"object":"event","id":"event_02","event":"user.created","data":{"id":"user_02"},"created_at":"2026-01-15T12:00:00.123Z"}"#;
        for body in [BODY, with_object.as_slice()] {
            let header = sign_millis(SECRET, T, body);
            let event: Event<TestEvent> = verifier.verify_and_parse(header.as_str(), body).unwrap();
            assert_eq!(event.event, TestEvent::UserCreated);
            assert!(event.extra.is_empty(), "{:?}", event.extra);
            assert_eq!(event.context, None);
        }
    }

    #[test]
    fn unknown_event_names_parse() {
        let body = br#"{"id":"event_03","event":"brand.new_thing","data":{},"created_at":"2026-01-15T12:00:00.000Z"}"#;
        let header = sign_millis(SECRET, T, body);
        let event: Event<TestEvent> = verifier_at(time(T))
            .verify_and_parse(header.as_str(), body)
            .unwrap();
        assert_eq!(
            event.event,
            TestEvent::Unknown("brand.new_thing".to_owned())
        );
    }

    #[test]
    fn event_round_trips_with_object_and_millis() {
        let payload = json!({
            "id": "event_04",
            "event": "user.created",
            "data": {"id": "user_04", "email": "a@example.com"},
            "created_at": "2026-01-15T12:00:00.000Z",
            "context": {"client_id": "client_01"},
            "new_top_level_field": [1, 2],
        });
        let event: MillisEvent = serde_json::from_value(payload.clone()).unwrap();
        assert_eq!(
            event.created_at,
            DateTime::parse_from_rfc3339("2026-01-15T12:00:00Z").unwrap()
        );
        assert_eq!(event.context, Some(json!({"client_id": "client_01"})));
        assert_eq!(event.extra.get("new_top_level_field"), Some(&json!([1, 2])));

        let mut expected = payload;
        expected["object"] = json!("event");
        assert_eq!(serde_json::to_value(&event).unwrap(), expected);
        let text = serde_json::to_string(&event).unwrap();
        assert!(
            text.contains(r#""created_at":"2026-01-15T12:00:00.000Z""#),
            "{text}"
        );
        assert!(text.contains(r#""object":"event""#), "{text}");
        let again: MillisEvent = serde_json::from_str(&text).unwrap();
        assert_eq!(again, event);
    }

    #[test]
    fn created_at_keeps_finer_precision_and_becomes_utc() {
        let mut payload: serde_json::Value = serde_json::from_slice(BODY).unwrap();
        for (sent, serialized) in [
            ("2026-01-15T12:00:00Z", "2026-01-15T12:00:00.000Z"),
            ("2026-01-15T12:00:00.5Z", "2026-01-15T12:00:00.500Z"),
            ("2026-01-15T12:00:00.123456Z", "2026-01-15T12:00:00.123456Z"),
            ("2026-01-15T13:00:00.123+01:00", "2026-01-15T12:00:00.123Z"),
        ] {
            payload["created_at"] = json!(sent);
            let event: MillisEvent = serde_json::from_value(payload.clone()).unwrap();
            let value = serde_json::to_value(&event).unwrap();
            assert_eq!(value["created_at"], json!(serialized), "{sent}");
        }
    }

    #[test]
    fn serialization_omits_absent_context_and_shadowed_extras() {
        let mut event: MillisEvent = serde_json::from_slice(BODY).unwrap();
        event
            .extra
            .insert("object".to_owned(), json!("not-an-event"));
        event.extra.insert("id".to_owned(), json!("shadow"));
        let value = serde_json::to_value(&event).unwrap();
        assert_eq!(
            value,
            json!({
                "object": "event",
                "id": "event_01",
                "event": "user.created",
                "data": {"id": "user_01"},
                "created_at": "2026-01-15T12:00:00.000Z",
            })
        );
    }

    #[test]
    fn rejects_other_object_kinds_and_bad_events() {
        for payload in [
            json!({"object": "connection", "id": "e", "event": "user.created", "data": {}, "created_at": "2026-01-15T12:00:00.000Z"}),
            json!({"id": "e", "event": "user.created", "data": {}}),
            json!({"id": "e", "event": "user.created", "data": {}, "created_at": "yesterday"}),
            json!({"event": "user.created", "data": {}, "created_at": "2026-01-15T12:00:00.000Z"}),
            json!([]),
        ] {
            let body = serde_json::to_vec(&payload).unwrap();
            let header = sign_millis(SECRET, T, &body);
            assert!(
                matches!(
                    verifier_at(time(T)).verify_and_parse::<TestEvent, timestamp::auto::Style>(
                        header.as_str(),
                        &body
                    ),
                    Err(VerifyError::Parse(_))
                ),
                "{payload}"
            );
        }
    }

    #[test]
    fn verify_and_parse_checks_the_signature_first() {
        let header = sign_millis("whsec_other", T, BODY);
        assert!(matches!(
            verifier_at(time(T))
                .verify_and_parse::<TestEvent, timestamp::auto::Style>(header.as_str(), BODY),
            Err(VerifyError::SignatureMismatch)
        ));
        let not_json = b"not json";
        let stale = sign_millis(SECRET, T - 3_600_000, not_json);
        assert!(matches!(
            verifier_at(time(T))
                .verify_and_parse::<TestEvent, timestamp::auto::Style>(stale.as_str(), not_json),
            Err(VerifyError::TimestampTooOld { .. })
        ));
    }

    #[test]
    fn other_schemes_name_their_parts_and_unit() {
        const SECONDS: Scheme = Scheme {
            header: "Other-Signature",
            timestamp: "ts",
            signature: "sig",
            unit: TimeUnit::Seconds,
        };
        let now = time(T) + Duration::from_millis(999);
        let header = SECONDS.sign(SECRET, now, BODY);
        let (ts, _) = header.split_once(", sig=").unwrap();
        assert_eq!(ts, format!("ts={}", T / 1000));
        let verifier = Verifier::with_scheme(SECONDS, SECRET)
            .unwrap()
            .with_clock(move || now);
        assert_eq!(verifier.scheme().header, "Other-Signature");
        verifier.verify(header.as_str(), BODY).unwrap();
        // Seconds, not milliseconds: 181 s later is too old.
        let later = verifier
            .clone()
            .with_clock(move || now + Duration::from_secs(181));
        assert!(matches!(
            later.verify(header.as_str(), BODY),
            Err(VerifyError::TimestampTooOld { .. })
        ));
        // The other scheme's keys are not this one's.
        let millis = sign_millis(SECRET, T, BODY);
        assert!(matches!(
            verifier.verify(millis.as_str(), BODY),
            Err(VerifyError::UnsupportedScheme { scheme }) if scheme == "t"
        ));
        let doubled = format!("{header}, sig=00");
        assert!(matches!(
            verifier.verify(doubled.as_str(), BODY),
            Err(VerifyError::DuplicatePart { part: "sig" })
        ));
    }

    #[test]
    fn events_write_created_at_in_their_style() {
        let auto: Event<TestEvent> = serde_json::from_slice(BODY).unwrap();
        let millis: MillisEvent = serde_json::from_slice(BODY).unwrap();
        let created_at = |value: serde_json::Value| value["created_at"].clone();
        assert_eq!(
            created_at(serde_json::to_value(&auto).unwrap()),
            json!("2026-01-15T12:00:00Z")
        );
        assert_eq!(
            created_at(serde_json::to_value(&millis).unwrap()),
            json!("2026-01-15T12:00:00.000Z")
        );
    }

    #[test]
    fn verifier_is_shareable() {
        fn assert_send_sync<T: Send + Sync + 'static>() {}
        assert_send_sync::<Verifier>();
        assert_send_sync::<VerifyError>();
        assert_send_sync::<Event<String>>();
    }
}
