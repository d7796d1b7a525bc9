// Compiles the golden file generated from tests/fixtures/specs/operation_names, naming what it
// generates: builders clear of the spec's types, and tag modules clear of the crate's names.
// With exactly the runtime modules the output ships (tests/golden.rs checks the list).
#[path = "../../../codegen/runtime"]
pub mod runtime {
    pub mod auth;
    pub mod client;
    pub mod error;
    pub mod hook;
    pub mod path;
    pub mod query;
    pub mod retry;
    pub mod secret;
    pub mod validate;
}
include!("../../golden/operation_names.rs");

fn main() {
    let client = Client::builder().build();
    // `CreateThingRequest` is the spec's body type, so the builder is `CreateThingBuilder`.
    let params: things::CreateThingParams = CreateThingRequest { name: "n".into() };
    let _: things::CreateThingBuilder<'_> = client.things().create_thing(params);
    // `UpdateThingParams` is the body itself: re-exported, not aliased.
    let _: things::UpdateThingRequest<'_> = client
        .things()
        .update_thing("t_1")
        .params(things::UpdateThingParams::default());
    // `ReplaceThingParams` is another schema: the body is `ReplaceThingBody`.
    let body = things::ReplaceThingBody { name: "n".into() };
    let _: things::ReplaceThingRequest<'_> = client.things().replace_thing("t_1", body);
    // `DeleteThingRequest` and `DeleteThingBuilder` are both schemas.
    let _: things::DeleteThingBuilder2<'_> = client.things().delete_thing("t_1");
    let _ = (DeleteThingRequest::default(), DeleteThingBuilder::default());
    // Tags named like the crate's modules, its re-exports and files, `Client`'s methods, Rust
    // keywords, and another tag's module get `_api`. Their builders are distinct across the
    // crate: the first `Ping` keeps `PingRequest`, the others are numbered.
    let _: things_api::PingRequest<'_> = client.things_api().ping();
    let _: runtime_api::Ping2Request<'_> = client.runtime_api().ping();
    let _: types_api::Ping3Request<'_> = client.types_api().ping();
    let _: api_api::Ping4Request<'_> = client.api_api().ping();
    let _: webhook_api::Ping5Request<'_> = client.webhook_api().ping();
    let _: lib_api::Ping6Request<'_> = client.lib_api().ping();
    let _: builder_api::Ping7Request<'_> = client.builder_api().ping();
    let _: clone_api::Ping8Request<'_> = client.clone_api().ping();
    let _: type_api::Ping9Request<'_> = client.type_api().ping();
    let _: self_api::Ping10Request<'_> = client.self_api().ping();
    // What they would have shadowed still works.
    let _: Client = client.clone();
    let _ = Client::builder();
}
