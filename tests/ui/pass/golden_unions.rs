// Compiles the golden file generated from tests/fixtures/specs/unions, and checks (when trybuild
// runs it) how its unions read and write JSON.
include!("../../golden/runtime.rs");
include!("../../golden/unions.rs");

use serde_json::{Value, json};

fn round_trip<T: serde::de::DeserializeOwned + serde::Serialize>(value: Value) -> T {
    let parsed: T = serde_json::from_value(value.clone()).unwrap();
    assert_eq!(serde_json::to_value(&parsed).unwrap(), value);
    parsed
}

fn main() {
    // A discriminated union: the tag picks the variant, an unknown tag is kept.
    let key: ApiKey = round_trip(json!({
        "object": "api_key", "id": "key_1", "expires_at": null,
        "owner": {"type": "user", "id": "user_1", "organization_id": "org_1"},
        "metadata": {"team": "core", "seats": 3.0, "trial": false}
    }));
    assert!(matches!(&key.owner, ApiKeyOwner::User(user) if user.organization_id == "org_1"));
    assert_eq!(key.metadata.unwrap()["trial"], ApiKeyMetadataItem::Bool(false));
    let robot: ApiKeyOwner = round_trip(json!({"type": "robot", "serial": 7}));
    assert!(robot.is_unknown());
    let err = serde_json::from_value::<ApiKeyOwner>(json!({"type": "user", "id": "u"})).unwrap_err();
    assert_eq!(err.to_string(), "invalid ApiKeyOwner `user`: missing field `organization_id`");
    let owner: ApiKeyOwner = ApiKeyOwnerOrganization { id: "org_1".into() }.into();
    assert_eq!(serde_json::to_value(&owner).unwrap(), json!({"type": "organization", "id": "org_1"}));

    // Mutually exclusive groups beside shared properties, named by the spec's groups.
    let check = Check {
        permission_slug: "posts:create".into(),
        resource_target: CheckById { resource_id: "res_1".into() }.into(),
    };
    assert_eq!(
        serde_json::to_value(&check).unwrap(),
        json!({"permission_slug": "posts:create", "resource_id": "res_1"})
    );
    let by_external: Check = round_trip(json!({
        "permission_slug": "p", "resource_external_id": "x", "resource_type_slug": "doc"
    }));
    assert!(matches!(by_external.resource_target, CheckResourceTarget::ByExternalId(_)));

    // A group that may be left out: `{}` is `None`.
    let none: UpdateMembership = round_trip(json!({}));
    assert_eq!(none.choice, None);
    let many: UpdateMembership = round_trip(json!({"role_slugs": ["admin"]}));
    assert!(matches!(many.choice, Some(UpdateMembershipChoice::RoleSlugs(_))));

    // Events: shared fields stay fields; the event name picks the payload's type.
    let event: Event = round_trip(json!({
        "object": "event", "id": "event_1", "event": "user.deleted",
        "data": {"id": "user_1"}, "created_at": "2026-01-15T12:00:00.000Z"
    }));
    assert_eq!(event.id, "event_1");
    assert!(matches!(&event.event, EventEvent::UserDeleted(deleted) if deleted.data.id == "user_1"));
    let future: Event = round_trip(json!({
        "object": "event", "id": "event_2", "event": "user.renamed",
        "data": {"name": "n"}, "created_at": "2026-01-15T12:00:00.000Z"
    }));
    assert!(future.event.is_unknown());

    // URN tags are named by what tells them apart.
    let body: AuthenticateUserBody = round_trip(json!({
        "grant_type": "urn:ietf:params:oauth:grant-type:device_code", "device_code": "d"
    }));
    assert!(matches!(body, AuthenticateUserBody::DeviceCode(_)));
    let _ = AuthenticateUserBody::EmailVerificationCode(AuthenticateUserBodyEmailVerificationCode::default());

    // Optional and nullable: absent, `null` and a value are three requests.
    let keep: ExpireApiKey = round_trip(json!({}));
    assert_eq!(keep.expires_at, None);
    let clear: ExpireApiKey = round_trip(json!({"expires_at": null}));
    assert_eq!(clear.expires_at, Some(None));

    // An `allOf` that extends a `$ref`, and a list envelope split across `allOf` members.
    let expired: ExpireApiKeyResponse = round_trip(json!({
        "object": "api_key", "id": "key_1", "expires_at": "2026-01-15T12:00:00.000Z",
        "owner": {"type": "organization", "id": "org_1"}, "expired": true
    }));
    assert!(expired.expired);
    let page: List<Event> = round_trip(json!({
        "object": "list", "data": [], "list_metadata": {"before": null, "after": "event_2"}
    }));
    assert_eq!(page.list_metadata.after.as_deref(), Some("event_2"));
}
