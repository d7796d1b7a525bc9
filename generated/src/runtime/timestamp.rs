// @generated: copied from workos-codegen's `runtime/timestamp.rs`. Do not edit by hand:
// regenerate with `cargo codegen`.

//! `date-time` fields as `chrono::DateTime<Utc>`, serialized the way WorkOS sends them
//! (`2026-01-15T12:00:00.000Z`: milliseconds, `Z`), so payloads round-trip byte for byte.
//! Finer precision, when present, is kept.

use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Deserializer, Serializer};

/// RFC 3339 with milliseconds (or more digits when the value has them) and `Z`.
pub fn format(value: &DateTime<Utc>) -> String {
    let precision = if value.timestamp_subsec_nanos() % 1_000_000 == 0 {
        SecondsFormat::Millis
    } else {
        SecondsFormat::AutoSi
    };
    value.to_rfc3339_opts(precision, true)
}

pub fn serialize<S: Serializer>(value: &DateTime<Utc>, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&format(value))
}

/// Accepts any RFC 3339 timestamp (any offset), as UTC.
pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<DateTime<Utc>, D::Error> {
    DateTime::<Utc>::deserialize(deserializer)
}

/// A timestamp serialized like a `date-time` field (used to check spec examples).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct Field(#[serde(with = "self")] pub DateTime<Utc>);

/// The same for `Option<DateTime<Utc>>` fields.
pub mod option {
    use super::*;

    pub fn serialize<S: Serializer>(
        value: &Option<DateTime<Utc>>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(value) => serializer.serialize_some(&super::format(value)),
            None => serializer.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<DateTime<Utc>>, D::Error> {
        Option::<DateTime<Utc>>::deserialize(deserializer)
    }
}

/// The same for optional and nullable fields, `Option<Option<DateTime<Utc>>>` (see
/// [`super::nullable`]).
pub mod nullable {
    use super::*;

    pub fn serialize<S: Serializer>(
        value: &Option<Option<DateTime<Utc>>>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        super::option::serialize(&value.flatten(), serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Option<DateTime<Utc>>>, D::Error> {
        super::option::deserialize(deserializer).map(Some)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Serialize, serde::Deserialize)]
    struct At {
        #[serde(with = "super")]
        at: DateTime<Utc>,
        #[serde(with = "super::option", default)]
        maybe: Option<DateTime<Utc>>,
        #[serde(
            with = "super::nullable",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        cleared: Option<Option<DateTime<Utc>>>,
    }

    fn round_trip(json: &str) -> String {
        let at: At = serde_json::from_str(json).unwrap();
        serde_json::to_string(&at).unwrap()
    }

    #[test]
    fn workos_timestamps_round_trip_exactly() {
        let json = r#"{"at":"2026-01-15T12:00:00.000Z","maybe":"2026-01-15T12:00:01.123Z"}"#;
        assert_eq!(round_trip(json), json);
    }

    #[test]
    fn finer_precision_is_kept_and_offsets_become_utc() {
        let json = r#"{"at":"2026-01-15T13:00:00.123456+01:00","maybe":null}"#;
        assert_eq!(
            round_trip(json),
            r#"{"at":"2026-01-15T12:00:00.123456Z","maybe":null}"#
        );
    }

    #[test]
    fn a_nullable_timestamp_keeps_absent_and_null_apart() {
        let at = r#""at":"2026-01-15T12:00:00.000Z","maybe":null"#;
        for cleared in [
            "",
            r#","cleared":null"#,
            r#","cleared":"2026-01-15T12:00:01.000Z""#,
        ] {
            let json = format!("{{{at}{cleared}}}");
            assert_eq!(round_trip(&json), json);
        }
    }

    #[test]
    fn malformed_timestamps_are_errors() {
        assert!(serde_json::from_str::<At>(r#"{"at":"yesterday"}"#).is_err());
    }
}
