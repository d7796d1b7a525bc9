// Compiles the golden file generated from tests/fixtures/specs/unions, and checks (trybuild runs
// it) how its unions read and write JSON, and go over HTTP to a wiremock server.
// With exactly the runtime modules the output ships (tests/golden.rs checks the list).
#[path = "../../../codegen/runtime"]
pub mod runtime {
    pub mod auth;
    pub mod client;
    pub mod error;
    pub mod examples;
    pub mod hook;
    pub mod json_rule;
    pub mod nullable;
    pub mod pagination;
    pub mod path;
    pub mod pattern;
    pub mod query;
    pub mod retry;
    pub mod secret;
    pub mod timestamp;
    pub mod union;
    pub mod validate;
}
include!("../../golden/unions.rs");

use serde_json::{Value, json};

fn round_trip<T: serde::de::DeserializeOwned + serde::Serialize>(value: Value) -> T {
    let parsed: T = serde_json::from_value(value.clone()).unwrap();
    assert_eq!(serde_json::to_value(&parsed).unwrap(), value);
    parsed
}

#[tokio::main]
async fn main() {
    types_read_and_write_json();
    requests_carry_unions_over_http().await;
}

/// The generated client sends union bodies and reads union responses on a loopback socket.
async fn requests_carry_unions_over_http() {
    use wiremock::matchers::{body_json, method, path};
    use wiremock::{Mock, MockServer, ResponseTemplate};

    let server = MockServer::start().await;
    let client = Client::builder().base_url(server.uri()).build();
    let grant = json!({
        "grant_type": "urn:workos:oauth:grant-type:email-verification:code",
        "code": "123456", "pending_authentication_token": "tok"
    });
    Mock::given(method("POST")).and(path("/authenticate")).and(body_json(&grant))
        .respond_with(ResponseTemplate::new(204)).expect(1).mount(&server).await;
    let body = AuthenticateUserBodyEmailVerificationCode {
        code: "123456".into(),
        pending_authentication_token: "tok".into(),
    };
    client.authentication().authenticate_user(body.into()).await.unwrap();

    // `expires_at(None)` sends `null`; not calling it sends `{}`.
    Mock::given(method("POST")).and(path("/api_keys/key_1/expire"))
        .and(body_json(json!({"expires_at": null})))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "object": "api_key", "id": "key_1", "expires_at": null, "expired": false,
            "owner": {"type": "service_account", "id": "sa_1"}
        })))
        .expect(1).mount(&server).await;
    let key = client.api_keys().expire_api_key("key_1").expires_at(None).await.unwrap();
    assert!(key.owner.is_unknown(), "an owner type added later is kept");
    Mock::given(method("PUT")).and(path("/memberships/m_1"))
        .and(body_json(json!({"role_slug": "admin"})))
        .respond_with(ResponseTemplate::new(204)).expect(1).mount(&server).await;
    client.authorization().update_membership("m_1")
        .choice(UpdateMembershipRoleSlug { role_slug: "admin".into() }.into())
        .await.unwrap();

    // A known tag whose body does not fit is a decode error naming the variant, not `Unknown`.
    Mock::given(method("GET")).and(path("/api_keys/key_2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "object": "api_key", "id": "key_2", "expires_at": null,
            "owner": {"type": "user", "id": "user_1"}
        })))
        .mount(&server).await;
    let err = client.api_keys().get_api_key("key_2").await.unwrap_err();
    assert!(matches!(err, Error::Decode(_)), "{err:?}");
    assert!(err.to_string().contains("missing field `organization_id`"), "{err}");
}

fn types_read_and_write_json() {
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
        "data": {"id": "user_1"}, "created_at": "2026-01-15T12:00:00Z"
    }));
    assert_eq!(event.id, "event_1");
    assert!(matches!(&event.event, EventEvent::UserDeleted(deleted) if deleted.data.id == "user_1"));
    let future: Event = round_trip(json!({
        "object": "event", "id": "event_2", "event": "user.renamed",
        "data": {"name": "n"}, "created_at": "2026-01-15T12:00:00Z"
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
        "object": "api_key", "id": "key_1", "expires_at": "2026-01-15T12:00:00Z",
        "owner": {"type": "organization", "id": "org_1"}, "expired": true
    }));
    assert!(expired.expired);
    let page: List<Event> = round_trip(json!({
        "object": "list", "data": [], "list_metadata": {"before": null, "after": "event_2"}
    }));
    assert_eq!(page.list_metadata.after.as_deref(), Some("event_2"));
}
