//! Rust names for spec names: types and variants in UpperCamelCase, fields in snake_case,
//! keywords as raw identifiers.

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Keywords that can be raw identifiers (`r#type`).
const RAW_KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
    "static", "struct", "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use",
    "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers: they get a trailing underscore.
const RESERVED: &[&str] = &["self", "Self", "super", "crate", "_"];

/// `CreateWebhookEndpointDto` with suffix `Dto` stripped -> `CreateWebhookEndpoint`.
pub fn type_name(raw: &str, strip_suffixes: &[String]) -> String {
    let mut name = ascii(raw.to_upper_camel_case());
    for suffix in strip_suffixes {
        if let Some(stripped) = name.strip_suffix(suffix.as_str()) {
            if !stripped.is_empty() {
                name = stripped.to_string();
            }
        }
    }
    if name == "Self" {
        return "Self_".into();
    }
    leading_digit(name, "T")
}

/// `user.created` -> `UserCreated`; `None` when nothing alphanumeric is left.
pub fn variant_name(wire: &str) -> Option<String> {
    let name = ascii(wire.to_upper_camel_case());
    if name.is_empty() {
        return None;
    }
    // `Unknown` is the catch-all variant of every open enum.
    if name == "Unknown" {
        return Some("UnknownValue".into());
    }
    if name == "Self" {
        return Some("Self_".into());
    }
    Some(leading_digit(name, "V"))
}

/// An enum value's variant: as [`variant_name`], with a word for a leading sign (`+1` ->
/// `Plus1`, `-1` -> `Minus1`) and for a value without letters or digits (`` -> `Empty`, `*` ->
/// `Star`, `+` -> `Plus`). Values that still give one name are numbered by the caller.
pub fn enum_variant_name(wire: &str) -> String {
    if wire.is_empty() {
        return "Empty".into();
    }
    let sign = match wire.as_bytes() {
        [b'+', digit, ..] if digit.is_ascii_digit() => Some("Plus"),
        [b'-', digit, ..] if digit.is_ascii_digit() => Some("Minus"),
        _ => None,
    };
    if let Some(sign) = sign {
        return format!("{sign}{}", ascii(wire[1..].to_upper_camel_case()));
    }
    if let Some(name) = variant_name(wire) {
        return name;
    }
    let words: String = wire.chars().filter_map(symbol_word).collect();
    if words.is_empty() {
        "Value".into()
    } else {
        words
    }
}

/// A word for a symbol, for enum values made only of symbols.
fn symbol_word(c: char) -> Option<&'static str> {
    Some(match c {
        '+' => "Plus",
        '-' => "Minus",
        '*' => "Star",
        '.' => "Dot",
        '/' => "Slash",
        '\\' => "Backslash",
        '_' => "Underscore",
        '#' => "Hash",
        '@' => "At",
        '!' => "Bang",
        '?' => "Question",
        '=' => "Equals",
        '<' => "Less",
        '>' => "Greater",
        '%' => "Percent",
        '&' => "And",
        '|' => "Pipe",
        '~' => "Tilde",
        '^' => "Caret",
        '$' => "Dollar",
        ':' => "Colon",
        ',' => "Comma",
        ';' => "Semicolon",
        ' ' => "Space",
        _ => return None,
    })
}

/// Variant names for a tagged union's tag values. Values made of `:`-separated segments (URNs
/// such as `urn:workos:oauth:grant-type:mfa-totp`) drop the segments up to the last one they
/// all share (`grant-type` -> `MfaTotp`), as long as the names stay distinct.
pub fn tag_variant_names(values: &[String]) -> Vec<Option<String>> {
    let full: Vec<Option<String>> = values.iter().map(|v| variant_name(v)).collect();
    let segmented: Vec<Vec<&str>> = values
        .iter()
        .filter(|v| v.contains(':'))
        .map(|v| v.split(':').collect())
        .collect();
    let Some(first) = segmented.first().filter(|_| segmented.len() > 1) else {
        return full;
    };
    // Shared, and never a value's last segment: something is left after it.
    let shared = first
        .iter()
        .rev()
        .find(|segment| segmented.iter().all(|s| s[..s.len() - 1].contains(segment)));
    let Some(shared) = shared else {
        return full;
    };
    let short: Vec<Option<String>> = values
        .iter()
        .map(|value| {
            let segments: Vec<&str> = value.split(':').collect();
            match segments.iter().position(|s| s == shared) {
                Some(at) if value.contains(':') => variant_name(&segments[at + 1..].join(":")),
                _ => variant_name(value),
            }
        })
        .collect();
    let distinct = short
        .iter()
        .flatten()
        .collect::<std::collections::HashSet<_>>()
        .len();
    if short.iter().all(Option::is_some) && distinct == short.len() {
        short
    } else {
        full
    }
}

