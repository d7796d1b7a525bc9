//! Checks that a spec example fits its generated type (used by the generated tests).

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::validate::Validate;

/// Deserializes `json` into `T` and serializes it back: `Ok` when the result is the same JSON.
pub fn round_trip<T: DeserializeOwned + Serialize>(json: &str) -> Result<(), String> {
    let original: serde_json::Value =
        serde_json::from_str(json).map_err(|err| format!("example is not JSON: {err}"))?;
    let typed: T = serde_json::from_value(original.clone())
        .map_err(|err| format!("does not deserialize: {err}"))?;
    let back = serde_json::to_value(&typed).map_err(|err| format!("does not serialize: {err}"))?;
    if equivalent(&back, &original) {
        Ok(())
    } else {
        Err(format!("changed in a round trip: {original} became {back}"))
    }
}

/// [`round_trip`], then the value's checks: `Ok` when it also breaks no value constraint.
pub fn round_trip_valid<T: DeserializeOwned + Serialize + Validate>(
    json: &str,
) -> Result<(), String> {
    round_trip::<T>(json)?;
    let typed: T = serde_json::from_str(json).map_err(|err| err.to_string())?;
    typed
        .validate()
        .map_err(|violations| format!("breaks a value constraint: {violations}"))
}

/// JSON equality up to two normalisations, both the same value written another way: numbers
/// compare by value (a `number` example `300` comes back as `300.0`), and RFC 3339 timestamps
/// by instant (`...:00Z` may come back as `...:00.000Z`).
fn equivalent(a: &serde_json::Value, b: &serde_json::Value) -> bool {
    use serde_json::Value;
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x == y || x.as_f64() == y.as_f64(),
        (Value::String(x), Value::String(y)) => {
            x == y
                || matches!(
                    (
                        chrono::DateTime::parse_from_rfc3339(x),
                        chrono::DateTime::parse_from_rfc3339(y),
                    ),
                    (Ok(x), Ok(y)) if x == y
                )
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| equivalent(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(key, x)| y.get(key).is_some_and(|y| equivalent(x, y)))
        }
        _ => a == b,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lossy_type_is_caught() {
        // `u8` cannot hold 300; a float example does not survive an integer.
        assert!(round_trip::<u8>("300").is_err());
        assert!(round_trip::<Vec<String>>(r#"["a"]"#).is_ok());
        #[derive(serde::Serialize, serde::Deserialize)]
        struct Only {
            a: u8,
        }
        let err = round_trip::<Only>(r#"{"a":1,"b":2}"#).unwrap_err();
        assert!(err.contains("changed in a round trip"), "{err}");
    }

    #[test]
    fn numbers_and_timestamps_compare_by_value() {
        assert!(round_trip::<f64>("300").is_ok());
        assert!(round_trip::<String>(r#""2024-06-15T10:30:00Z""#).is_ok());
        let ms = serde_json::json!("2024-06-15T10:30:00.000Z");
        assert!(equivalent(&ms, &serde_json::json!("2024-06-15T10:30:00Z")));
        assert!(!equivalent(&ms, &serde_json::json!("2024-06-15T10:30:01Z")));
        assert!(!equivalent(&serde_json::json!(1.5), &serde_json::json!(1)));
    }
}
