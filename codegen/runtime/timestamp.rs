//! `date-time` fields as `chrono::DateTime<Utc>`, read from any RFC 3339 timestamp (any offset,
//! as UTC) and written in one of two [`Format`]s, which the generator's settings choose per API:
//! [`auto`] writes what chrono's serde writes (`2026-01-15T12:00:00Z`), [`millis`] at least
//! milliseconds (`2026-01-15T12:00:00.000Z`), so an API that sends them round-trips byte for
//! byte. Finer precision, when present, is kept by both.
//!
//! Each format is a module for serde's `with` (`#[serde(with = "runtime::timestamp::millis")]`),
//! with `option` and `nullable` submodules, a [`Field`](millis::Field) newtype and a `Style` type
//! for types generic over the format ([`Style`]).

use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Deserializer, Serializer};

/// How timestamps are written (they are read from any RFC 3339 text).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// RFC 3339 in UTC with `Z`, with as many fractional digits as the value needs (none, 3, 6
    /// or 9): what chrono's serde writes.
    Auto,
    /// RFC 3339 in UTC with `Z` and at least milliseconds; more digits when the value has them.
    Millis,
}

impl Format {
    /// `value` written in this format.
    pub fn format(self, value: &DateTime<Utc>) -> String {
        let precision = match self {
            Self::Millis if value.timestamp_subsec_nanos() % 1_000_000 == 0 => {
                SecondsFormat::Millis
            }
            Self::Auto | Self::Millis => SecondsFormat::AutoSi,
        };
        value.to_rfc3339_opts(precision, true)
    }
}

/// A [`Format`] as a type, for types generic over how they write timestamps.
pub trait Style {
    const FORMAT: Format;
}

/// Accepts any RFC 3339 timestamp (any offset), as UTC.
fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<DateTime<Utc>, D::Error> {
    DateTime::<Utc>::deserialize(deserializer)
}

fn deserialize_option<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<DateTime<Utc>>, D::Error> {
    Option::<DateTime<Utc>>::deserialize(deserializer)
}

fn serialize_option<S: Serializer>(
    format: Format,
    value: &Option<DateTime<Utc>>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match value {
        Some(value) => serializer.serialize_some(&format.format(value)),
        None => serializer.serialize_none(),
    }
}

