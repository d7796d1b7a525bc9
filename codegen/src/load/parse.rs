//! JSON and YAML documents to `serde_json::Value`, with line and column on syntax errors.

use std::fmt::{self, Write};

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

/// A message and, where the parser knows it, the line and column of the problem.
pub type ParseError = (String, Option<(usize, usize)>);

/// A parsed document, and the JSON pointers of the keys a JSON object gave twice (the last
/// value is kept).
pub type Parsed = (Value, Vec<String>);

/// Parses by extension: `.json` as JSON, `.yaml`/`.yml` as YAML (anchors and aliases resolved).
pub fn document(file: &str, text: &str) -> Result<Parsed, ParseError> {
    let yaml = file.ends_with(".yaml") || file.ends_with(".yml");
    if yaml {
        yaml_document(text).map(|value| (value, Vec::new()))
    } else {
        json_document(text)
    }
}

/// JSON says only that an object's names SHOULD be unique: a key given twice is valid JSON,
/// read as most parsers do (the last value wins) and reported by pointer (typify's `maps.json`
/// repeats `$comment`). YAML requires unique keys: there it is an error.
fn json_document(text: &str) -> Result<Parsed, ParseError> {
    let mut reader = Reader {
        duplicates: Some(Vec::new()),
        path: String::new(),
    };
    let mut deserializer = serde_json::Deserializer::from_str(text);
    de::DeserializeSeed::deserialize(&mut reader, &mut deserializer)
        .and_then(|value| deserializer.end().map(|()| value))
        .map(|value| (value, reader.duplicates.unwrap_or_default()))
        .map_err(|err| {
            let message = format!("invalid JSON: {}", strip_position(&err.to_string()));
            // serde_json counts a column 0 before the first character of a line.
            (message, Some((err.line(), err.column().max(1))))
        })
}

fn yaml_document(text: &str) -> Result<Value, ParseError> {
    let mut reader = Reader {
        duplicates: None,
        path: String::new(),
    };
    let deserializer = serde_yaml_ng::Deserializer::from_str(text);
    de::DeserializeSeed::deserialize(&mut reader, deserializer).map_err(|err| {
        let line_col = err.location().map(|at| (at.line(), at.column()));
        (
            format!("invalid YAML: {}", strip_position(&err.to_string())),
            line_col,
        )
    })
}

/// Reads a document as `serde_json::Value`, keeping the path to the value being read, so that
/// a key given twice in one object is found by pointer: recorded in `duplicates`, or (`None`,
/// YAML) an error. Either parser alone would keep the last value and silently lose the first.
struct Reader {
    duplicates: Option<Vec<String>>,
    /// The JSON pointer of the value being read: one string, cut back after each value, since
    /// a string per key was a tenth of reading a spec.
    path: String,
}

impl<'de> de::DeserializeSeed<'de> for &mut Reader {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for &mut Reader {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E>(self, value: bool) -> Result<Value, E> {
        Ok(Value::Bool(value))
    }

    fn visit_i64<E>(self, value: i64) -> Result<Value, E> {
        Ok(Value::from(value))
    }

    fn visit_u64<E>(self, value: u64) -> Result<Value, E> {
        Ok(Value::from(value))
    }

    // YAML integers beyond 64 bits (OpenAI's and DigitalOcean's `-9223372036854776000`, an
    // `i64::MIN` printed as a float by some tool) are the nearest `f64`, as serde_json reads
    // the same text in JSON: one spec means one value whichever syntax it is in. (serde_json's
    // `arbitrary_precision` would keep every digit, but changes how every number is stored.)
    fn visit_i128<E>(self, value: i128) -> Result<Value, E> {
        Ok(float(value as f64))
    }

    fn visit_u128<E>(self, value: u128) -> Result<Value, E> {
        Ok(float(value as f64))
    }

    fn visit_f64<E>(self, value: f64) -> Result<Value, E> {
        Ok(float(value))
    }

    fn visit_str<E>(self, value: &str) -> Result<Value, E> {
        Ok(Value::String(value.to_owned()))
    }

