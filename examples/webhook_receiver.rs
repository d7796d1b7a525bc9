//! A minimal webhook receiver: verifies each delivery's `WorkOS-Signature` header and parses
//! the body into a typed event.
//!
//! ```sh
//! WORKOS_WEBHOOK_SECRET=whsec_... PORT=8080 cargo run --example webhook_receiver
//! ```
//!
//! Answers `200 OK` for a genuine delivery, `400 Bad Request` when the signature, the
//! timestamp or the payload is bad. Deliveries are POSTed to `/webhooks` (any path is
//! accepted here: point the WorkOS endpoint at `http://<host>:<port>/webhooks`).
//!
//! `tests/webhook_receiver.rs` includes this file and drives [`app`] over a loopback socket.

use std::net::{Ipv4Addr, SocketAddr};

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use workos_webhooks::webhook::{SIGNATURE_HEADER, Verifier, VerifyError};
use workos_webhooks::{Event, WebhookEvent};

/// The receiver's routes: `POST /webhooks` (and `POST /`) verify and accept deliveries.
pub fn app(verifier: Verifier) -> Router {
    Router::new()
        .route("/webhooks", post(receive))
        .route("/", post(receive))
        .with_state(verifier)
}

async fn receive(
    State(verifier): State<Verifier>,
    headers: HeaderMap,
    // The raw body: the signature covers these exact bytes.
    body: Bytes,
) -> (StatusCode, String) {
    // A header that is not visible ASCII cannot be a valid signature; pass it on so that the
    // verifier reports it as malformed rather than missing.
    let header = headers
        .get(SIGNATURE_HEADER)
        .map(|value| value.to_str().unwrap_or("\u{fffd}"));
    match verifier.verify_and_parse::<WebhookEvent, _>(header, &body) {
        Ok(event) => {
            handle(&event);
            (StatusCode::OK, "ok\n".to_owned())
        }
        Err(error) => {
            eprintln!("rejected delivery: {error}");
            (StatusCode::BAD_REQUEST, rejection_reason(&error).to_owned())
        }
    }
}

/// What the sender is told; details stay in the log.
fn rejection_reason(error: &VerifyError) -> &'static str {
    match error {
        VerifyError::Parse(_) => "invalid event payload\n",
        _ => "invalid signature\n",
    }
}

/// Where an application would act on the event (after de-duplicating on `event.id`).
fn handle(event: &Event) {
    println!(
        "received {} ({:?}) created at {}",
        event.id, event.event, event.created_at
    );
}

/// Binds 127.0.0.1 on `$PORT` (default 0: any free port) and serves [`app`].
#[allow(dead_code)] // unused when tests/webhook_receiver.rs includes this file
#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let secret = std::env::var("WORKOS_WEBHOOK_SECRET")
        .map_err(|_| "set WORKOS_WEBHOOK_SECRET to the webhook endpoint's secret")?;
    let verifier = Verifier::new(secret).map_err(|e| format!("WORKOS_WEBHOOK_SECRET: {e}"))?;
    let port: u16 = match std::env::var("PORT") {
        Ok(port) => port
            .parse()
            .map_err(|_| format!("PORT={port:?} is not a port"))?,
        Err(_) => 0,
    };

    let listener =
        tokio::net::TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, port))).await?;
    println!("listening on http://{}/webhooks", listener.local_addr()?);
    axum::serve(listener, app(verifier)).await?;
    Ok(())
}
