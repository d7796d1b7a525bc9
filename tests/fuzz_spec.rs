//! Mutation fuzzing of the loader and the generator: mutated copies of real specs must give an
//! error or a result, never a panic or a hang.
//!
//! The inputs are WorkOS's webhook-endpoints spec (split into two files, with its
//! `codegen.toml`), a part of the whole WorkOS spec in YAML with anchors, and progenitor's
//! corpus (`tests/fixtures/corpus/openapi/progenitor/`): its small specs whole, and a seeded
//! sample of GitHub's (8 of its 494 paths, with the components they reach: the whole 3.7 MB
//! spec takes seconds per case in a debug build). nexus.json is not among them until it
//! generates. Bare JSON Schema files too: typify's corpus (`tests/fixtures/corpus/jsonschema/
//! typify/`) but its two big files, those that do not generate yet included (they must fail
//! with a placed error, like any mutation), and the `$id`/`$anchor` schemas of
//! `tests/fixtures/schema-refs/`. Each case mutates one copy, by structure (delete, replace, copy or re-point nodes,
//! add keywords, change a value's type, empty a node, put extreme numbers, point a `$ref` at
//! nothing, change the OpenAPI version) or as text (cut, duplicate, insert bytes), and runs
//! `Spec::from_memory` and `generate` on it. An error must name its file and a place in it (a
//! JSON pointer or a line and column); an internal error (generated code that does not parse)
//! is a failure, like a panic.
//!
//! `FUZZ_CASES` (default 2700) sets how many cases run, `FUZZ_SEED` the seed (default fixed, so
//! CI is repeatable), `FUZZ_CASE_SECONDS` (default 20) the time one case may take, and
//! `FUZZ_FORMAT_EVERY` (default 50) how often a case also formats the files. A failure
//! names its case; `FUZZ_SEED=<seed> FUZZ_ONLY=<case>` runs just that one. For a long run:
//! `FUZZ_CASES=100000 FUZZ_SEED=$RANDOM cargo test --release --test fuzz_spec -- --nocapture`.

use std::collections::{BTreeMap, HashMap};
use std::panic::{self, AssertUnwindSafe};
use std::path::Path;
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::thread::ThreadId;
use std::time::{Duration, Instant};

use serde_json::{Map, Value};
use workos_codegen::{Error, Settings, Spec, generate};

/// A spec in memory: its entry file and every file by path (`codegen.toml` included).
#[derive(Clone)]
struct Input {
    name: String,
    entry: String,
    files: BTreeMap<String, String>,
}

/// The specs of progenitor's corpus mutated whole (all but nexus.json and GitHub's).
const CORPUS: [&str; 7] = [
    "buildomat.json",
    "cli-gen.json",
    "keeper.json",
    "param-collision.json",
    "param-overrides.json",
    "param-overrides.yaml",
    "propolis-server.json",
];

const PROGENITOR: &str = "tests/fixtures/corpus/openapi/progenitor";

const TYPIFY: &str = "tests/fixtures/corpus/jsonschema/typify";

/// typify's bare schemas, but GitHub's and Vega's (hundreds of definitions: slow cases).
fn typify_inputs() -> Vec<Input> {
    let mut names: Vec<String> = std::fs::read_dir(TYPIFY)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".json") && name != "github.json" && name != "vega.json")
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|name| {
            let text = std::fs::read_to_string(format!("{TYPIFY}/{name}")).unwrap();
            Input {
                name: format!("typify/{name}"),
                entry: name.clone(),
                files: BTreeMap::from([(name, text)]),
            }
        })
        .collect()
}

/// The `$id` and `$anchor` schemas of `tests/fixtures/schema-refs/`: base URIs and anchors to
/// mutate.
fn schema_ref_inputs() -> Vec<Input> {
    ["ids-2020-12.json", "ids-2019-09.json", "ids-draft-07.json"]
        .into_iter()
        .map(|name| {
            let text =
                std::fs::read_to_string(format!("tests/fixtures/schema-refs/{name}")).unwrap();
            Input {
                name: format!("schema-refs/{name}"),
                entry: name.to_string(),
                files: BTreeMap::from([(name.to_string(), text)]),
            }
        })
        .collect()
}