    fn visit_string<E>(self, value: String) -> Result<Value, E> {
        Ok(Value::String(value))
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        de::DeserializeSeed::deserialize(self, deserializer)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        loop {
            let len = self.path.len();
            write!(self.path, "/{}", items.len()).expect("writing to a String");
            let item = seq.next_element_seed(&mut *self);
            self.path.truncate(len);
            match item? {
                Some(item) => items.push(item),
                None => break,
            }
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut object = serde_json::Map::new();
        while let Some(Key(key)) = map.next_key()? {
            let repeated = object.contains_key(&key);
            if repeated && self.duplicates.is_none() {
                return Err(de::Error::custom(format_args!(
                    "duplicate key `{key}` in one object"
                )));
            }
            let len = self.path.len();
            self.path.push('/');
            self.path.push_str(&super::escape(&key));
            let value = map.next_value_seed(&mut *self);
            if repeated {
                let pointer = &self.path;
                self.duplicates
                    .iter_mut()
                    .for_each(|found| found.push(pointer.clone()));
            }
            self.path.truncate(len);
            object.insert(key, value?);
        }
        Ok(Value::Object(object))
    }
}

/// As serde_json does: NaN and infinities (YAML `.nan`, `.inf`) have no JSON number.
fn float(value: f64) -> Value {
    serde_json::Number::from_f64(value).map_or(Value::Null, Value::Number)
}

/// An object key: a string, or a YAML scalar (`200:`) taken as its text.
struct Key(String);

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl Visitor<'_> for KeyVisitor {
            type Value = String;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object key")
            }
            fn visit_str<E>(self, value: &str) -> Result<String, E> {
                Ok(value.to_owned())
            }
            fn visit_string<E>(self, value: String) -> Result<String, E> {
                Ok(value)
            }
            fn visit_bool<E>(self, value: bool) -> Result<String, E> {
                Ok(value.to_string())
            }
            fn visit_i64<E>(self, value: i64) -> Result<String, E> {
                Ok(value.to_string())
            }
            fn visit_u64<E>(self, value: u64) -> Result<String, E> {
                Ok(value.to_string())
            }
            fn visit_f64<E>(self, value: f64) -> Result<String, E> {
                Ok(value.to_string())
            }
        }
        deserializer.deserialize_str(KeyVisitor).map(Key)
    }
}

/// Parsers append "at line L column C"; the location already says it.
fn strip_position(message: &str) -> &str {
    match message.find(" at line ") {
        Some(at) => &message[..at],
        None => message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_aliases_are_resolved() {
        let (value, _) = document("a.yaml", "x: &a [1, 2]\ny: *a\n").unwrap();
        assert_eq!(value["y"], serde_json::json!([1, 2]));
    }

    #[test]
    fn yaml_integer_keys_become_strings() {
        let (value, _) = document("a.yml", "responses:\n  200:\n    description: ok\n").unwrap();
        assert_eq!(value["responses"]["200"]["description"], "ok");
    }

    #[test]
    fn json_errors_carry_line_and_column() {
        let (message, line_col) = document("a.json", "{\n  \"a\": ,\n}").unwrap_err();
        assert_eq!(line_col, Some((2, 8)));
        assert!(
            message.starts_with("invalid JSON: expected value"),
            "{message}"
        );
    }

    #[test]
    fn duplicate_keys_are_found_in_json_and_errors_in_yaml() {
        let text = r#"{"a": 1, "b": [{"c/d": 1, "c/d": 2}], "a": 3}"#;
        let (value, duplicates) = document("a.json", text).unwrap();
        assert_eq!(value, serde_json::json!({"a": 3, "b": [{"c/d": 2}]}));
        assert_eq!(duplicates, ["/b/0/c~1d", "/a"]);
        let (message, line_col) = document("a.yaml", "a: 1\nb:\n  c: 1\n  c: 2\n").unwrap_err();
        assert!(message.contains("duplicate key `c`"), "{message}");
        // serde_yaml_ng places errors found inside a mapping at the mapping's start.
        assert_eq!(line_col, Some((3, 3)), "{message}");
    }

    #[test]
    fn integers_beyond_64_bits_are_the_same_number_in_yaml_and_json() {
        for written in [
            "-9223372036854776000",
            "18446744073709552000",
            "-170141183460469231731687303715884105729",
            "340282366920938463463374607431768211456",
        ] {
            let (yaml, _) = document("a.yaml", &format!("n: {written}\n")).unwrap();
            let (json, _) = document("a.json", &format!("{{\"n\": {written}}}")).unwrap();
            assert_eq!(yaml, json, "{written}");
        }
        let yaml = document(
            "a.yaml",
            "n: 18446744073709552000\nm: -9223372036854776000\n",
        );
        let (yaml, _) = yaml.unwrap();
        assert_eq!(yaml["n"].as_f64(), Some(18446744073709552000.0));
        assert_eq!(yaml["m"].as_f64(), Some(-9223372036854775808.0));
        // Within 64 bits, integers stay integers.
        let yaml = document(
            "a.yaml",
            "n: 18446744073709551615\nm: -9223372036854775808\n",
        );
        let (yaml, _) = yaml.unwrap();
        assert_eq!(yaml["n"].as_u64(), Some(u64::MAX));
        assert_eq!(yaml["m"].as_i64(), Some(i64::MIN));
    }

    #[test]
    fn yaml_special_floats_become_null() {
        let (value, _) = document("a.yaml", "a: .nan\nb: 1.5\n").unwrap();
        assert_eq!(value, serde_json::json!({"a": null, "b": 1.5}));
    }

    #[test]
    fn yaml_errors_carry_line_and_column() {
        let (message, line_col) = document("a.yaml", "a: [1, 2\nb: 3\n").unwrap_err();
        assert!(line_col.is_some(), "{message}");
        assert!(message.starts_with("invalid YAML"), "{message}");
    }
}
