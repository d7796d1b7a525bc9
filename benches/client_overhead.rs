//! Per-request overhead of the client, and decoding cost of a list page.
//!
//! `request`: one `GET /webhook_endpoints` against a minimal keep-alive HTTP/1.1 server on
//! loopback, through the client (`client`) and through hand-written reqwest + serde_json
//! code doing the same request and decoding into the same type (`handwritten`). Both run
//! in this process against the same server. `decode`: a 100-endpoint page decoded into
//! the generated types, into `serde_json::Value`, and into a minimal all-`String` struct.
//!
//! `cargo bench --bench client_overhead` also prints, from one interleaved run after divan's
//! table (less drift than separate divan rows), the client against hand-written code and
//! against today's client (`baseline`: the client as generated at commit 2c07782, before
//! per-request options, hooks, credentials by scheme and tracing, frozen in
//! `benches/baseline/`), with no hook and with one hook; with `--features tracing` also with a
//! subscriber that takes every span and event.
//!
//! Wall-clock numbers on a shared 2-core machine are noisy; instruction counts are not.
//! With `CLIENT_OVERHEAD_ONLY=<mode>` (and `CLIENT_OVERHEAD_N`, default 1000) the binary
//! skips divan, does the same setup and warm-up for every mode, then runs N iterations
//! of one mode, for `valgrind --tool=callgrind`: modes `none` (setup only), `client`,
//! `client_hook`, `client_limit` (with `limit(10)`, checked before sending),
//! `client_limit_unchecked` (the same with `skip_validation`), `baseline`, `handwritten`,
//! `handwritten_without_timeout`, `decode_generated`, `validate_generated` (`validate()` on the
//! decoded 100-endpoint page), `decode_widgets`, `validate_widgets` (100 widgets of the
//! validation fixture, whose types have many checks), `decode_value`, `decode_minimal` (with `--features tracing`, every client mode runs with the
//! subscriber on). (Total minus `none`) / N is the cost of one iteration, server side
//! included for the request modes (the same for all of them).

use std::hint::black_box;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::time::{Duration, Instant};

use serde::Deserialize;
use workos_webhooks::reqwest::header::HeaderValue;
use workos_webhooks::{Attempt, BoxFuture, Client, Error, Hook, Validate, WebhookEndpointList};

/// The client of `tests/fixtures/specs/validation/` (its golden file), for the cost of
/// `validate()` on types with many checks.
#[allow(dead_code, unused_imports, clippy::all)]
mod validation_fixture {
    include!("../tests/golden/runtime.rs");
    include!("../tests/golden/validation.rs");
}

/// Today's client, as generated before this client had hooks, per-request options, credentials by
/// security scheme and tracing (commit 2c07782's one-file output for `spec/`, unchanged).
#[allow(dead_code, unused_imports, clippy::all)]
mod baseline {
    include!("baseline/client_2c07782.rs");
}

const API_KEY: &str = "sk_bench_123";

/// One hook, as a service would add: a header on every attempt.
struct TraceHeader;

impl Hook for TraceHeader {
    fn before_attempt<'a>(
        &'a self,
        attempt: &'a mut Attempt<'_>,
    ) -> BoxFuture<'a, Result<(), Error>> {
        let value = HeaderValue::from_static("bench-trace-1");
        attempt.headers_mut().insert("x-trace-id", value);
        Box::pin(std::future::ready(Ok(())))
    }
}

/// A subscriber that takes every span and event (and reads their fields), keeping nothing: the
/// client's cost of tracing, not a formatter's.
#[cfg(feature = "tracing")]
struct TakeAll;

#[cfg(feature = "tracing")]
impl tracing::Subscriber for TakeAll {
    fn enabled(&self, _: &tracing::Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, span: &tracing::span::Attributes<'_>) -> tracing::span::Id {
        span.record(&mut Ignore);
        tracing::span::Id::from_u64(1)
    }
    fn record(&self, _: &tracing::span::Id, values: &tracing::span::Record<'_>) {
        values.record(&mut Ignore);
    }
    fn record_follows_from(&self, _: &tracing::span::Id, _: &tracing::span::Id) {}
    fn event(&self, event: &tracing::Event<'_>) {
        event.record(&mut Ignore);
    }
    fn enter(&self, _: &tracing::span::Id) {}
    fn exit(&self, _: &tracing::span::Id) {}
}

#[cfg(feature = "tracing")]
struct Ignore;

#[cfg(feature = "tracing")]
impl tracing::field::Visit for Ignore {
    fn record_debug(&mut self, _: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        black_box(value);
    }
}

