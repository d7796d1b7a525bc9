// @generated: copied from workos-codegen's `runtime/auth.rs`. Do not edit by hand:
// regenerate with `cargo codegen`.

//! Credentials: the API's security schemes (the spec's `securitySchemes`), the credentials a
//! client or one request holds, and what an attempt sends for its operation's `security`.
//!
//! Each operation lists the alternatives it accepts, each a set of schemes that must all be
//! held (`security: [{a: []}, {b: []}]`: `a` or `b`; an empty list: no credential). The first
//! alternative whose credentials are all held is sent; a request's own credential wins over the
//! client's. When none can be sent the call fails before anything is sent, naming the method that
//! gives the missing credential.

use reqwest::header::{self, HeaderMap, HeaderName, HeaderValue};

use std::fmt;

use super::error::Error;
use super::secret::{REDACTED, SecretString};

/// How a scheme's credential is sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SchemeKind {
    /// `Authorization: Bearer <token>` (http `bearer`, and OAuth 2 and OpenID Connect tokens).
    Bearer,
    /// `Authorization: Basic <base64 of user:password>` (http `basic`).
    Basic,
    /// An API key in the header of this name.
    Header(&'static str),
    /// An API key in the query parameter of this name.
    Query(&'static str),
    /// An API key in the cookie of this name.
    Cookie(&'static str),
}

/// A security scheme of the API, as the generated `api::PROFILE` lists it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Scheme {
    /// Its name in the spec's `securitySchemes`.
    pub name: &'static str,
    pub kind: SchemeKind,
    /// The generated method that gives its credential (for messages).
    pub method: &'static str,
    /// Given on each request that needs it, not on the client builder.
    pub per_request: bool,
}

/// The security of an operation: the alternatives it accepts, each the names of the schemes it
/// needs together. Empty: the operation takes no credential.
pub type Security = &'static [&'static [&'static str]];

/// Credentials by scheme name, each with what it sends, computed once.
#[derive(Clone, Default)]
pub(crate) struct Credentials {
    held: Vec<Held>,
}

#[derive(Clone)]
struct Held {
    scheme: Scheme,
    secret: SecretString,
    /// The header value of a credential sent in a header (`Bearer ...`), marked sensitive.
    header: Option<HeaderValue>,
}

impl Credentials {
    /// Sets the credential of `scheme` (replacing an earlier one); an error when it cannot be
    /// sent as the scheme says (characters no header may hold).
    pub(crate) fn set(&mut self, scheme: Scheme, secret: SecretString) -> Result<(), String> {
        let header = match scheme.kind {
            SchemeKind::Bearer => Some(format!("Bearer {}", secret.expose())),
            SchemeKind::Basic => Some(format!("Basic {}", base64(secret.expose().as_bytes()))),
            SchemeKind::Header(_) => Some(secret.expose().to_owned()),
            SchemeKind::Query(_) | SchemeKind::Cookie(_) => None,
        };
        let header = match header.map(HeaderValue::try_from) {
            Some(Ok(mut value)) => {
                value.set_sensitive(true);
                Some(value)
            }
            Some(Err(_)) => {
                return Err(format!(
                    "the credential of `{}(..)` has characters not allowed in an HTTP header",
                    scheme.method
                ));
            }
            None => None,
        };
        self.held.retain(|held| held.scheme.name != scheme.name);
        self.held.push(Held {
            scheme,
            secret,
            header,
        });
        Ok(())
    }

    fn get(&self, name: &str) -> Option<&Held> {
        self.held.iter().find(|held| held.scheme.name == name)
    }

    /// Every secret held, to mask in text kept in errors.
    pub(crate) fn secrets(&self) -> impl Iterator<Item = &str> {
        self.held.iter().map(|held| held.secret.expose())
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let held = self.held.iter().map(|held| (held.scheme.name, REDACTED));
        f.debug_map().entries(held).finish()
    }
}

/// What an attempt sends for the credentials besides headers: query pairs and cookies.
pub(crate) struct Sent<'c> {
    pub(crate) query: Vec<(&'static str, &'c str)>,
    pub(crate) cookies: Vec<(&'static str, &'c str)>,
}

/// Puts the credentials of the first alternative of `security` that the request or the client
/// holds into `headers`, and returns its query pairs and cookies. `schemes` are the API's (for
/// the message naming what to set when no alternative is held), `operation` the call's method
/// and path template.
pub(crate) fn apply<'c>(
    schemes: &[Scheme],
    security: Security,
    request: &'c Credentials,
    client: &'c Credentials,
    headers: &mut HeaderMap,
    operation: (&str, &str),
) -> Result<Sent<'c>, Error> {
    let mut sent = Sent {
        query: Vec::new(),
        cookies: Vec::new(),
    };
    if security.is_empty() {
        return Ok(sent);
    }
    let held = |name: &str| request.get(name).or_else(|| client.get(name));
    let Some(alternative) = security
        .iter()
        .find(|alternative| alternative.iter().all(|name| held(name).is_some()))
    else {
        return Err(missing(schemes, security, &held, operation));
    };
    for held in alternative.iter().filter_map(|name| held(name)) {
        let secret = held.secret.expose();
        match (held.scheme.kind, &held.header) {
            (SchemeKind::Header(name), Some(value)) => {
                let name = HeaderName::try_from(name)
                    .map_err(|_| Error::Config(format!("`{name}` is not an HTTP header name")))?;
                headers.insert(name, value.clone());
            }
            (_, Some(value)) => {
                headers.insert(header::AUTHORIZATION, value.clone());
            }
            (SchemeKind::Query(name), None) => sent.query.push((name, secret)),
            (SchemeKind::Cookie(name), None) => sent.cookies.push((name, secret)),
            (_, None) => {}
        }
    }
    Ok(sent)
}

