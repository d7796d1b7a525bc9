//! The cost of reading a tagged union the way the generated code does (tag first, through
//! `serde_json::Value`, so unknown tags are kept and a known tag reports its own errors), next
//! to two baselines in the same run: serde's derived internally tagged enum (`#[serde(tag)]`,
//! which can do neither) and plain `serde_json::Value`. Input: a page of 1000 events of the
//! `tests/fixtures/specs/unions` spec (two kinds, every tenth one a kind added later, which
//! the derived enum cannot read, so its page has none of those).
//!
//! ```sh
//! cargo bench --bench union_decode
//! ```

use divan::{Bencher, black_box};
use serde::Deserialize;
use serde_json::{Value, json};

#[allow(dead_code, unused_imports)] // the whole generated crate, of which the bench uses a part
mod unions {
    include!("../tests/golden/runtime.rs");
    include!("../tests/golden/unions.rs");
}

/// What serde's derive gives for the same event union (the baseline).
mod derived {
    use serde::Deserialize;

    #[allow(dead_code)]
    #[derive(Deserialize)]
    pub struct Event {
        pub id: String,
        pub created_at: String,
        #[serde(flatten)]
        pub event: Kind,
    }

    #[allow(dead_code)]
    #[derive(Deserialize)]
    #[serde(tag = "event")]
    pub enum Kind {
        #[serde(rename = "user.created")]
        UserCreated { data: Created },
        #[serde(rename = "user.deleted")]
        UserDeleted { data: Deleted },
    }

    #[allow(dead_code)]
    #[derive(Deserialize)]
    pub struct Created {
        pub email: String,
    }

    #[allow(dead_code)]
    #[derive(Deserialize)]
    pub struct Deleted {
        pub id: String,
    }
}

fn main() {
    divan::main();
}

fn page(with_unknown: bool) -> String {
    let events: Vec<Value> = (0..1000)
        .map(|i| {
            let (event, data) = match i % 10 {
                9 if with_unknown => ("user.renamed", json!({"name": format!("n{i}")})),
                n if n % 2 == 0 => (
                    "user.created",
                    json!({"email": format!("u{i}@example.com")}),
                ),
                _ => ("user.deleted", json!({"id": format!("user_{i}")})),
            };
            json!({
                "object": "event", "id": format!("event_{i}"), "event": event, "data": data,
                "created_at": "2026-01-15T12:00:00.000Z"
            })
        })
        .collect();
    json!({"object": "list", "data": events, "list_metadata": {"before": null, "after": null}})
        .to_string()
}

#[derive(Deserialize)]
struct Page<T> {
    #[allow(dead_code)]
    data: Vec<T>,
}

/// The generated `List<Event>`, unknown event kinds included.
#[divan::bench(sample_count = 200)]
fn generated(bencher: Bencher) {
    let json = page(true);
    bencher.bench(|| {
        let page: unions::List<unions::Event> = serde_json::from_str(black_box(&json)).unwrap();
        page
    });
}

/// The same page without the unknown kinds, which the derived enum would reject.
#[divan::bench(sample_count = 200)]
fn generated_known_only(bencher: Bencher) {
    let json = page(false);
    bencher.bench(|| {
        let page: unions::List<unions::Event> = serde_json::from_str(black_box(&json)).unwrap();
        page
    });
}

/// Baseline: serde's derived internally tagged enum (known kinds only).
#[divan::bench(sample_count = 200)]
fn baseline_serde_tagged(bencher: Bencher) {
    let json = page(false);
    bencher.bench(|| {
        let page: Page<derived::Event> = serde_json::from_str(black_box(&json)).unwrap();
        page
    });
}

/// Baseline: untyped JSON.
#[divan::bench(sample_count = 200)]
fn baseline_value(bencher: Bencher) {
    let json = page(true);
    bencher.bench(|| {
        let page: Value = serde_json::from_str(black_box(&json)).unwrap();
        page
    });
}
