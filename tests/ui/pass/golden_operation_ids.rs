// Compiles the golden file generated from tests/fixtures/specs/operation_ids, naming what it
// generates for operations whose ids are missing, repeated or clash.
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
include!("../../golden/operation_ids.rs");

fn main() {
    let client = Client::builder().build();
    // GET and HEAD share an operationId: HEAD is named from its method and path.
    let _: health::V1HealthGetRequest<'_> = client.health().v1_health_get();
    let _: health::HeadV1HealthRequest<'_> = client.health().head_v1_health();
    // No summary, no operationId: its method and path.
    let _: users::GetUsersIdKeysRequest<'_> = client.users().get_users_id_keys("u_1").limit(10);
    // One summary twice in a tag: the second is named from its operationId.
    let _: disks::ListDisksRequest<'_> = client.disks().list_disks();
    let _: disks::DiskListV1Request<'_> = client.disks().disk_list_v1("p");
    // One summary in two tags: one method name in each handle, builders distinct in the crate.
    let _: instances::ListNetworkInterfacesRequest<'_> =
        client.instances().list_network_interfaces("i");
    let _: vpcs::ListNetworkInterfaces2Request<'_> = client.vpcs().list_network_interfaces("s");
    // A summary without letters is no name; every name taken is numbered.
    let _: things::PingRequest<'_> = client.things().ping();
    let _: things::GetThingsRequest<'_> = client.things().get_things();
    let _: things::GetThings2Request<'_> = client.things().get_things_2();
}