/// The serde `with` modules of one format: `serialize`/`deserialize` for `DateTime<Utc>`,
/// `option` for `Option<DateTime<Utc>>`, `nullable` for optional and nullable fields
/// (`Option<Option<DateTime<Utc>>>`, see [`super::nullable`]), and `Field`, a timestamp that
/// serializes in this format (used to check spec examples).
macro_rules! format_module {
    ($format:ident) => {
        use chrono::{DateTime, Utc};
        use serde::{Deserializer, Serializer};

        /// This module's format.
        pub const FORMAT: super::Format = super::Format::$format;

        /// This module's format as a type.
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
        pub struct Style;

        impl super::Style for Style {
            const FORMAT: super::Format = FORMAT;
        }

        /// `value` in this module's format.
        pub fn format(value: &DateTime<Utc>) -> String {
            FORMAT.format(value)
        }

        pub fn serialize<S: Serializer>(
            value: &DateTime<Utc>,
            serializer: S,
        ) -> Result<S::Ok, S::Error> {
            serializer.serialize_str(&format(value))
        }

        /// Accepts any RFC 3339 timestamp (any offset), as UTC.
        pub fn deserialize<'de, D: Deserializer<'de>>(
            deserializer: D,
        ) -> Result<DateTime<Utc>, D::Error> {
            super::deserialize(deserializer)
        }

        /// A timestamp serialized like a `date-time` field (used to check spec examples).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
        #[serde(transparent)]
        pub struct Field(#[serde(with = "self")] pub DateTime<Utc>);

        /// The same for `Option<DateTime<Utc>>` fields.
        pub mod option {
            use chrono::{DateTime, Utc};
            use serde::{Deserializer, Serializer};

            pub fn serialize<S: Serializer>(
                value: &Option<DateTime<Utc>>,
                serializer: S,
            ) -> Result<S::Ok, S::Error> {
                super::super::serialize_option(super::FORMAT, value, serializer)
            }

            pub fn deserialize<'de, D: Deserializer<'de>>(
                deserializer: D,
            ) -> Result<Option<DateTime<Utc>>, D::Error> {
                super::super::deserialize_option(deserializer)
            }
        }

        /// The same for optional and nullable fields, `Option<Option<DateTime<Utc>>>`: absent
        /// is `None`, `null` is `Some(None)`.
        pub mod nullable {
            use chrono::{DateTime, Utc};
            use serde::{Deserializer, Serializer};

            pub fn serialize<S: Serializer>(
                value: &Option<Option<DateTime<Utc>>>,
                serializer: S,
            ) -> Result<S::Ok, S::Error> {
                super::super::serialize_option(super::FORMAT, &value.flatten(), serializer)
            }

            pub fn deserialize<'de, D: Deserializer<'de>>(
                deserializer: D,
            ) -> Result<Option<Option<DateTime<Utc>>>, D::Error> {
                super::super::deserialize_option(deserializer).map(Some)
            }
        }
    };
}

/// [`Format::Auto`]: `2026-01-15T12:00:00Z`, `2026-01-15T12:00:00.120Z`, as chrono's serde.
pub mod auto {
    format_module!(Auto);
}

/// [`Format::Millis`]: `2026-01-15T12:00:00.000Z`, `2026-01-15T12:00:00.123456Z`.
pub mod millis {
    format_module!(Millis);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Serialize, serde::Deserialize)]
    struct Millis {
        #[serde(with = "super::millis")]
        at: DateTime<Utc>,
        #[serde(with = "super::millis::option", default)]
        maybe: Option<DateTime<Utc>>,
        #[serde(
            with = "super::millis::nullable",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        cleared: Option<Option<DateTime<Utc>>>,
    }

    #[derive(serde::Serialize, serde::Deserialize)]
    struct Auto {
        #[serde(with = "super::auto")]
        at: DateTime<Utc>,
        #[serde(with = "super::auto::option", default)]
        maybe: Option<DateTime<Utc>>,
        #[serde(
            with = "super::auto::nullable",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        cleared: Option<Option<DateTime<Utc>>>,
    }

    /// chrono's own serde, for comparison.
    #[derive(serde::Serialize, serde::Deserialize)]
    struct Chrono {
        at: DateTime<Utc>,
        maybe: Option<DateTime<Utc>>,
    }

    fn round_trip<T: serde::Serialize + serde::de::DeserializeOwned>(json: &str) -> String {
        let at: T = serde_json::from_str(json).unwrap();
        serde_json::to_string(&at).unwrap()
    }

    #[test]
    fn millisecond_timestamps_round_trip_exactly() {
        let json = r#"{"at":"2026-01-15T12:00:00.000Z","maybe":"2026-01-15T12:00:01.123Z"}"#;
        assert_eq!(round_trip::<Millis>(json), json);
    }

    #[test]
    fn auto_writes_what_chrono_writes() {
        for (sent, written) in [
            ("2026-01-15T12:00:00.000Z", "2026-01-15T12:00:00Z"),
            ("2026-01-15T12:00:00Z", "2026-01-15T12:00:00Z"),
            ("2026-01-15T12:00:00.5Z", "2026-01-15T12:00:00.500Z"),
            ("2026-01-15T12:00:00.123456Z", "2026-01-15T12:00:00.123456Z"),
            ("2026-01-15T13:00:00.1+01:00", "2026-01-15T12:00:00.100Z"),
        ] {
            let json = format!(r#"{{"at":"{sent}","maybe":null}}"#);
            let expected = format!(r#"{{"at":"{written}","maybe":null}}"#);
            assert_eq!(round_trip::<Auto>(&json), expected, "{sent}");
            assert_eq!(round_trip::<Chrono>(&json), expected, "{sent}");
        }
        let json = r#"{"at":"2026-01-15T12:00:00Z","maybe":"2026-01-15T12:00:01.250Z"}"#;
        assert_eq!(round_trip::<Auto>(json), json);
    }

    #[test]
    fn finer_precision_is_kept_and_offsets_become_utc() {
        let json = r#"{"at":"2026-01-15T13:00:00.123456+01:00","maybe":null}"#;
        assert_eq!(
            round_trip::<Millis>(json),
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
            assert_eq!(round_trip::<Millis>(&json), json);
            assert_eq!(round_trip::<Auto>(&json), json.replace(".000Z", "Z"));
        }
    }

    #[test]
    fn formats_as_values_and_as_types() {
        let at = DateTime::parse_from_rfc3339("2026-01-15T12:00:00Z")
            .unwrap()
            .to_utc();
        assert_eq!(Format::Auto.format(&at), "2026-01-15T12:00:00Z");
        assert_eq!(millis::format(&at), "2026-01-15T12:00:00.000Z");
        assert_eq!(<auto::Style as Style>::FORMAT, Format::Auto);
        assert_eq!(<millis::Style as Style>::FORMAT, Format::Millis);
        let field: auto::Field = serde_json::from_str(r#""2026-01-15T12:00:00.000Z""#).unwrap();
        assert_eq!(
            serde_json::to_string(&field).unwrap(),
            r#""2026-01-15T12:00:00Z""#
        );
    }

    #[test]
    fn malformed_timestamps_are_errors() {
        assert!(serde_json::from_str::<Millis>(r#"{"at":"yesterday"}"#).is_err());
        assert!(serde_json::from_str::<Auto>(r#"{"at":"yesterday"}"#).is_err());
    }
}
