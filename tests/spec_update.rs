//! A real spec update: WorkOS's webhook-endpoints spec of 2026-05-18 (the one in `spec/`) and of
//! 2026-08-07, which adds 16 events, some in the middle of the list. Both are copied into
//! `tests/fixtures/update/`, split like `spec/` and with the same `codegen.toml`. Regenerating
//! must only add lines (a small, reviewable diff), and the new code must compile: its `types`
//! module is checked in as `tests/fixtures/update/2026-08-07/types.rs` and compiled here.
//!
//! Refresh the snapshot after a deliberate generator change with
//! `EXPECTORATE=overwrite cargo test --test spec_update`.

use std::path::Path;

use workos_webhooks::runtime;

#[allow(dead_code)]
#[rustfmt::skip] // generated code, formatted by the generator (prettyplease)
#[path = "fixtures/update/2026-08-07/types.rs"]
mod updated;

const OLD: &str = "tests/fixtures/update/2026-05-18";
const NEW: &str = "tests/fixtures/update/2026-08-07";

/// The 16 events the update adds.
const NEW_EVENTS: [&str; 16] = [
    "agent.registration.created",
    "agent.registration.claim.attempt.created",
    "agent.registration.claim.completed",
    "agent.registration.credential.issued",
    "agent.registration.deleted",
    "agent.registration.refreshed",
    "agent.registration.expired",
    "agent.registration.organization.switched",
    "agent.registration.revoked",
    "radar.challenge_created",
    "authentication.reauthentication_succeeded",
    "api_key.updated",
    "pipes.connected_account.connected",
    "pipes.connected_account.connection_failed",
    "pipes.connected_account.disconnected",
    "pipes.connected_account.reauthorization_needed",
];

/// Every generated file, by path.
fn generate(folder: &str) -> Vec<(String, String)> {
    let (spec, settings) = workos_codegen::load(Path::new(folder), None).unwrap();
    let output = workos_codegen::generate(&spec, &settings).unwrap_or_else(|err| panic!("{err}"));
    output
        .files
        .into_iter()
        .map(|file| (file.path, file.contents))
        .collect()
}

/// The lines of `new` that are not in `old`, when `old` is `new` with lines removed (that is,
/// when going from old to new only adds lines); `Err` with the first old line that is missing.
fn added_lines<'a>(old: &'a str, new: &'a str) -> Result<Vec<&'a str>, String> {
    let mut added = Vec::new();
    let mut new_lines = new.lines().enumerate();
    for (old_index, old_line) in old.lines().enumerate() {
        loop {
            match new_lines.next() {
                Some((_, line)) if line == old_line => break,
                Some((_, line)) => added.push(line),
                None => {
                    return Err(format!(
                        "old line {} is changed or gone: {old_line:?}",
                        old_index + 1
                    ));
                }
            }
        }
    }
    added.extend(new_lines.map(|(_, line)| line));
    Ok(added)
}

#[test]
fn the_old_fixture_is_the_projects_spec() {
    // So the "old" side of this test is what `generated/` is made from today.
    for file in [
        "openapi.json",
        "schemas/CreateWebhookEndpointDto.json",
        "codegen.toml",
    ] {
        let fixture = std::fs::read_to_string(Path::new(OLD).join(file)).unwrap();
        let spec = std::fs::read_to_string(Path::new("spec").join(file)).unwrap();
        assert_eq!(fixture, spec, "{file} differs from spec/{file}");
    }
}