fn corpus_input(name: &str) -> Input {
    let text = std::fs::read_to_string(format!("{PROGENITOR}/{name}")).unwrap();
    Input {
        name: name.to_string(),
        entry: name.to_string(),
        files: BTreeMap::from([(name.to_string(), text)]),
    }
}

/// GitHub's spec cut to `paths` of its path items (picked by `rng`) and the components they
/// reach through `$ref`s, so that a case takes milliseconds, not seconds.
fn github_sample(rng: &mut Rng, paths: usize) -> Input {
    let name = "api.github.com.json";
    let text = std::fs::read_to_string(format!("{PROGENITOR}/{name}")).unwrap();
    let full: Value = serde_json::from_str(&text).unwrap();
    let mut sample = full.clone();
    let all: Vec<&String> = full["paths"].as_object().unwrap().keys().collect();
    let mut kept = Map::new();
    while kept.len() < paths.min(all.len()) {
        let path = *rng.pick(&all);
        kept.insert(path.clone(), full["paths"][path].clone());
    }
    sample["paths"] = Value::Object(kept);
    // The components the kept paths reach, and those they reach in turn.
    let mut reached: Vec<String> = Vec::new();
    let mut queue = vec![sample["paths"].clone()];
    while let Some(value) = queue.pop() {
        for reference in local_refs(&value) {
            if !reached.contains(&reference) {
                if let Some(target) = full.pointer(&reference) {
                    queue.push(target.clone());
                }
                reached.push(reference);
            }
        }
    }
    let components = sample["components"].as_object_mut().unwrap();
    for (kind, table) in components.iter_mut() {
        if let Value::Object(table) = table {
            table.retain(|key, _| {
                let pointer = format!(
                    "/components/{kind}/{}",
                    key.replace('~', "~0").replace('/', "~1")
                );
                reached.contains(&pointer)
            });
        }
    }
    Input {
        name: format!("{name} (sample)"),
        entry: name.to_string(),
        files: BTreeMap::from([(name.to_string(), serde_json::to_string(&sample).unwrap())]),
    }
}

/// The `#/...` pointers of every `$ref` in a value (a rough walk: data that holds a `$ref` key
/// only keeps a component more).
fn local_refs(value: &Value) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![value];
    while let Some(value) = stack.pop() {
        match value {
            Value::Object(map) => {
                if let Some(Value::String(reference)) = map.get("$ref") {
                    if let Some(pointer) = reference.strip_prefix('#') {
                        found.push(pointer.to_string());
                    }
                }
                stack.extend(map.values());
            }
            Value::Array(items) => stack.extend(items),
            _ => {}
        }
    }
    found
}

fn read_input(name: &str, folder: &str, entry: &str) -> Input {
    let mut files = BTreeMap::new();
    let mut stack = vec![Path::new(folder).to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let relative = path.strip_prefix(folder).unwrap().display().to_string();
            if relative.ends_with(".json")
                || relative.ends_with(".yaml")
                || relative == "codegen.toml"
            {
                files.insert(relative, std::fs::read_to_string(&path).unwrap());
            }
        }
    }
    Input {
        name: name.to_string(),
        entry: entry.to_string(),
        files,
    }
}

/// SplitMix64: small, seedable, good enough to pick mutations.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

