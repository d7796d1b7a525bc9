//! The test file the harness writes into each generated crate (`tests/decode.rs`, with its
//! instances beside it in `tests/decode_cases.json`): it decodes every instance into the type
//! generated for its schema and writes one outcome per instance (`null`, or what went wrong)
//! to `$DECODE_RESULTS/<package>.json`. It asserts nothing itself: the harness compares the
//! outcomes with the expected failures, so one failing instance does not hide the others.

use serde_json::{Value, json};

use super::cases::Check;

/// The file's path in the crate.
pub const TEST_FILE: &str = "tests/decode.rs";
pub const CASES_FILE: &str = "tests/decode_cases.json";
/// The variable naming the folder the outcomes go to.
pub const RESULTS_VAR: &str = "DECODE_RESULTS";

/// The test file for a crate whose types are at `paths` (`crate_name::Type`), in the order of
/// the cases file's entries.
pub fn test_file(paths: &[String]) -> String {
    let calls: String = paths
        .iter()
        .enumerate()
        .map(|(i, path)| {
            format!("        (&Probe::<{path}>(PhantomData)).outcomes(&cases[{i}]),\n")
        })
        .collect();
    PROBE
        .replace("{RESULTS_VAR}", RESULTS_VAR)
        .replace("        // {CALLS}\n", &calls)
}

/// The cases file: for each type, its checks.
pub fn cases_file(checks: &[Vec<Check>]) -> String {
    let types: Vec<Value> = checks
        .iter()
        .map(|checks| {
            let checks = checks.iter().map(|check| {
                let mut entry = json!({ "input": check.input, "decodes": check.decodes });
                if let Some(serialized) = &check.serialized {
                    entry["serialized"] = serialized.clone();
                }
                entry
            });
            Value::Array(checks.collect())
        })
        .collect();
    serde_json::to_string_pretty(&types).unwrap()
}

const PROBE: &str = r#"//! Decodes the instances of `decode_cases.json` into this crate's types: written by the
//! decoding harness of workos-codegen's tests, which reads the outcomes.

// The probes borrow to pick `Decodes` over `CannotDecode` (autoref specialization).
#![allow(clippy::needless_borrow)]

use std::fmt::Debug;
use std::marker::PhantomData;
use std::panic::{AssertUnwindSafe, catch_unwind};

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

struct Probe<T>(PhantomData<T>);

/// The checks of a type that decodes and serializes.
trait Decodes {
    fn outcomes(&self, checks: &Value) -> Vec<Value>;
}

impl<T: DeserializeOwned + Serialize + PartialEq + Debug> Decodes for Probe<T> {
    fn outcomes(&self, checks: &Value) -> Vec<Value> {
        let checks = checks.as_array().expect("an array of checks");
        let outcome = |check: &Value| match catch_unwind(AssertUnwindSafe(|| check_one::<T>(check))) {
            Ok(Ok(())) => Value::Null,
            Ok(Err(failure)) => Value::String(failure),
            Err(_) => Value::String("panics".to_string()),
        };
        checks.iter().map(outcome).collect()
    }
}

/// Chosen (autoref specialization) only where `Decodes` does not apply, so that a type
/// missing an impl fails its own checks instead of the crate's build (so unused where every
/// type has them).
#[allow(dead_code)]
trait CannotDecode {
    fn outcomes(&self, checks: &Value) -> Vec<Value>;
}

impl<T> CannotDecode for &Probe<T> {
    fn outcomes(&self, checks: &Value) -> Vec<Value> {
        let failure = "the type lacks Deserialize, Serialize, PartialEq or Debug";
        let count = checks.as_array().map_or(0, Vec::len);
        vec![Value::String(failure.to_string()); count]
    }
}

fn check_one<T: DeserializeOwned + Serialize + PartialEq + Debug>(
    check: &Value,
) -> Result<(), String> {
    let decoded = serde_json::from_value::<T>(check["input"].clone());
    if check["decodes"] == Value::Bool(false) {
        return match decoded {
            Ok(value) => Err(format!("decodes, as {}", short(&format!("{value:?}")))),
            Err(_) => Ok(()),
        };
    }
    let value = decoded.map_err(|err| format!("does not decode: {err}"))?;
    let again = serde_json::to_value(&value).map_err(|err| format!("does not serialize: {err}"))?;
    let shown = short(&again.to_string());
    let back = serde_json::from_value::<T>(again.clone())
        .map_err(|err| format!("serializes as {shown}, which does not decode: {err}"))?;
    if back != value {
        return Err(format!("serializes as {shown}, which decodes to another value"));
    }
    match check.get("serialized") {
        Some(expected) if !same(expected, &again) => Err(format!(
            "serializes as {shown}, not as {}",
            short(&expected.to_string())
        )),
        _ => Ok(()),
    }
}

/// JSON equality with numbers compared by value (`1` is `1.0`).
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x == y || x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(key, x)| y.get(key).is_some_and(|y| same(x, y)))
        }
        _ => a == b,
    }
}

/// A message short enough for a table, cut at a character boundary.
fn short(text: &str) -> String {
    match text.char_indices().nth(160) {
        Some((at, _)) => format!("{}...", &text[..at]),
        None => text.to_string(),
    }
}

#[test]
fn decode_the_harness_instances() {
    // The outcomes say which check panicked; the default hook would only add noise.
    std::panic::set_hook(Box::new(|_| {}));
    let cases: Vec<Value> =
        serde_json::from_str(include_str!("decode_cases.json")).expect("the cases parse");
    let outcomes: Vec<Vec<Value>> = vec![
        // {CALLS}
    ];
    let folder = std::env::var("{RESULTS_VAR}").expect("run by the harness, which sets {RESULTS_VAR}");
    let path = std::path::Path::new(&folder).join(format!("{}.json", env!("CARGO_PKG_NAME")));
    std::fs::write(path, serde_json::to_string(&outcomes).unwrap()).unwrap();
}
"#;
