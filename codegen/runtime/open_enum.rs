//! Deserializing open string enums: any string parses, known ones to their variant.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserializer, Visitor};

/// Deserializes a string into an open enum through its `From<&str>` / `From<String>`, without
/// allocating for borrowed input and without ever failing on an unknown value.
pub fn deserialize<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: for<'a> From<&'a str> + From<String>,
{
    struct OpenEnum<T>(PhantomData<T>);

    impl<T> Visitor<'_> for OpenEnum<T>
    where
        T: for<'a> From<&'a str> + From<String>,
    {
        type Value = T;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string")
        }

        fn visit_str<E: de::Error>(self, value: &str) -> Result<T, E> {
            Ok(T::from(value))
        }

        fn visit_string<E: de::Error>(self, value: String) -> Result<T, E> {
            Ok(T::from(value))
        }
    }

    deserializer.deserialize_str(OpenEnum(PhantomData))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq)]
    enum Color {
        Red,
        Unknown(String),
    }

    impl From<&str> for Color {
        fn from(value: &str) -> Self {
            match value {
                "red" => Color::Red,
                other => Color::Unknown(other.to_owned()),
            }
        }
    }

    impl From<String> for Color {
        fn from(value: String) -> Self {
            Color::from(value.as_str())
        }
    }

    fn parse(json: &str) -> Result<Color, serde_json::Error> {
        deserialize(&mut serde_json::Deserializer::from_str(json))
    }

    #[test]
    fn known_and_unknown_values_parse() {
        assert_eq!(parse(r#""red""#).unwrap(), Color::Red);
        assert_eq!(parse(r#""mauve""#).unwrap(), Color::Unknown("mauve".into()));
        assert_eq!(parse(r#""\u0072ed""#).unwrap(), Color::Red);
    }

    #[test]
    fn non_strings_are_rejected() {
        let err = parse("42").unwrap_err().to_string();
        assert!(err.contains("expected a string"), "{err}");
    }
}