/// Words that matter to the generator, used as keys and values.
const WORDS: &[&str] = &[
    "$ref",
    "type",
    "enum",
    "const",
    "properties",
    "required",
    "items",
    "allOf",
    "oneOf",
    "anyOf",
    "not",
    "if",
    "then",
    "else",
    "nullable",
    "additionalProperties",
    "patternProperties",
    "$dynamicRef",
    "format",
    "description",
    "example",
    "examples",
    "default",
    "discriminator",
    "openapi",
    "paths",
    "components",
    "schemas",
    "parameters",
    "responses",
    "operationId",
    "in",
    "name",
    "path",
    "query",
    "body",
    "200",
    "204",
    "default",
    "string",
    "object",
    "array",
    "integer",
    "number",
    "boolean",
    "null",
    "date-time",
    "int32",
    "self",
    "Self",
    "type",
    "1st",
    "unknown",
    "Unknown",
    "user.created",
    "user_created",
    "List",
    "ListMetadata",
    "Event",
    "String",
    "",
    " ",
    "_",
    "~",
    "/",
    "{id}",
    "{",
    "}",
    "a²",
    "名前",
    "é",
    "🦀",
    "3.0.3",
    "3.1.0",
    "2.0",
    "#",
    "#/",
    "#/components/schemas/Nope",
    "#/components/schemas",
    "#/paths",
    "../x.json",
    "schemas/CreateWebhookEndpointDto.json",
    "schemas/Nope.json",
    "#foo",
    "%7B",
    "https://example.com/x.json",
    "/abs.json",
];

/// Every node of a value, as JSON pointers (the root is `""`).
fn pointers(value: &Value) -> Vec<String> {
    fn walk(value: &Value, at: String, out: &mut Vec<String>) {
        match value {
            Value::Object(map) => {
                for (key, child) in map {
                    walk(
                        child,
                        format!("{at}/{}", key.replace('~', "~0").replace('/', "~1")),
                        out,
                    );
                }
            }
            Value::Array(items) => {
                for (index, child) in items.iter().enumerate() {
                    walk(child, format!("{at}/{index}"), out);
                }
            }
            _ => {}
        }
        out.push(at);
    }
    let mut out = Vec::new();
    walk(value, String::new(), &mut out);
    out
}

fn random_scalar(rng: &mut Rng) -> Value {
    match rng.below(7) {
        0 => Value::Null,
        1 => Value::Bool(rng.chance(50)),
        2 => Value::from(rng.next() as i64 % 1000),
        3 => Value::from(-1.5e300),
        4 => Value::from(u64::MAX),
        _ => Value::String(rng.pick(WORDS).to_string()),
    }
}

fn random_value(rng: &mut Rng, depth: usize) -> Value {
    if depth == 0 || rng.chance(50) {
        return random_scalar(rng);
    }
    if rng.chance(50) {
        Value::Array(
            (0..rng.below(4))
                .map(|_| random_value(rng, depth - 1))
                .collect(),
        )
    } else {
        let mut map = Map::new();
        for _ in 0..rng.below(4) {
            map.insert(rng.pick(WORDS).to_string(), random_value(rng, depth - 1));
        }
        Value::Object(map)
    }
}

