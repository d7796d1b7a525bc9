// @generated: copied from workos-codegen's `runtime/timestamp.rs`. Do not edit by hand:
// regenerate with `cargo codegen`.

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

