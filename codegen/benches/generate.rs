//! The generator's entry point on `spec/`, against two baselines in the same run: parsing the
//! spec's JSON alone, and typify turning the same component schemas into Rust types.
//! Run: `cargo bench -p workos-codegen --bench generate`.

use std::path::Path;

use workos_codegen::{Layout, Settings, Spec, generate};

fn main() {
    divan::main();
}

fn spec_dir() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../spec"))
}

/// Baseline: reading and parsing the spec documents, nothing else.
#[divan::bench]
fn parse_spec_json(bencher: divan::Bencher) {
    let text = std::fs::read_to_string(spec_dir().join("openapi.json")).unwrap();
    let schema =
        std::fs::read_to_string(spec_dir().join("schemas/CreateWebhookEndpointDto.json")).unwrap();
    bencher.bench(|| {
        let a: serde_json::Value = serde_json::from_str(divan::black_box(&text)).unwrap();
        let b: serde_json::Value = serde_json::from_str(divan::black_box(&schema)).unwrap();
        (a, b)
    });
}

/// Load + model + emit + format, for the vendored crate layout (all files).
#[divan::bench]
fn generate_crate(bencher: divan::Bencher) {
    let spec = Spec::read(spec_dir()).unwrap();
    let settings = Settings::for_spec(spec_dir()).unwrap();
    bencher.bench(|| generate(divan::black_box(&spec), &settings).unwrap());
}

/// The whole WorkOS API (212 operations, a 1.4 MB YAML), vendored crate layout: compare with
/// `generate_crate` on the webhook-endpoints spec.
#[divan::bench]
fn generate_whole_api(bencher: divan::Bencher) {
    let dir = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/fixtures/whole-api"
    ));
    let spec = Spec::read(dir).unwrap();
    let settings = Settings::for_spec(dir).unwrap();
    bencher.bench(|| generate(divan::black_box(&spec), &settings).unwrap());
}

/// What build.rs does: read the folder, then generate the one-file layout.
#[divan::bench]
fn build_step(bencher: divan::Bencher) {
    let settings = Settings::for_spec(spec_dir())
        .unwrap()
        .with_layout(Layout::Module {
            file_name: "api.rs".into(),
        });
    bencher.bench(|| {
        let spec = Spec::read(spec_dir()).unwrap();
        generate(&spec, &settings).unwrap()
    });
}

/// Baseline: typify 0.8 on the same component schemas (types only, no formatting).
#[divan::bench]
fn typify_components(bencher: divan::Bencher) {
    let mut document: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(spec_dir().join("openapi.json")).unwrap())
            .unwrap();
    // typify reads `$defs`-style references only within one document: inline the split-out file.
    let create: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(spec_dir().join("schemas/CreateWebhookEndpointDto.json")).unwrap(),
    )
    .unwrap();
    document["components"]["schemas"]["CreateWebhookEndpointDto"] = create;
    let definitions: schemars::Map<String, schemars::schema::Schema> =
        serde_json::from_value(document["components"]["schemas"].clone()).unwrap();
    bencher.bench(|| {
        let mut space =
            typify::TypeSpace::new(typify::TypeSpaceSettings::default().with_struct_builder(false));
        space.add_ref_types(definitions.clone()).unwrap();
        let file: syn::File = syn::parse2(space.to_stream()).unwrap();
        prettyplease::unparse(&file)
    });
}