fn endpoint_json(i: usize) -> String {
    format!(
        r#"{{"object":"webhook_endpoint","id":"we_01HXYZ{i:020}","endpoint_url":"https://example.com/webhooks/{i}","secret":"whsec_0FWAiVGkEfGBqqsJH4aNAGBJ4","status":"enabled","events":["user.created","dsync.user.created","organization.updated"],"created_at":"2026-01-15T12:00:00.000Z","updated_at":"2026-01-15T12:00:00.000Z"}}"#
    )
}

fn page_json(n: usize) -> String {
    let data: Vec<String> = (0..n).map(endpoint_json).collect();
    format!(
        r#"{{"object":"list","data":[{}],"list_metadata":{{"before":null,"after":"we_01HXYZ987654321KJIHGFEDCBA"}}}}"#,
        data.join(",")
    )
}

/// Serves the same JSON page to every request, keeping connections alive. Returns the base URL.
fn start_server(body: String) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let response = format!(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nx-request-id: req_bench\r\ncontent-length: {}\r\n\r\n{body}",
        body.len()
    )
    .into_bytes();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { return };
            let response = response.clone();
            std::thread::spawn(move || {
                let _ = stream.set_nodelay(true);
                let mut writer = stream.try_clone().unwrap();
                let mut reader = BufReader::new(stream);
                let mut line = String::new();
                loop {
                    // Request line and headers; the benchmarked GETs have no body.
                    loop {
                        line.clear();
                        match reader.read_line(&mut line) {
                            Ok(0) | Err(_) => return,
                            Ok(_) if line == "\r\n" => break,
                            Ok(_) => {}
                        }
                    }
                    if writer.write_all(&response).is_err() {
                        return;
                    }
                }
            });
        }
    });
    url
}

struct Fixture {
    rt: tokio::runtime::Runtime,
    client: Client,
    /// The same with one hook.
    hooked: Client,
    /// Today's client (see [`baseline`]).
    baseline: baseline::Client,
    /// Configured as a careful hand-written client would be: time limits, no redirects.
    http: reqwest::Client,
    /// Defaults only: no per-request timer.
    http_bare: reqwest::Client,
    url: String,
}

fn fixture() -> &'static Fixture {
    static FIXTURE: std::sync::OnceLock<Fixture> = std::sync::OnceLock::new();
    FIXTURE.get_or_init(|| {
        let base = start_server(page_json(1));
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let client = Client::builder().api_key(API_KEY).base_url(&base).build();
        let hooked = Client::builder()
            .api_key(API_KEY)
            .base_url(&base)
            .hook(TraceHeader)
            .build();
        let baseline = baseline::Client::builder()
            .api_key(API_KEY)
            .base_url(&base)
            .build();
        #[cfg(feature = "tracing")]
        tracing::subscriber::set_global_default(TakeAll).unwrap();
        let http = reqwest::Client::builder()
            .user_agent("hand-written/1.0")
            .timeout(Duration::from_secs(60))
            .connect_timeout(Duration::from_secs(10))
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        Fixture {
            rt,
            client,
            hooked,
            baseline,
            http,
            http_bare: reqwest::Client::new(),
            url: format!("{base}/webhook_endpoints"),
        }
    })
}

async fn via_client(f: &Fixture) -> WebhookEndpointList {
    f.client.webhooks().list_webhook_endpoints().await.unwrap()
}

/// With `limit(10)`, which the client checks against the spec's `minimum: 1, maximum: 100`
/// before sending.
async fn via_client_limit(f: &Fixture) -> WebhookEndpointList {
    let request = f.client.webhooks().list_webhook_endpoints().limit(10);
    request.await.unwrap()
}

/// The same request sent without the check (`skip_validation`).
async fn via_client_unchecked(f: &Fixture) -> WebhookEndpointList {
    let request = f.client.webhooks().list_webhook_endpoints().limit(10);
    request.skip_validation().await.unwrap()
}

async fn via_hooked(f: &Fixture) -> WebhookEndpointList {
    f.hooked.webhooks().list_webhook_endpoints().await.unwrap()
}

async fn via_baseline(f: &Fixture) -> baseline::WebhookEndpointList {
    f.baseline
        .webhooks()
        .list_webhook_endpoints()
        .await
        .unwrap()
}

async fn handwritten(f: &Fixture) -> WebhookEndpointList {
    handwritten_with(&f.http, &f.url).await
}

