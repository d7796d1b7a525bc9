//! A decoding harness: given schema files and instances written from the schemas' rules, it
//! generates each file's crate, decodes every instance into the type generated for its
//! schema, and compares what fails with an exact list of expected failures. The typify
//! corpus test uses it; so can a runner of the JSON Schema Test Suite (one file per schema,
//! its cases at pointer `""`).

pub mod build;
pub mod cases;
pub mod expected;
pub mod harness;
pub mod probe;
