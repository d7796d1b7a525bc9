//! Checks that a spec example fits its generated type (used by the generated tests).

use serde::Serialize;
use serde::de::DeserializeOwned;

/// Deserializes `json` into `T` and serializes it back: `Ok` when the result is the same JSON.
pub fn round_trip<T: DeserializeOwned + Serialize>(json: &str) -> Result<(), String> {
    let original: serde_json::Value =
        serde_json::from_str(json).map_err(|err| format!("example is not JSON: {err}"))?;
    let typed: T = serde_json::from_value(original.clone())
        .map_err(|err| format!("does not deserialize: {err}"))?;
    let back = serde_json::to_value(&typed).map_err(|err| format!("does not serialize: {err}"))?;
    if back == original {
        Ok(())
    } else {
        Err(format!("changed in a round trip: {original} became {back}"))
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
}
