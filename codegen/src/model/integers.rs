//! Integers of a fixed width, from an integer schema's `format` (`int8` .. `uint64`, `uint`).
//! The format is the type: a `format: int64` with `maximum: 100` stays `i64` (narrowing by the
//! bounds would change the API's type when a bound moves), and bounds the type cannot hold are
//! value checks, as every `minimum`/`maximum` is.

use serde_json::Value;

/// A Rust integer type other than `i64` (`Ty::Integer`, what `integer` and `int64` are).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Int {
    I8,
    I16,
    I32,
    U8,
    U16,
    U32,
    U64,
}

/// What an integer `format` is: `None` is `i64` (no format, `int64`, or one with no Rust
/// integer of its own).
pub fn from_format(format: Option<&str>) -> Option<Int> {
    Some(match format? {
        "int8" => Int::I8,
        "int16" => Int::I16,
        "int32" => Int::I32,
        "uint8" => Int::U8,
        "uint16" => Int::U16,
        "uint32" => Int::U32,
        "uint64" | "uint" => Int::U64,
        _ => return None,
    })
}

impl Int {
    /// The Rust type's name.
    pub fn rust(self) -> &'static str {
        match self {
            Int::I8 => "i8",
            Int::I16 => "i16",
            Int::I32 => "i32",
            Int::U8 => "u8",
            Int::U16 => "u16",
            Int::U32 => "u32",
            Int::U64 => "u64",
        }
    }

    /// Whether the JSON value is an integer this type holds.
    pub fn holds(self, value: &Value) -> bool {
        let (min, max): (i128, i128) = match self {
            Int::I8 => (i8::MIN.into(), i8::MAX.into()),
            Int::I16 => (i16::MIN.into(), i16::MAX.into()),
            Int::I32 => (i32::MIN.into(), i32::MAX.into()),
            Int::U8 => (0, u8::MAX.into()),
            Int::U16 => (0, u16::MAX.into()),
            Int::U32 => (0, u32::MAX.into()),
            Int::U64 => (0, u64::MAX.into()),
        };
        let value = match (value.as_i64(), value.as_u64()) {
            (Some(n), _) => i128::from(n),
            (None, Some(n)) => i128::from(n),
            (None, None) => return false,
        };
        (min..=max).contains(&value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn formats_name_their_rust_integers() {
        assert_eq!(from_format(Some("uint8")), Some(Int::U8));
        assert_eq!(from_format(Some("uint")), Some(Int::U64));
        assert_eq!(from_format(Some("int64")), None);
        assert_eq!(from_format(Some("float")), None);
        assert_eq!(from_format(None), None);
    }

    #[test]
    fn values_fit_only_within_the_type() {
        assert!(Int::U8.holds(&json!(255)) && !Int::U8.holds(&json!(256)));
        assert!(!Int::U8.holds(&json!(-1)) && Int::I8.holds(&json!(-128)));
        assert!(Int::U64.holds(&json!(u64::MAX)) && !Int::I32.holds(&json!(1.5)));
    }
}