/// One structural mutation of a document; returns what it did.
fn mutate_value(rng: &mut Rng, doc: &mut Value) -> String {
    let all = pointers(doc);
    let target = rng.pick(&all).clone();
    match rng.below(13) {
        // Delete a node.
        0 => {
            let Some((parent, key)) = target.rsplit_once('/') else {
                return "nothing".into();
            };
            let key = key.replace("~1", "/").replace("~0", "~");
            match doc.pointer_mut(parent) {
                Some(Value::Object(map)) => {
                    map.shift_remove(&key);
                }
                Some(Value::Array(items)) => {
                    if let Ok(index) = key.parse::<usize>() {
                        if index < items.len() {
                            items.remove(index);
                        }
                    }
                }
                _ => {}
            }
            format!("delete {target}")
        }
        // Replace a node with a random value.
        1 | 2 => {
            let value = random_value(rng, 3);
            if let Some(node) = doc.pointer_mut(&target) {
                *node = value.clone();
            }
            format!("replace {target} with {value}")
        }
        // Add a keyword to an object.
        3 | 4 => {
            let key = rng.pick(WORDS).to_string();
            let value = random_value(rng, 2);
            if let Some(Value::Object(map)) = doc.pointer_mut(&target) {
                map.insert(key.clone(), value.clone());
            }
            format!("add {key}: {value} at {target}")
        }
        // Point a `$ref` at another node of the document (cycles, non-schemas, itself).
        5 => {
            let to = rng.pick(&all).clone();
            if let Some(Value::Object(map)) = doc.pointer_mut(&target) {
                map.insert("$ref".into(), Value::String(format!("#{to}")));
            }
            format!("$ref at {target} -> #{to}")
        }
        // Copy a subtree somewhere else.
        6 => {
            let from = rng.pick(&all).clone();
            let copy = doc.pointer(&from).cloned().unwrap_or(Value::Null);
            if let Some(node) = doc.pointer_mut(&target) {
                *node = copy;
            }
            format!("copy {from} to {target}")
        }
        // Change a value's type, keeping what it says (`"3"` for 3, `[values]` for an object).
        8 => {
            let Some(node) = doc.pointer_mut(&target) else {
                return "nothing".into();
            };
            *node = retyped(node);
            format!("retype {target} to {node}")
        }
        // Point an existing `$ref` at nothing.
        9 => {
            let refs: Vec<&String> = all.iter().filter(|p| p.ends_with("/$ref")).collect();
            if refs.is_empty() {
                return "nothing".into();
            }
            let at = refs[rng.below(refs.len())].clone();
            let dangling = *rng.pick(DANGLING);
            if let Some(node) = doc.pointer_mut(&at) {
                *node = Value::String(dangling.to_string());
            }
            format!("$ref at {at} -> {dangling}")
        }
        // Empty an object or an array.
        10 => {
            match doc.pointer_mut(&target) {
                Some(Value::Object(map)) => map.clear(),
                Some(Value::Array(items)) => items.clear(),
                _ => return "nothing".into(),
            }
            format!("empty {target}")
        }
        // An extreme number in place of a number (or of anything).
        11 => {
            let numbers: Vec<&String> = all
                .iter()
                .filter(|p| doc.pointer(p).is_some_and(Value::is_number))
                .collect();
            let at = match numbers.is_empty() || rng.chance(25) {
                true => target,
                false => numbers[rng.below(numbers.len())].clone(),
            };
            let number = rng.pick(EXTREME_NUMBERS)();
            if let Some(node) = doc.pointer_mut(&at) {
                *node = number.clone();
            }
            format!("number {number} at {at}")
        }
        // Another OpenAPI version, or none.
        12 => {
            let version = version_value(rng);
            match (doc.as_object_mut(), version.clone()) {
                (Some(map), None) => {
                    map.shift_remove("openapi");
                }
                (Some(map), Some(version)) => {
                    map.insert("openapi".into(), version);
                }
                (None, _) => return "nothing".into(),
            }
            format!("openapi: {version:?}")
        }
        // Rename a key (collisions, keywords).
        _ => {
            let Some((parent, key)) = target.rsplit_once('/') else {
                return "nothing".into();
            };
            let key = key.replace("~1", "/").replace("~0", "~");
            let new_key = rng.pick(WORDS).to_string();
            if let Some(Value::Object(map)) = doc.pointer_mut(parent) {
                if let Some(value) = map.shift_remove(&key) {
                    map.insert(new_key.clone(), value);
                }
            }
            format!("rename {target} to {new_key}")
        }
    }
}

/// `$ref`s that lead nowhere: a missing component, file, pointer, or a malformed one.
const DANGLING: &[&str] = &[
    "#/components/schemas/Nope",
    "#/components/responses/Nope",
    "#/components/parameters/Nope",
    "missing.json",
    "missing.yaml#/components/schemas/X",
    "#/paths/~1nope/get",
    "#/nope/0/1",
    "#",
    "",
    "#/components/schemas/%ZZ",
    "../outside.json",
    "https://example.com/x.json#/X",
];

