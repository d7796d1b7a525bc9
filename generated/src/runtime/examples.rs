// @generated: copied from workos-codegen's `runtime/examples.rs`. Do not edit by hand:
// regenerate with `cargo codegen`.

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