/// `endpoint_url` -> `endpoint_url`, `type` -> `r#type`, `self` -> `self_`, `1st` -> `_1st`.
pub fn field_name(wire: &str) -> String {
    let name = ascii(wire.to_snake_case());
    if name.is_empty() {
        return "field".into();
    }
    if RESERVED.contains(&name.as_str()) {
        return format!("{name}_");
    }
    if RAW_KEYWORDS.contains(&name.as_str()) {
        return format!("r#{name}");
    }
    leading_digit(name, "_")
}

/// Field identifiers for an object's property names, in order, all distinct. A property whose
/// wire name is already its identifier keeps it (`created_at`); another that maps to the same
/// identifier (`createdAt`) takes its lowercased wire name (`createdat`), then a number.
/// Generated names never clash: only names the settings file chose are errors.
pub fn field_names(wires: &[&str]) -> Vec<String> {
    let base: Vec<String> = wires.iter().map(|w| field_name(w)).collect();
    let exact = |ident: &str| wires.iter().zip(&base).any(|(w, b)| b == ident && *w == b);
    let mut taken: std::collections::HashSet<String> = std::collections::HashSet::new();
    let mut names = Vec::with_capacity(wires.len());
    for (wire, ident) in wires.iter().zip(&base) {
        let clashes = base.iter().filter(|b| *b == ident).count() > 1;
        let keeps = !clashes || (*wire == ident) || (!exact(ident) && !taken.contains(ident));
        let candidate = if keeps {
            ident.clone()
        } else {
            field_name(&wire.to_lowercase())
        };
        let free = |n: &str| !taken.contains(n) && (keeps || !base.iter().any(|b| b == n));
        let name = if free(&candidate) {
            candidate
        } else {
            // `r#type` -> `type_2`: a numbered name is no keyword.
            let plain = candidate.trim_start_matches("r#");
            (2..)
                .map(|n| format!("{plain}_{n}"))
                .find(|n| free(n))
                .expect("some number is free")
        };
        taken.insert(name.clone());
        names.push(name);
    }
    names
}

/// `name`, or `name` with the first number from 2 that `free` accepts (`UserProfile2`).
pub fn numbered(name: &str, free: impl Fn(&str) -> bool) -> String {
    if free(name) {
        return name.to_string();
    }
    (2..)
        .map(|n| format!("{name}{n}"))
        .find(|candidate| free(candidate))
        .expect("some number is free")
}

/// Names a tag's module cannot have, as it is both a module at the crate root and the method of
/// `Client` that returns the tag's handle: the crate's other modules (`runtime`, `types`, `api`)
/// and what the root re-exports from the runtime (`webhook`); `lib` and `main`, which would be
/// the crate's `src/lib.rs` and a binary's `src/main.rs`; and the methods `Client` has (its
/// own, `builder` from `api`, and those of `Clone` and `Debug`, which a method of that name
/// would hide).
pub const RESERVED_MODULE_NAMES: &[&str] = &[
    "api",
    "attempts",
    "attempts_in",
    "base_url",
    "builder",
    "client_id",
    "clone",
    "clone_from",
    "decode_error",
    "execute_bytes",
    "execute_empty",
    "execute_json",
    "execute_redirect",
    "execute_stream",
    "execute_text",
    "execute_upgrade",
    "fmt",
    "known_secrets",
    "lib",
    "main",
    "read",
    "received",
    "reqwest",
    "runtime",
    "send",
    "types",
    "webhook",
];