/// Numbers at the edges of what the parsers and Rust's integers hold.
const EXTREME_NUMBERS: &[fn() -> Value] = &[
    || Value::from(i64::MIN),
    || Value::from(i64::MAX),
    || Value::from(u64::MAX),
    || Value::from(-1),
    || Value::from(0),
    || Value::from(-0.0),
    || Value::from(1e308),
    || Value::from(-1e308),
    || Value::from(1.5),
    || Value::from(18446744073709552000.0),
    || Value::from(-9223372036854776000.0),
    || Value::from(4294967296u64),
];

/// Values for `openapi`: unknown versions, other types, none.
const VERSIONS: &[Option<Value>] = &[None, Some(Value::Null), Some(Value::Bool(true))];

fn version_value(rng: &mut Rng) -> Option<Value> {
    let texts = [
        "2.0",
        "3.2.0",
        "4.0.0",
        "3",
        "3.1",
        "3.0",
        "",
        "3.1.0-rc1",
        "v3",
    ];
    match rng.below(4) {
        0 => rng.pick(VERSIONS).clone(),
        1 => Some(Value::from(3.1)),
        _ => Some(Value::String(rng.pick(&texts).to_string())),
    }
}

/// The same content as another JSON type.
fn retyped(value: &Value) -> Value {
    match value {
        Value::Null => Value::String("null".into()),
        Value::Bool(b) => Value::String(b.to_string()),
        Value::Number(n) => Value::String(n.to_string()),
        Value::String(text) => match text.parse::<f64>() {
            Ok(number) => Value::from(number),
            Err(_) => Value::Array(vec![Value::String(text.clone())]),
        },
        Value::Array(items) => Value::Object(
            items
                .iter()
                .enumerate()
                .map(|(index, item)| (index.to_string(), item.clone()))
                .collect(),
        ),
        Value::Object(map) => Value::Array(map.values().cloned().collect()),
    }
}

/// Text tokens that stress the parsers.
const TOKENS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    "\"",
    ":",
    ",",
    "\n",
    "\t",
    "  ",
    "- ",
    "&a ",
    "*a",
    "<<: *a\n",
    "#",
    "\\u",
    "\\ud800",
    "\u{0}",
    "é",
    "🦀",
    "!!binary ",
    "? ",
    "|\n",
    ">-\n",
    "---\n",
    "...\n",
    "1e999",
    "-0",
    "null",
    "~",
    "$ref",
    "%YAML 1.2\n",
];

fn floor_char_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// One textual mutation; returns what it did.
fn mutate_text(rng: &mut Rng, text: &mut String) -> String {
    let len = text.len();
    let at = floor_char_boundary(text, rng.below(len + 1));
    match rng.below(5) {
        0 => {
            text.truncate(at);
            format!("truncate at {at}")
        }
        1 => {
            let end = floor_char_boundary(text, at + rng.below(64));
            text.replace_range(at..end, "");
            format!("delete {at}..{end}")
        }
        2 => {
            let end = floor_char_boundary(text, at + rng.below(200));
            let piece = text[at..end].to_string();
            text.insert_str(end, &piece);
            format!("duplicate {at}..{end}")
        }
        _ => {
            let token = *rng.pick(TOKENS);
            text.insert_str(at, token);
            format!("insert {token:?} at {at}")
        }
    }
}

