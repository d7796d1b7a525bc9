//! JSON and YAML documents to `serde_json::Value`, with line and column on syntax errors.

use serde_json::Value;

/// A message and, where the parser knows it, the line and column of the problem.
pub type ParseError = (String, Option<(usize, usize)>);

/// Parses by extension: `.json` as JSON, `.yaml`/`.yml` as YAML (anchors and aliases resolved).
pub fn document(file: &str, text: &str) -> Result<Value, ParseError> {
    let yaml = file.ends_with(".yaml") || file.ends_with(".yml");
    if yaml {
        yaml_document(text)
    } else {
        json_document(text)
    }
}

fn json_document(text: &str) -> Result<Value, ParseError> {
    serde_json::from_str(text).map_err(|err| {
        let message = format!("invalid JSON: {}", strip_position(&err.to_string()));
        (message, Some((err.line(), err.column())))
    })
}

fn yaml_document(text: &str) -> Result<Value, ParseError> {
    serde_yaml_ng::from_str::<Value>(text).map_err(|err| {
        let line_col = err.location().map(|at| (at.line(), at.column()));
        (
            format!("invalid YAML: {}", strip_position(&err.to_string())),
            line_col,
        )
    })
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
        let value = document("a.yaml", "x: &a [1, 2]\ny: *a\n").unwrap();
        assert_eq!(value["y"], serde_json::json!([1, 2]));
    }

    #[test]
    fn yaml_integer_keys_become_strings() {
        let value = document("a.yml", "responses:\n  200:\n    description: ok\n").unwrap();
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
    fn yaml_errors_carry_line_and_column() {
        let (message, line_col) = document("a.yaml", "a: [1, 2\nb: 3\n").unwrap_err();
        assert!(line_col.is_some(), "{message}");
        assert!(message.starts_with("invalid YAML"), "{message}");
    }
}
