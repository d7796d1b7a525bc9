//! How JSON Schema's scalar formats become Rust types (`tests/fixtures/schema-types/`): each
//! integer format is the Rust integer of its width, whose range decoding enforces, and
//! `minimum`/`maximum` narrow no type. Instances in `tests/fixtures/schema-types/instances/`
//! are written from the schemas and decoded by the crates generated for them, built outside this
//! workspace clippy-clean (the decoding harness of `tests/typify_corpus.rs`).

mod support;

use support::decode::harness::{Schema, run};
use support::decode::{cases, expected};
use support::repo;
use workos_codegen::load;
use workos_codegen::model::{Kind, Ty, integers::Int};

const FIXTURES: &str = "tests/fixtures/schema-types";

#[test]
fn integer_formats_are_their_rust_integers_and_bounds_narrow_nothing() {
    let (spec, settings) = load(&repo(&format!("{FIXTURES}/integers.json")), None).unwrap();
    let model = workos_codegen::model::build(&spec, &settings).unwrap();
    let sizes = model.types.iter().find(|t| t.name == "Sizes").unwrap();
    let Kind::Struct(sizes) = &sizes.kind else {
        panic!("{:?}", sizes.kind);
    };
    let fields: Vec<(&str, &Ty)> = sizes
        .fields
        .iter()
        .map(|f| (f.wire.as_str(), &f.ty))
        .collect();
    assert_eq!(
        fields,
        [
            ("i8", &Ty::Int(Int::I8)),
            ("i16", &Ty::Int(Int::I16)),
            ("i32", &Ty::Int(Int::I32)),
            // `maximum: 100` would fit `u8`: the format says `i64`.
            ("i64", &Ty::Integer),
            ("u8", &Ty::Int(Int::U8)),
            ("u16", &Ty::Int(Int::U16)),
            ("u32", &Ty::Int(Int::U32)),
            ("u64", &Ty::Int(Int::U64)),
            ("uint", &Ty::Int(Int::U64)),
            // No format: bounds of 0..=255 do not make it `u8`.
            ("plain", &Ty::Integer),
            ("level", &Ty::Int(Int::U8)),
        ]
    );
    assert!(model.warnings.is_empty(), "{:?}", model.warnings);
}

#[test]
fn a_default_beyond_its_integer_format_is_an_error() {
    let schema = r#"{"type": "object", "properties": {"level": {"type": "integer", "format": "uint8", "default": 256}}}"#;
    let files = [("level.json".to_string(), schema.to_string())].into();
    let spec = workos_codegen::Spec::from_memory("level.json", &files).unwrap();
    let err = workos_codegen::model::build(&spec, &Default::default()).unwrap_err();
    let err = err.to_string();
    assert!(
        err.contains("level.json#/properties/level/default"),
        "{err}"
    );
}

/// A bound wider than the format's integer is a spec that allows what the type cannot hold:
/// the format's type stays, with a warning naming the bound (`maximum: 255` on `uint8` fits).
#[test]
fn a_bound_beyond_its_integer_format_is_a_warning() {
    let schema = r#"{"type": "object", "properties": {
        "big": {"type": "integer", "format": "uint8", "maximum": 1000},
        "negative": {"type": "integer", "format": "uint32", "minimum": -1},
        "fits": {"type": "integer", "format": "uint8", "minimum": 0, "exclusiveMaximum": 256}}}"#;
    let files = [("sizes.json".to_string(), schema.to_string())].into();
    let spec = workos_codegen::Spec::from_memory("sizes.json", &files).unwrap();
    let model = workos_codegen::model::build(&spec, &Default::default()).unwrap();
    let warnings: Vec<String> = model.warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(
        warnings,
        [
            "sizes.json#/properties/big: `maximum: 1000` allows integers that `format: uint8` (`u8`) cannot hold: they fail to decode",
            "sizes.json#/properties/negative: `minimum: -1` allows integers that `format: uint32` (`u32`) cannot hold: they fail to decode",
        ]
    );
}

#[test]
fn integer_formats_decode_exactly_their_range() {
    let instances = repo(&format!("{FIXTURES}/instances/integers.json"));
    let text = std::fs::read_to_string(instances).unwrap();
    let schemas = [Schema {
        name: "integers".into(),
        path: repo(&format!("{FIXTURES}/integers.json")),
        cases: cases::parse(&text).unwrap().cases,
    }];
    let (outcomes, _) = run(&schemas, &repo("target/schema-types"), "schema-types");
    expected::assert_all_pass(&outcomes);
}

const DERIVES: &str = "tests/fixtures/schema-types/derives";

