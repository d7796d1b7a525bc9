//! Reading tagged unions (a `oneOf` whose members differ in one `const` property): the tag
//! names the variant, which is then read once with its own errors ("missing field `x`"), and a
//! tag this version of the crate does not know is kept as JSON instead of failing. serde's
//! internally tagged enums neither keep unknown tags nor report a known variant's errors once
//! an untagged fallback variant exists, hence this.

use serde::de::{DeserializeOwned, Error};
use serde_json::Value;

/// The tag of a union's value: the string in `property`.
pub fn tag<'v, E: Error>(value: &'v Value, property: &str, union: &str) -> Result<&'v str, E> {
    match value {
        Value::Object(map) => match map.get(property) {
            Some(Value::String(tag)) => Ok(tag),
            Some(other) => Err(E::custom(format_args!(
                "invalid {union}: `{property}` must be a string, found {}",
                kind(other)
            ))),
            None => Err(E::custom(format_args!(
                "invalid {union}: missing field `{property}`"
            ))),
        },
        other => Err(E::custom(format_args!(
            "invalid {union}: expected an object, found {}",
            kind(other)
        ))),
    }
}

/// The variant named by `tag`, read from the whole value.
pub fn variant<T: DeserializeOwned, E: Error>(
    value: Value,
    union: &str,
    tag: &str,
) -> Result<T, E> {
    T::deserialize(value).map_err(|err| E::custom(format_args!("invalid {union} `{tag}`: {err}")))
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use serde::{Deserialize, Deserializer, Serialize};
    use serde_json::{Value, json};

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    #[serde(tag = "type", rename = "organization")]
    struct Organization {
        id: String,
    }

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    #[serde(tag = "type", rename = "user")]
    struct User {
        id: String,
        organization_id: String,
    }

    /// What the generator emits for a tagged union.
    #[derive(Debug, PartialEq, Serialize)]
    #[serde(untagged)]
    enum Owner {
        Organization(Organization),
        User(User),
        Unknown(Value),
    }

    impl<'de> Deserialize<'de> for Owner {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            let value = Value::deserialize(deserializer)?;
            Ok(match super::tag(&value, "type", "Owner")? {
                "organization" => {
                    Owner::Organization(super::variant(value, "Owner", "organization")?)
                }
                "user" => Owner::User(super::variant(value, "Owner", "user")?),
                _ => Owner::Unknown(value),
            })
        }
    }

    fn parse(value: Value) -> Result<Owner, String> {
        serde_json::from_value(value).map_err(|e| e.to_string())
    }

    #[test]
    fn the_tag_picks_the_variant_and_round_trips() {
        let json = json!({"type": "user", "id": "u", "organization_id": "o"});
        let owner = parse(json.clone()).unwrap();
        assert_eq!(
            owner,
            Owner::User(User {
                id: "u".into(),
                organization_id: "o".into()
            })
        );
        assert_eq!(serde_json::to_value(&owner).unwrap(), json);
    }

    #[test]
    fn a_known_tag_with_a_bad_body_is_that_variants_error() {
        let err = parse(json!({"type": "user", "id": "u"})).unwrap_err();
        assert_eq!(err, "invalid Owner `user`: missing field `organization_id`");
    }

    #[test]
    fn an_unknown_tag_is_kept_as_sent() {
        let json = json!({"type": "robot", "serial": 7});
        let owner = parse(json.clone()).unwrap();
        assert_eq!(owner, Owner::Unknown(json.clone()));
        assert_eq!(serde_json::to_value(&owner).unwrap(), json);
    }

    #[test]
    fn a_missing_or_mistyped_tag_is_an_error() {
        assert_eq!(
            parse(json!({"id": "u"})).unwrap_err(),
            "invalid Owner: missing field `type`"
        );
        assert_eq!(
            parse(json!({"type": 3})).unwrap_err(),
            "invalid Owner: `type` must be a string, found a number"
        );
        assert_eq!(
            parse(json!(["user"])).unwrap_err(),
            "invalid Owner: expected an object, found an array"
        );
    }
}