/// A tag's module name: `User Management` -> `user_management`. A name that is a Rust keyword,
/// [reserved](RESERVED_MODULE_NAMES), or `taken` (by an earlier tag) gets `_api` (`types_api`,
/// `type_api`), then a number (`types_api_2`).
pub fn module_name(tag: &str, taken: impl Fn(&str) -> bool) -> String {
    let mut base = ascii(tag.to_snake_case());
    if base.is_empty() {
        base = "operations".into();
    }
    let base = leading_digit(base, "_");
    let free = |name: &str| {
        !taken(name)
            && !RESERVED_MODULE_NAMES.contains(&name)
            && !RAW_KEYWORDS.contains(&name)
            && !RESERVED.contains(&name)
    };
    if free(&base) {
        return base;
    }
    let api = format!("{base}_api");
    if free(&api) {
        return api;
    }
    (2..)
        .map(|n| format!("{api}_{n}"))
        .find(|name| free(name))
        .expect("some number is free")
}

/// `delete_webhook_endpoint`-style method names from an operation summary or id.
pub fn method_name(raw: &str) -> String {
    field_name(raw)
}

/// Whether `name` can be a generated type's name: an ASCII identifier that is not a keyword.
pub fn is_type_ident(name: &str) -> bool {
    let mut chars = name.chars();
    let starts_well = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_');
    starts_well
        && name != "_"
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !RAW_KEYWORDS.contains(&name)
        && !RESERVED.contains(&name)
}

/// Names generated code uses unqualified (the std prelude's types and traits, serde's traits):
/// a schema named like one would shadow it (vega.json has a `From`), in its module and in every
/// module that glob-imports the types.
pub const TAKEN_TYPE_NAMES: &[&str] = &[
    "AsMut",
    "AsRef",
    "Box",
    "Clone",
    "Copy",
    "Default",
    "Deserialize",
    "DoubleEndedIterator",
    "Drop",
    "Eq",
    "ExactSizeIterator",
    "Extend",
    "Fn",
    "FnMut",
    "FnOnce",
    "From",
    "FromIterator",
    "Into",
    "IntoIterator",
    "Iterator",
    "Option",
    "Ord",
    "PartialEq",
    "PartialOrd",
    "Result",
    "Send",
    "Serialize",
    "Sized",
    "String",
    "Sync",
    "ToOwned",
    "ToString",
    "TryFrom",
    "TryInto",
    "Unpin",
    "Vec",
];

/// Keeps ASCII letters, digits and underscores: generated names are plain ASCII identifiers
/// (Rust accepts more, but not every character `heck` keeps, such as `²`).
fn ascii(name: String) -> String {
    if name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return name;
    }
    name.chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect()
}