/// The error of a call none of whose alternatives is held: the methods that give what is missing.
fn missing<'c>(
    schemes: &[Scheme],
    security: Security,
    held: &impl Fn(&str) -> Option<&'c Held>,
    (method, path): (&str, &str),
) -> Error {
    let setter = |name: &str| match schemes.iter().find(|scheme| scheme.name == name) {
        Some(scheme) if scheme.per_request => format!("`{}(..)` on the request", scheme.method),
        Some(scheme) => format!("`{}(..)` on the client builder", scheme.method),
        None => format!("a credential of scheme `{name}`"),
    };
    let alternatives: Vec<String> = security
        .iter()
        .map(|alternative| {
            let needed: Vec<String> = alternative
                .iter()
                .filter(|name| held(name).is_none())
                .map(|name| setter(name))
                .collect();
            needed.join(" and ")
        })
        .collect();
    let needs = match alternatives.as_slice() {
        [one] => one.clone(),
        several => format!("one of {}", several.join(", or ")),
    };
    Error::MissingCredential(format!("`{method} {path}` needs a credential: set {needs}"))
}

/// The credentials given to one request, by scheme name, as they are sent.
pub(crate) fn own(
    schemes: &[Scheme],
    given: &[(&'static str, SecretString)],
) -> Result<Credentials, Error> {
    let mut own = Credentials::default();
    for (name, secret) in given {
        let scheme = schemes
            .iter()
            .find(|scheme| scheme.name == *name)
            .ok_or_else(|| Error::InvalidRequest(format!("no security scheme `{name}`")))?;
        own.set(*scheme, secret.clone())
            .map_err(Error::InvalidRequest)?;
    }
    Ok(own)
}

/// Standard base64 with padding (RFC 4648 §4).
pub(crate) fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let word = chunk
            .iter()
            .enumerate()
            .fold(0u32, |word, (i, b)| word | u32::from(*b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(word >> (18 - 6 * i) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