/// The derives `[derives]` asks for, where they compile, and a warning with the pointer of
/// each type that cannot have one; the crate builds clippy-clean and its values go in
/// `HashSet`s and `BTreeSet`s and sort.
#[test]
fn settings_derives_compile_where_given_and_warn_where_not() {
    let (spec, settings) = load(&repo(DERIVES), None).unwrap_or_else(|err| panic!("{err}"));
    let model = workos_codegen::model::build(&spec, &settings).unwrap();
    let derives: Vec<(&str, Vec<&str>, &[String])> = model
        .types
        .iter()
        .map(|t| {
            let derives = t.derives.iter().map(String::as_str).collect();
            (t.name.as_str(), derives, t.attributes.as_slice())
        })
        .collect();
    let alias = r#"#[doc(alias = "Product")]"#.to_string();
    assert_eq!(
        derives,
        [
            ("Catalog", vec![], &[][..]),
            ("Item", vec!["Hash", "PartialOrd", "Ord"], &[alias][..]),
            ("Tag", vec!["PartialOrd", "Ord"], &[][..]),
            ("Size", vec!["PartialOrd", "Ord"], &[][..]),
            ("Weight", vec!["PartialOrd"], &[][..]),
            ("Label", vec![], &[][..]),
        ]
    );
    let warnings: Vec<String> = model.warnings.iter().map(|w| w.to_string()).collect();
    let at = |pointer: &str| format!("{}/catalog.json#{pointer}", repo(DERIVES).display());
    let refused = |name: &str, on: &str, why: &str| {
        format!(
            "the settings' [derives] ask for `{name}` on `{on}`, which cannot derive it: {why}; generated without it"
        )
    };
    let f64_field =
        |field: &str, name: &str| format!("its field `{field}` holds `f64`, which has no `{name}`");
    let mut expected = vec![
        format!(
            "{}: {}",
            at(""),
            refused("Hash", "Catalog", &f64_field("price", "Hash"))
        ),
        format!(
            "{}: {}",
            at(""),
            refused(
                "PartialOrd",
                "Catalog",
                "its field `extra` holds `serde_json::Value`, which has no `PartialOrd`"
            )
        ),
        format!(
            "{}: {}",
            at(""),
            refused(
                "Ord",
                "Catalog",
                "`Ord` needs `Eq` and `PartialOrd` on it too"
            )
        ),
        format!(
            "{}: {}",
            at("/$defs/Weight"),
            refused("Hash", "Weight", &f64_field("grams", "Hash"))
        ),
        format!(
            "{}: {}",
            at("/$defs/Weight"),
            refused(
                "Ord",
                "Weight",
                "`Ord` needs `Eq` and `PartialOrd` on it too"
            )
        ),
        format!(
            "{}: `Label` is a type alias, which takes no derives or attributes: ask for them on the types it names; generated without them",
            at("/$defs/Label")
        ),
    ];
    let mut found = warnings.clone();
    expected.sort();
    found.sort();
    assert_eq!(found, expected);

    let mut files = workos_codegen::generate(&spec, &settings).unwrap().files;
    files.push(workos_codegen::GeneratedFile {
        path: "tests/derives.rs".into(),
        contents: r##"
use std::collections::{BTreeSet, HashSet};

use derives_check::{Item, Size, Tag, Weight};

fn item(json: &str) -> Item {
    serde_json::from_str(json).unwrap()
}

#[test]
fn items_go_in_hash_and_btree_sets() {
    let a = item(r#"{"sku": "a", "tags": ["sale"], "dims": {"w": 2}, "size": 2}"#);
    let b = item(r#"{"sku": "b", "tags": [], "parent": {"sku": "a", "tags": []}}"#);
    let hashed: HashSet<Item> = [a.clone(), b.clone(), a.clone()].into_iter().collect();
    assert_eq!(hashed.len(), 2);
    let ordered: BTreeSet<Item> = [b.clone(), a.clone()].into_iter().collect();
    assert_eq!(ordered.into_iter().collect::<Vec<_>>(), [a, b]);
}

#[test]
fn enums_and_floats_order() {
    let mut tags = vec![Tag::Sale, Tag::New];
    tags.sort();
    assert_eq!(tags, [Tag::New, Tag::Sale]);
    assert!(Size::V1 < Size::V3);
    let light: Weight = serde_json::from_str(r#"{"grams": 1.5}"#).unwrap();
    let heavy: Weight = serde_json::from_str(r#"{"grams": 20}"#).unwrap();
    assert!(light < heavy);
}
"##
        .into(),
    });
    let outside = tempfile::tempdir().unwrap();
    let dir = outside.path().join("derives-check");
    support::write_crate(&dir, &files);
    let manifest = dir.join("Cargo.toml");
    let text = std::fs::read_to_string(&manifest).unwrap();
    if !text.contains("\nserde_json") {
        let text = text.replacen(
            "[dependencies]\n",
            "[dependencies]\nserde_json = \"1\"\n",
            1,
        );
        std::fs::write(&manifest, text).unwrap();
    }
    support::clippy_and_test_outside(&dir);
}

#[test]
fn settings_derives_the_generator_decides_or_that_name_nothing_are_errors() {
    let err = workos_codegen::Settings::from_toml(
        "[derives]\nall = [\"Debug\", \"not a path\"]\n",
        "x.toml",
    )
    .unwrap_err()
    .to_string();
    assert_eq!(
        err.matches("x.toml#/derives/all: expected paths of derive macros")
            .count(),
        2,
        "{err}"
    );
    let err =
        workos_codegen::Settings::from_toml("[attributes]\nall = [\"derive(Hash)\"]\n", "x.toml")
            .unwrap_err()
            .to_string();
    assert!(
        err.contains("x.toml#/attributes/all: expected one outer attribute"),
        "{err}"
    );
    let (spec, _) = load(&repo(DERIVES), None).unwrap();
    let settings =
        workos_codegen::Settings::from_toml("[derives]\n\"#/$defs/Nope\" = [\"Hash\"]\n", "x.toml")
            .unwrap();
    let err = workos_codegen::model::build(&spec, &settings)
        .unwrap_err()
        .to_string();
    assert!(err.contains("x.toml#/derives/#~1$defs~1Nope: [derives] names `#/$defs/Nope`, but the spec has no schema or type there"), "{err}");
}