#[test]
fn the_update_only_adds_lines_about_the_new_events() {
    let old = generate(OLD);
    let new = generate(NEW);
    let paths = |files: &[(String, String)]| files.iter().map(|f| f.0.clone()).collect::<Vec<_>>();
    assert_eq!(paths(&old), paths(&new), "the same files are generated");

    let mut total = 0;
    let mut reworded = Vec::new();
    for ((path, old), (_, new)) in old.iter().zip(&new) {
        // The update also rewords one description (the `order` parameter's): doc comments
        // follow the spec's text, so they are compared on their own.
        let (old_docs, old) = split_docs(old);
        let (new_docs, new) = split_docs(new);
        reworded.extend(old_docs.into_iter().filter(|line| !new_docs.contains(line)));
        let added = added_lines(&old, &new).unwrap_or_else(|err| panic!("{path}: {err}"));
        for line in &added {
            let about_a_new_event = NEW_EVENTS.iter().any(|event| {
                let variant = heck_variant(event);
                line.contains(event)
                    || line.contains(&format!("::{variant}"))
                    || line.trim() == format!("{variant},")
            });
            let punctuation = line.trim().chars().all(|c| "{}(),;".contains(c));
            assert!(
                about_a_new_event || punctuation,
                "{path}: an added line is about none of the new events: {line:?}"
            );
        }
        total += added.len();
        if path == "src/types.rs" {
            // Each new event: its variant (doc lines aside), its place in `ALL`, `as_str` and `From`.
            for event in NEW_EVENTS {
                let mentions = added.iter().filter(|l| l.contains(event)).count();
                assert!(
                    mentions >= 2,
                    "{event} is named {mentions} times in the added lines"
                );
            }
        } else {
            assert!(added.is_empty(), "{path} changed: {added:?}");
        }
    }
    // A reviewable diff: about seven lines per event, nothing else.
    assert!(total <= 16 * 8, "{total} lines added");
    assert_eq!(reworded.len(), 1, "doc lines changed: {reworded:?}");
    assert!(
        reworded[0].contains("Order the results by the creation time"),
        "{reworded:?}"
    );
}

/// Doc-comment lines apart from the code lines of a file.
fn split_docs(text: &str) -> (Vec<String>, String) {
    let (docs, code): (Vec<&str>, Vec<&str>) = text
        .lines()
        .partition(|line| line.trim_start().starts_with("///"));
    (
        docs.into_iter().map(str::to_string).collect(),
        code.join("\n"),
    )
}

/// `agent.registration.created` -> `AgentRegistrationCreated`.
fn heck_variant(event: &str) -> String {
    event
        .split(['.', '_'])
        .map(|word| {
            let mut chars = word.chars();
            chars
                .next()
                .map(|first| first.to_ascii_uppercase().to_string() + chars.as_str())
                .unwrap_or_default()
        })
        .collect()
}

#[test]
fn the_snapshot_is_what_the_new_spec_generates() {
    let new = generate(NEW);
    let types = &new.iter().find(|f| f.0 == "src/types.rs").unwrap().1;
    expectorate::assert_contents(Path::new(NEW).join("types.rs"), types);
}

#[test]
fn the_new_events_are_known_variants() {
    use updated::WebhookEvent;
    assert_eq!(WebhookEvent::ALL.len(), 93);
    for event in NEW_EVENTS {
        let parsed = WebhookEvent::from(event);
        assert!(!parsed.is_unknown(), "{event}");
        assert_eq!(parsed.as_str(), event);
    }
    assert_eq!(
        WebhookEvent::from("pipes.connected_account.connected"),
        WebhookEvent::PipesConnectedAccountConnected
    );
    // The events already known keep their variants and order.
    let old: Vec<&str> = workos_webhooks::WebhookEvent::ALL
        .iter()
        .map(|e| e.as_str())
        .collect();
    let kept: Vec<&str> = WebhookEvent::ALL
        .iter()
        .map(|e| e.as_str())
        .filter(|e| !NEW_EVENTS.contains(e))
        .collect();
    assert_eq!(old, kept);
}

#[test]
fn a_delivery_of_a_new_event_parses_before_and_after_the_update() {
    let body = r#"{"object":"event","id":"event_01","event":"api_key.updated","data":{"id":"api_key_01"},"created_at":"2026-08-07T12:00:00.000Z"}"#;
    // The crate generated from the new spec knows the event...
    let event: updated::Event = serde_json::from_str(body).unwrap();
    assert_eq!(event.event, updated::WebhookEvent::ApiKeyUpdated);
    // ...and the one from the old spec keeps it, unknown but intact.
    let event: workos_webhooks::Event = serde_json::from_str(body).unwrap();
    assert!(event.event.is_unknown());
    assert_eq!(event.event.as_str(), "api_key.updated");
}

#[test]
fn added_lines_finds_only_insertions() {
    assert_eq!(added_lines("a\nb\n", "a\nx\nb\ny\n"), Ok(vec!["x", "y"]));
    assert!(added_lines("a\nb\n", "a\nc\n").is_err());
    assert!(added_lines("a\nb\n", "b\na\n").is_err());
}