fn leading_digit(name: String, prefix: &str) -> String {
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("{prefix}{name}")
    } else {
        name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urn_tags_are_named_after_what_tells_them_apart() {
        let values = [
            "password",
            "urn:workos:oauth:grant-type:magic-auth:code",
            "urn:workos:oauth:grant-type:mfa-totp",
            "urn:ietf:params:oauth:grant-type:device_code",
        ]
        .map(String::from);
        let names: Vec<_> = tag_variant_names(&values).into_iter().flatten().collect();
        assert_eq!(
            names,
            ["Password", "MagicAuthCode", "MfaTotp", "DeviceCode"]
        );
        // Shortening that would make two names equal keeps the full names.
        let clash = ["x:grant:code", "y:grant:code"].map(String::from);
        let names: Vec<_> = tag_variant_names(&clash).into_iter().flatten().collect();
        assert_eq!(names, ["XGrantCode", "YGrantCode"]);
    }

    #[test]
    fn enum_values_of_signs_and_symbols_get_readable_names() {
        assert_eq!(enum_variant_name("+1"), "Plus1");
        assert_eq!(enum_variant_name("-1"), "Minus1");
        assert_eq!(enum_variant_name(""), "Empty");
        assert_eq!(enum_variant_name("*"), "Star");
        assert_eq!(enum_variant_name("+"), "Plus");
        assert_eq!(enum_variant_name("red*"), "Red");
        assert_eq!(enum_variant_name("user.created"), "UserCreated");
        assert_eq!(enum_variant_name("名前"), "Value");
    }

    #[test]
    fn event_names_become_variants() {
        assert_eq!(variant_name("user.created").unwrap(), "UserCreated");
        assert_eq!(
            variant_name("dsync.group.user_added").unwrap(),
            "DsyncGroupUserAdded"
        );
        assert_eq!(variant_name("api_key.created").unwrap(), "ApiKeyCreated");
        assert_eq!(variant_name("2fa").unwrap(), "V2fa");
        assert_eq!(variant_name("unknown").unwrap(), "UnknownValue");
        assert_eq!(variant_name("..."), None);
    }

    #[test]
    fn fields_avoid_keywords_and_digits() {
        assert_eq!(field_name("endpoint_url"), "endpoint_url");
        assert_eq!(field_name("type"), "r#type");
        assert_eq!(field_name("ref"), "r#ref");
        assert_eq!(field_name("self"), "self_");
        assert_eq!(field_name("1st_place"), "_1st_place");
        assert_eq!(field_name("createdAt"), "created_at");
        assert_eq!(field_name("a²"), "a");
        assert_eq!(field_name("名前"), "field");
        assert_eq!(variant_name("²"), None);
    }

    #[test]
    fn clashing_fields_get_distinct_names() {
        assert_eq!(
            field_names(&["created_at", "createdAt", "id"]),
            ["created_at", "createdat", "id"]
        );
        // The snake_case property keeps the name wherever it comes.
        assert_eq!(
            field_names(&["createdAt", "created_at"]),
            ["createdat", "created_at"]
        );
        assert_eq!(field_names(&["aB", "AB"]), ["a_b", "ab"]);
        assert_eq!(
            field_names(&["a-b", "a b", "a_b"]),
            ["a_b_2", "a_b_3", "a_b"]
        );
        assert_eq!(field_names(&["type", "Type"]), ["r#type", "type_2"]);
    }

    #[test]
    fn module_names_avoid_keywords_reserved_and_taken_names() {
        let none = |_: &str| false;
        assert_eq!(module_name("User Management", none), "user_management");
        assert_eq!(module_name("webhooks", none), "webhooks");
        assert_eq!(module_name("Types", none), "types_api");
        assert_eq!(module_name("runtime", none), "runtime_api");
        assert_eq!(module_name("type", none), "type_api");
        assert_eq!(module_name("Self", none), "self_api");
        assert_eq!(module_name("2FA", none), "_2fa");
        assert_eq!(module_name("名前", none), "operations");
        assert_eq!(module_name("users", |n| n == "users"), "users_api");
        assert_eq!(
            module_name("users", |n| n == "users" || n == "users_api"),
            "users_api_2"
        );
    }

    #[test]
    fn type_identifiers_are_checked() {
        assert!(is_type_ident("WebhookEvent"));
        assert!(is_type_ident("_Private"));
        assert!(!is_type_ident(""));
        assert!(!is_type_ident("_"));
        assert!(!is_type_ident("Self"));
        assert!(!is_type_ident("type"));
        assert!(!is_type_ident("My Type"));
        assert!(!is_type_ident("1st"));
    }

    #[test]
    fn suffixes_are_stripped_from_type_names() {
        let strip = ["Dto".to_string(), "Json".to_string()];
        assert_eq!(
            type_name("CreateWebhookEndpointDto", &strip),
            "CreateWebhookEndpoint"
        );
        assert_eq!(type_name("WebhookEndpointJson", &strip), "WebhookEndpoint");
        assert_eq!(type_name("Json", &strip), "Json");
        assert_eq!(
            type_name("webhook_endpoint.list", &strip),
            "WebhookEndpointList"
        );
    }
}
