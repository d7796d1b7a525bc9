//! Enums of JSON values that are not all strings (`[512, 2048, 4096]`, `[true]`, `[1, "a",
//! {"b": 2}]`): a value decodes to the variant whose value it equals, as JSON Schema compares
//! values (`1` equals `1.0`; objects regardless of key order). They are closed: any other value
//! is an error, since no Rust type holds "one of these numbers, or any other".

use serde::de::{self, Deserialize, Deserializer};
use serde_json::Value;

/// Decodes one of `all`, each of which `value` turns into its JSON value; `name` is the enum's,
/// for the error.
pub fn deserialize<'de, D, T>(
    deserializer: D,
    all: &[T],
    value: fn(&T) -> Value,
    name: &str,
) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Copy,
{
    let found = Value::deserialize(deserializer)?;
    all.iter()
        .copied()
        .find(|known| equal(&value(known), &found))
        .ok_or_else(|| de::Error::custom(format_args!("`{found}` is not a value of `{name}`")))
}

/// JSON Schema's equality of values: numbers by their value, arrays item by item, objects key
/// by key, whatever the order of their keys.
pub fn equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => match (x.as_i64(), y.as_i64()) {
            (Some(x), Some(y)) => x == y,
            _ => match (x.as_u64(), y.as_u64()) {
                (Some(x), Some(y)) => x == y,
                _ => x.as_f64() == y.as_f64(),
            },
        },
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| equal(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(key, x)| y.get(key).is_some_and(|y| equal(x, y)))
        }
        _ => a == b,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[derive(Clone, Copy, Debug, PartialEq)]
    enum Size {
        Small,
        Large,
    }

    fn value(size: &Size) -> Value {
        match size {
            Size::Small => json!(512),
            Size::Large => json!({"bytes": 4096, "unit": [1, 2]}),
        }
    }

    fn read(text: &str) -> Result<Size, serde_json::Error> {
        let mut deserializer = serde_json::Deserializer::from_str(text);
        deserialize(
            &mut deserializer,
            &[Size::Small, Size::Large],
            value,
            "Size",
        )
    }

    #[test]
    fn values_decode_to_the_variant_they_equal() {
        assert_eq!(read("512").unwrap(), Size::Small);
        assert_eq!(read("512.0").unwrap(), Size::Small);
        let large = r#"{"unit": [1, 2.0], "bytes": 4096}"#;
        assert_eq!(read(large).unwrap(), Size::Large);
    }

    #[test]
    fn other_values_are_errors_naming_the_enum() {
        let err = read("513").unwrap_err().to_string();
        assert_eq!(err, "`513` is not a value of `Size`");
        assert!(read(r#""512""#).is_err());
        assert!(read(r#"{"bytes": 4096}"#).is_err());
        assert!(read(r#"{"bytes": 4096, "unit": [1, 2], "more": 1}"#).is_err());
    }

    #[test]
    fn equality_is_json_schemas() {
        assert!(equal(&json!(1), &json!(1.0)));
        assert!(!equal(&json!(1), &json!(true)));
        assert!(!equal(&json!(-1), &json!(u64::MAX)));
        assert!(equal(&json!(u64::MAX), &json!(u64::MAX)));
        assert!(!equal(&json!([1, 2]), &json!([2, 1])));
        assert!(equal(&json!(null), &json!(null)));
    }
}
