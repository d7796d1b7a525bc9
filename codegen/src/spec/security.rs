//! Security: the schemes a document declares (`components/securitySchemes`) and the
//! requirements that pick them, for the whole API (`security`) or per operation.

use serde_json::Value;

use super::schema::text;
use crate::load::Node;

/// A declared security scheme, by its name in `components/securitySchemes`.
#[derive(Clone, Debug)]
pub struct SecurityScheme<'a> {
    pub node: Node<'a>,
    pub name: &'a str,
    pub kind: SchemeKind<'a>,
    pub description: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SchemeKind<'a> {
    /// A key in a header, query parameter or cookie (`in`), named `name`.
    ApiKey {
        place: &'a str,
        name: &'a str,
    },
    /// `Authorization: <scheme> ...`: `bearer` (with a `bearerFormat` hint) or `basic`.
    Http {
        scheme: &'a str,
        bearer_format: Option<&'a str>,
    },
    /// A bearer token from an OAuth 2 flow.
    OAuth2,
    /// A bearer token from an OpenID Connect provider.
    OpenIdConnect {
        url: Option<&'a str>,
    },
    MutualTls,
    /// A `type` OpenAPI does not define, kept as written.
    Other(&'a str),
}

/// One way to satisfy a requirement: every scheme named, each with its scopes. An empty list is
/// "no credentials".
pub type Requirement<'a> = Vec<(&'a str, Vec<&'a str>)>;

/// `components/securitySchemes`, in the document's order.
pub fn schemes<'a>(root: &Node<'a>) -> Vec<SecurityScheme<'a>> {
    let Some(schemes) = root
        .child("components")
        .and_then(|c| c.child("securitySchemes"))
    else {
        return Vec::new();
    };
    let names = schemes.value.as_object().into_iter().flatten();
    names
        .filter_map(|(name, value)| {
            let string = |key: &str| value.get(key).and_then(Value::as_str);
            let kind = match string("type")? {
                "apiKey" => SchemeKind::ApiKey {
                    place: string("in").unwrap_or("header"),
                    name: string("name").unwrap_or_default(),
                },
                "http" => SchemeKind::Http {
                    scheme: string("scheme").unwrap_or("bearer"),
                    bearer_format: string("bearerFormat"),
                },
                "oauth2" => SchemeKind::OAuth2,
                "openIdConnect" => SchemeKind::OpenIdConnect {
                    url: string("openIdConnectUrl"),
                },
                "mutualTLS" => SchemeKind::MutualTls,
                other => SchemeKind::Other(other),
            };
            Some(SecurityScheme {
                node: schemes.child(name)?,
                name: name.as_str(),
                kind,
                description: text(string("description")),
            })
        })
        .collect()
}

/// A `security` list: the alternatives, any one of which satisfies it. `None` when absent (an
/// operation then takes the document's).
pub fn requirements(value: Option<&Value>) -> Option<Vec<Requirement<'_>>> {
    let alternatives = value?.as_array()?;
    Some(
        alternatives
            .iter()
            .map(|alternative| {
                let schemes = alternative.as_object().into_iter().flatten();
                schemes
                    .map(|(name, scopes)| {
                        let scopes = scopes.as_array().into_iter().flatten();
                        (name.as_str(), scopes.filter_map(Value::as_str).collect())
                    })
                    .collect()
            })
            .collect(),
    )
}