async fn handwritten_with(http: &reqwest::Client, url: &str) -> WebhookEndpointList {
    let response = http
        .get(url)
        .bearer_auth(API_KEY)
        .header(reqwest::header::ACCEPT, "application/json")
        .send()
        .await
        .unwrap();
    assert!(response.status().is_success());
    let body = response.bytes().await.unwrap();
    serde_json::from_slice(&body).unwrap()
}

mod request {
    use super::*;

    #[divan::bench(sample_count = 2000)]
    fn client() -> WebhookEndpointList {
        let f = fixture();
        f.rt.block_on(via_client(f))
    }

    #[divan::bench(sample_count = 2000)]
    fn client_limit_validated() -> WebhookEndpointList {
        let f = fixture();
        f.rt.block_on(via_client_limit(f))
    }

    #[divan::bench(sample_count = 2000)]
    fn client_limit_unchecked() -> WebhookEndpointList {
        let f = fixture();
        f.rt.block_on(via_client_unchecked(f))
    }

    #[divan::bench(sample_count = 2000)]
    fn client_hook() -> WebhookEndpointList {
        let f = fixture();
        f.rt.block_on(via_hooked(f))
    }

    #[divan::bench(sample_count = 2000)]
    fn baseline() -> super::baseline::WebhookEndpointList {
        let f = fixture();
        f.rt.block_on(via_baseline(f))
    }

    #[divan::bench(sample_count = 2000)]
    fn handwritten() -> WebhookEndpointList {
        let f = fixture();
        f.rt.block_on(super::handwritten(f))
    }

