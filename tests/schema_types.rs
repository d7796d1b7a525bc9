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
    let verdict = expected::compare(&outcomes, &[]);
    println!("{}", expected::table(&verdict.rows));
    assert!(
        verdict.problems.is_empty(),
        "{} failure(s):\n{}",
        verdict.problems.len(),
        verdict.problems.join("\n")
    );
}
