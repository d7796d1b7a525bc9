// @generated: copied from workos-codegen's `runtime/nullable.rs`. Do not edit by hand:
// regenerate with `cargo codegen`.

//! Properties that are optional and nullable. Absent, `null` and a value can mean three
//! different things (`{}` keeps an API key's expiry, `{"expires_at": null}` clears it), so such
//! a field is `Option<Option<T>>`: `None` is absent (not sent), `Some(None)` is `null`.
//! Use with `#[serde(default, skip_serializing_if = "Option::is_none", with = "...")]`.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

pub fn serialize<T: Serialize, S: Serializer>(
    value: &Option<Option<T>>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match value {
        Some(Some(value)) => serializer.serialize_some(value),
        // `None` is skipped before it gets here; `Some(None)` is an explicit `null`.
        Some(None) | None => serializer.serialize_none(),
    }
}

pub fn deserialize<'de, T: Deserialize<'de>, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Option<T>>, D::Error> {
    // Only called when the property is present: `null` is `Some(None)`.
    Option::<T>::deserialize(deserializer).map(Some)
}