    #[divan::bench(sample_count = 2000)]
    fn handwritten_without_timeout() -> WebhookEndpointList {
        let f = fixture();
        f.rt.block_on(handwritten_with(&f.http_bare, &f.url))
    }
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct MinimalList {
    data: Vec<MinimalEndpoint>,
    list_metadata: MinimalMetadata,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct MinimalEndpoint {
    id: String,
    endpoint_url: String,
    secret: String,
    status: String,
    events: Vec<String>,
    created_at: String,
    updated_at: String,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct MinimalMetadata {
    before: Option<String>,
    after: Option<String>,
}

mod decode {
    use super::*;

    pub(super) fn page() -> &'static [u8] {
        static PAGE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
        PAGE.get_or_init(|| page_json(100)).as_bytes()
    }

    #[divan::bench]
    fn generated_types() -> WebhookEndpointList {
        serde_json::from_slice(black_box(page())).unwrap()
    }

    /// `validate()` on the decoded page (decoding not counted).
    #[divan::bench]
    fn validate_generated(bencher: divan::Bencher) {
        let page: WebhookEndpointList = serde_json::from_slice(page()).unwrap();
        bencher.bench(|| black_box(&page).validate());
    }

    /// A page of 100 of the validation fixture's widgets, each with length, count, bound,
    /// `multipleOf`, pattern, `uniqueItems`, `not` and `dependentRequired` checks: decoded,
    /// and validated.
    #[divan::bench]
    fn widgets_generated_types() -> Vec<validation_fixture::Widget> {
        serde_json::from_slice(black_box(widgets())).unwrap()
    }

    #[divan::bench]
    fn widgets_validate(bencher: divan::Bencher) {
        let page: Vec<validation_fixture::Widget> = serde_json::from_slice(widgets()).unwrap();
        bencher.bench(|| validation_fixture::Validate::validate(black_box(&page)));
    }

    pub(super) fn widgets() -> &'static [u8] {
        static PAGE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
        PAGE.get_or_init(|| {
            let widget = r#"{"name":"gear","tags":["a","b"],"size":4,"sku":"ABC-1","labels":{"c":"red","d":"blu"},"note":7}"#;
            format!("[{}]", vec![widget; 100].join(","))
        })
        .as_bytes()
    }

    #[divan::bench]
    fn json_value() -> serde_json::Value {
        serde_json::from_slice(black_box(page())).unwrap()
    }

    #[divan::bench]
    fn minimal_struct() -> MinimalList {
        serde_json::from_slice(black_box(page())).unwrap()
    }
}

/// Alternates single requests through every path, in a rotating order, and compares their
/// medians (robust to the occasional slow outlier that dominates means on a shared machine).
fn interleaved_ratio() {
    let f = fixture();
    const ROUNDS: usize = 20_000;
    type Path = fn(&Fixture);
    let paths: [(&str, Path); 6] = [
        ("hand-written", |f| {
            drop(black_box(f.rt.block_on(handwritten(f))))
        }),
        ("baseline", |f| {
            drop(black_box(f.rt.block_on(via_baseline(f))))
        }),
        ("client", |f| drop(black_box(f.rt.block_on(via_client(f))))),
        ("client + 1 hook", |f| {
            drop(black_box(f.rt.block_on(via_hooked(f))))
        }),
        ("client, limit(10) validated", |f| {
            drop(black_box(f.rt.block_on(via_client_limit(f))))
        }),
        ("client, limit(10) unchecked", |f| {
            drop(black_box(f.rt.block_on(via_client_unchecked(f))))
        }),
    ];
    let mut times: Vec<Vec<Duration>> = vec![Vec::with_capacity(ROUNDS); paths.len()];
    for round in 0..ROUNDS {
        for offset in 0..paths.len() {
            let index = (round + offset) % paths.len();
            let started = Instant::now();
            (paths[index].1)(f);
            times[index].push(started.elapsed());
        }
    }
    let medians: Vec<Duration> = times
        .iter_mut()
        .map(|v| {
            v.sort();
            v[v.len() / 2]
        })
        .collect();
    let tracing = if cfg!(feature = "tracing") {
        "with the tracing feature and a subscriber taking everything"
    } else {
        "without the tracing feature"
    };
    println!("interleaved, {ROUNDS} requests each, {tracing}:");
    for ((name, _), median) in paths.iter().zip(&medians) {
        println!(
            "  {name}: median {median:?}, {:.3}x baseline, {:.3}x hand-written",
            median.as_secs_f64() / medians[1].as_secs_f64(),
            median.as_secs_f64() / medians[0].as_secs_f64()
        );
    }
    println!(
        "  pre-send validation: {:.4}x the same request unchecked",
        medians[4].as_secs_f64() / medians[5].as_secs_f64()
    );
}

fn run_only(mode: &str) {
    let n: usize = std::env::var("CLIENT_OVERHEAD_N")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1000);
    let f = fixture();
    let page = decode::page();
    let widgets = decode::widgets();
    let decoded: WebhookEndpointList = serde_json::from_slice(page).unwrap();
    let widget_page: Vec<validation_fixture::Widget> = serde_json::from_slice(widgets).unwrap();
    black_box(f.rt.block_on(via_client(f)));
    black_box(f.rt.block_on(via_client_limit(f)));
    black_box(f.rt.block_on(via_client_unchecked(f)));
    black_box(f.rt.block_on(via_hooked(f)));
    black_box(f.rt.block_on(via_baseline(f)));
    black_box(f.rt.block_on(handwritten(f)));
    black_box(f.rt.block_on(handwritten_with(&f.http_bare, &f.url)));
    let started = Instant::now();
    for _ in 0..n {
        match mode {
            "none" => {}
            "client" => drop(black_box(f.rt.block_on(via_client(f)))),
            "client_hook" => drop(black_box(f.rt.block_on(via_hooked(f)))),
            "client_limit" => drop(black_box(f.rt.block_on(via_client_limit(f)))),
            "client_limit_unchecked" => drop(black_box(f.rt.block_on(via_client_unchecked(f)))),
            "validate_generated" => drop(black_box(black_box(&decoded).validate())),
            "decode_widgets" => drop(black_box(
                serde_json::from_slice::<Vec<validation_fixture::Widget>>(black_box(widgets))
                    .unwrap(),
            )),
            "validate_widgets" => drop(black_box(validation_fixture::Validate::validate(
                black_box(&widget_page),
            ))),
            "baseline" => drop(black_box(f.rt.block_on(via_baseline(f)))),
            "handwritten" => drop(black_box(f.rt.block_on(handwritten(f)))),
            "handwritten_without_timeout" => drop(black_box(
                f.rt.block_on(handwritten_with(&f.http_bare, &f.url)),
            )),
            "decode_generated" => drop(black_box(
                serde_json::from_slice::<WebhookEndpointList>(black_box(page)).unwrap(),
            )),
            "decode_value" => drop(black_box(
                serde_json::from_slice::<serde_json::Value>(black_box(page)).unwrap(),
            )),
            "decode_minimal" => drop(black_box(
                serde_json::from_slice::<MinimalList>(black_box(page)).unwrap(),
            )),
            other => panic!("unknown CLIENT_OVERHEAD_ONLY mode {other:?}"),
        }
    }
    println!(
        "{mode}: {n} iterations, {:?} each",
        started.elapsed() / n.max(1) as u32
    );
}

fn main() {
    if let Ok(mode) = std::env::var("CLIENT_OVERHEAD_ONLY") {
        run_only(&mode);
        return;
    }
    divan::main();
    if std::env::args().any(|arg| arg == "--bench") {
        interleaved_ratio();
    }
}
