//! Throughput of webhook signature verification, next to a bare HMAC-SHA256 over the same
//! bytes as a baseline: `verify` / `baseline_hmac` is the overhead of header parsing, hex
//! decoding, the constant-time comparison and the timestamp check.
//!
//! ```sh
//! cargo bench --bench webhook_verify
//! ```

use std::time::SystemTime;

use divan::counter::BytesCount;
use divan::{Bencher, black_box};
use hmac::{Hmac, Mac};
use sha2::Sha256;
use workos_webhooks::webhook::{Verifier, sign};

const SECRET: &str = "whsec_benchmark-secret";
const SIZES: &[usize] = &[1024, 1024 * 1024];

fn main() {
    divan::main();
}

fn body(len: usize) -> Vec<u8> {
    (0..len).map(|i| b'a' + (i % 26) as u8).collect()
}

/// `Verifier::verify` on a valid delivery (header parsing, HMAC, comparison, time check).
#[divan::bench(args = SIZES, sample_count = 1000)]
fn verify(bencher: Bencher, len: usize) {
    let body = body(len);
    let header = sign(SECRET, SystemTime::now(), &body);
    let verifier = Verifier::new(SECRET).unwrap();
    bencher
        .counter(BytesCount::new(len))
        .bench(|| verifier.verify(black_box(header.as_str()), black_box(&body)));
}

/// Baseline: keying an HMAC-SHA256 and hashing the same signed string, nothing else.
#[divan::bench(args = SIZES, sample_count = 1000)]
fn baseline_hmac(bencher: Bencher, len: usize) {
    let body = body(len);
    let timestamp = "1700000000000";
    bencher.counter(BytesCount::new(len)).bench(|| {
        let mut mac = Hmac::<Sha256>::new_from_slice(black_box(SECRET.as_bytes())).unwrap();
        mac.update(black_box(timestamp).as_bytes());
        mac.update(b".");
        mac.update(black_box(&body));
        mac.finalize().into_bytes()
    });
}