/// A mutated copy of one input, and what was done to it.
fn mutate(rng: &mut Rng, input: &Input, parsed: &BTreeMap<String, Value>) -> (Input, Vec<String>) {
    let mut input = input.clone();
    let names: Vec<String> = input.files.keys().cloned().collect();
    let file = rng.pick(&names).clone();
    let mut log = Vec::new();
    if file != "codegen.toml" && rng.chance(75) {
        let mut doc = parsed[&file].clone();
        for _ in 0..1 + rng.below(4) {
            log.push(format!("{file}: {}", mutate_value(rng, &mut doc)));
        }
        // JSON is YAML too, so YAML files are written back as JSON.
        let text = if rng.chance(50) {
            serde_json::to_string_pretty(&doc).unwrap()
        } else {
            serde_json::to_string(&doc).unwrap()
        };
        input.files.insert(file, text);
    } else if file == "codegen.toml" && rng.chance(60) {
        // Name or retype a random node of the entry document, as the settings file may.
        let pointers = pointers(&parsed[&input.entry]);
        let pointer = rng.pick(&pointers).clone();
        let table = if rng.chance(50) { "[names]" } else { "[types]" };
        let name = rng.pick(WORDS).replace(['"', '\\'], "");
        let line = format!("\"#{pointer}\" = \"{name}\"\n");
        let text = input.files.get_mut(&file).unwrap();
        match text.find(&format!("{table}\n")) {
            Some(at) => text.insert_str(at + table.len() + 1, &line),
            None => text.push_str(&format!("\n{table}\n{line}")),
        }
        log.push(format!("codegen.toml: {table} {line}"));
    } else {
        let text = input.files.get_mut(&file).unwrap();
        for _ in 0..1 + rng.below(3) {
            log.push(format!("{file}: {}", mutate_text(rng, text)));
        }
    }
    (input, log)
}

/// What the CLI does, in memory: load, build the model, emit. Formatting the emitted code into
/// files (`generate` in full) costs ten times the rest in a debug build and depends on the spec
/// only through the emitted tokens, so only every `format_every`-th case does it.
fn run(input: &Input, format: bool) -> Result<usize, Error> {
    let spec = Spec::from_memory(&input.entry, &input.files)?;
    let settings = match input.files.get("codegen.toml") {
        Some(text) => Settings::from_toml(text, "codegen.toml")?,
        None => Settings::default(),
    };
    if format {
        return generate(&spec, &settings).map(|output| output.files.len());
    }
    let model = workos_codegen::model::build(&spec, &settings)?;
    Ok(workos_codegen::emit::emit(&model).modules.len())
}

/// What is wrong with an error, if anything: the generator's own output must parse, and each
/// problem must name a file of the spec and a place in it: a line and column, or a JSON pointer
/// to a node that is there (`""` is the whole document). `spec` is the loaded spec, when the
/// error came after loading.
fn misplaced(err: &Error, spec: Option<&Spec>) -> Option<String> {
    let Error::Spec(diagnostics) = err else {
        return Some(err.to_string());
    };
    diagnostics.iter().find_map(|d| {
        let location = &d.location;
        if location.file.is_empty() {
            return Some(format!("a problem without its file: {d}"));
        }
        if location.line_col.is_some() || location.file == "codegen.toml" {
            return None;
        }
        let document = spec?
            .documents()
            .find(|(name, _)| *name == location.file)
            .map(|(_, document)| document);
        match document {
            None => Some(format!("a problem in a file the spec does not have: {d}")),
            Some(document) if document.pointer(&location.pointer).is_none() => {
                Some(format!("a problem whose pointer points at nothing: {d}"))
            }
            Some(_) => None,
        }
    })
}

fn env_number(name: &str, default: u64) -> u64 {
    match std::env::var(name) {
        Ok(value) => value
            .parse()
            .unwrap_or_else(|_| panic!("{name}={value} is not a number")),
        Err(_) => default,
    }
}

#[test]
fn mutated_specs_give_an_error_or_a_result_never_a_panic_or_a_hang() {
    let cases = env_number("FUZZ_CASES", 2700);
    let format_every = env_number("FUZZ_FORMAT_EVERY", 50).max(1);
    let seed = env_number("FUZZ_SEED", 0x5EED_2026_0807);
    let limit = Duration::from_secs(env_number("FUZZ_CASE_SECONDS", 20));
    let only = std::env::var("FUZZ_ONLY")
        .ok()
        .map(|v| v.parse::<u64>().unwrap());
    let only_input = std::env::var("FUZZ_INPUT").ok();

    let mut inputs = vec![
        read_input(
            "webhook-endpoints",
            "tests/fixtures/update/2026-08-07",
            "openapi.json",
        ),
        read_input(
            "workos-subset",
            "tests/fixtures/fuzz/workos-subset",
            "openapi.yaml",
        ),
    ];
    inputs.extend(CORPUS.map(corpus_input));
    inputs.push(github_sample(&mut Rng(seed), 8));
    inputs.extend(typify_inputs());
    inputs.extend(schema_ref_inputs());
    // How often each input is mutated, by index: the webhook spec (small, the project's own)
    // 16 times, the WorkOS subset 8 times, each corpus spec 4 times, each typify schema once
    // (a quarter of the cases for the twenty of them), each `$id` schema once.
    let weights: Vec<usize> = inputs
        .iter()
        .enumerate()
        .map(|(index, input)| match index {
            0 => 16,
            1 => 8,
            _ if input.name.starts_with("typify/") || input.name.starts_with("schema-refs/") => 1,
            _ => 4,
        })
        .collect();
    // Each unmutated input generates (so mutations start from a working spec), but typify's
    // schemas that do not generate yet: they give a placed error.
    for input in &inputs {
        match run(input, true) {
            Err(err) if input.name.starts_with("typify/") => {
                let spec = Spec::from_memory(&input.entry, &input.files).ok();
                if let Some(problem) = misplaced(&err, spec.as_ref()) {
                    panic!("{}: {problem}", input.name);
                }
            }
            result => {
                result.unwrap_or_else(|err| panic!("{}: {err}", input.name));
            }
        }
    }
    // Structure is mutated on the parsed documents; a file that does not load (duplicate
    // keys) is parsed as plain JSON, which keeps the last of them.
    let parsed: Vec<BTreeMap<String, Value>> = inputs
        .iter()
        .map(
            |input| match Spec::from_memory(&input.entry, &input.files) {
                Ok(spec) => spec
                    .documents()
                    .map(|(name, value)| (name.to_string(), value.clone()))
                    .collect(),
                Err(_) => input
                    .files
                    .iter()
                    .map(|(name, text)| (name.clone(), serde_json::from_str(text).unwrap()))
                    .collect(),
            },
        )
        .collect();

    // Panics are caught per case; the hook keeps each thread's message instead of printing it.
    let panics: Arc<Mutex<HashMap<ThreadId, String>>> = Arc::default();
    let hook_panics = Arc::clone(&panics);
    let previous_hook = panic::take_hook();
    panic::set_hook(Box::new(move |info| {
        let location = info.location().map(|l| l.to_string()).unwrap_or_default();
        let message = format!("{info} ({location})");
        hook_panics
            .lock()
            .unwrap()
            .insert(std::thread::current().id(), message);
    }));

    // Workers with the stack of a main thread (as in a build script) mutate and run the cases;
    // this thread watches how long each case takes, so a hang fails the test instead of
    // stalling it.
    let threads = env_number("FUZZ_THREADS", 2).max(1);
    let inputs = Arc::new(inputs);
    let parsed = Arc::new(parsed);
    let (to_main, events) = mpsc::channel::<Event>();
    for worker in 0..threads {
        let (only_input, weights) = (only_input.clone(), weights.clone());
        let (inputs, parsed, panics, to_main) = (
            Arc::clone(&inputs),
            Arc::clone(&parsed),
            Arc::clone(&panics),
            to_main.clone(),
        );
        std::thread::Builder::new()
            .stack_size(8 << 20)
            .spawn(move || {
                for case in (worker..cases).step_by(threads as usize) {
                    if only.is_some_and(|only| only != case) {
                        continue;
                    }
                    let mut rng = Rng(seed ^ case.wrapping_mul(0x2545_F491_4F6C_DD1D));
                    let which = match &only_input {
                        Some(name) => inputs
                            .iter()
                            .position(|i| &i.name == name)
                            .expect("FUZZ_INPUT names an input"),
                        None => {
                            let mut pick = rng.below(weights.iter().sum());
                            weights
                                .iter()
                                .position(|&weight| {
                                    let this = pick < weight;
                                    pick = pick.saturating_sub(weight);
                                    this
                                })
                                .unwrap_or(0)
                        }
                    };
                    let (input, log) = mutate(&mut rng, &inputs[which], &parsed[which]);
                    let log: Vec<String> = std::iter::once(format!("input {}", inputs[which].name))
                        .chain(log)
                        .collect();
                    if to_main.send(Event::Started(case, log)).is_err() {
                        return;
                    }
                    let format = case % format_every == 0;
                    let outcome = match panic::catch_unwind(AssertUnwindSafe(|| {
                        run(&input, format)
                    })) {
                        Ok(Ok(_)) => Outcome::Generated,
                        Ok(Err(err)) => match misplaced(
                            &err,
                            Spec::from_memory(&input.entry, &input.files).ok().as_ref(),
                        ) {
                            None => Outcome::Error,
                            Some(problem) => Outcome::Misplaced(problem),
                        },
                        Err(_) => {
                            let id = std::thread::current().id();
                            Outcome::Panic(panics.lock().unwrap().remove(&id).unwrap_or_default())
                        }
                    };
                    if to_main.send(Event::Finished(case, outcome)).is_err() {
                        return;
                    }
                }
            })
            .unwrap();
    }
    drop(to_main);

    let started = Instant::now();
    let (mut errors, mut generated, mut slowest) = (0u64, 0u64, Duration::ZERO);
    let mut running: HashMap<u64, (Instant, Vec<String>)> = HashMap::new();
    let mut failures = Vec::new();
    // Cases and time by input (the first line of a case's log names it).
    let mut by_input: BTreeMap<String, (u64, Duration)> = BTreeMap::new();
    loop {
        match events.recv_timeout(Duration::from_millis(200)) {
            Ok(Event::Started(case, log)) => {
                running.insert(case, (Instant::now(), log));
            }
            Ok(Event::Finished(case, outcome)) => {
                let (since, log) = running.remove(&case).expect("started before finished");
                slowest = slowest.max(since.elapsed());
                let tally = by_input.entry(log[0].clone()).or_default();
                *tally = (tally.0 + 1, tally.1 + since.elapsed());
                match outcome {
                    Outcome::Generated => generated += 1,
                    Outcome::Error => errors += 1,
                    Outcome::Panic(message) => failures.push(format!(
                        "case {case}: panic: {message}\n    {}",
                        log.join("\n    ")
                    )),
                    Outcome::Misplaced(problem) => failures.push(format!(
                        "case {case}: {problem}\n    {}",
                        log.join("\n    ")
                    )),
                }
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
            Err(mpsc::RecvTimeoutError::Timeout) => {}
        }
        if let Some((case, (since, log))) = running
            .iter()
            .find(|(_, (since, _))| since.elapsed() > limit)
        {
            failures.push(format!(
                "case {case}: no answer after {:.1?} (a hang?)\n    {}",
                since.elapsed(),
                log.join("\n    ")
            ));
            break; // a worker is stuck: stop here
        }
    }
    panic::set_hook(previous_hook);
    eprintln!(
        "fuzz: seed {seed}, {} cases on {threads} threads in {:.1?}: {generated} generated, {errors} errors, {} failures; slowest case {slowest:.1?}",
        generated + errors + failures.len() as u64,
        started.elapsed(),
        failures.len()
    );
    for (input, (count, time)) in &by_input {
        eprintln!("  {input}: {count} cases, {time:.1?}");
    }
    assert!(
        failures.is_empty(),
        "{} failing case(s) (reproduce with FUZZ_SEED={seed} FUZZ_ONLY=<case>):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

enum Event {
    Started(u64, Vec<String>),
    Finished(u64, Outcome),
}

enum Outcome {
    Generated,
    Error,
    Panic(String),
    /// An error without its place, or an internal one.
    Misplaced(String),
}
