//! The generated crate's package name and version: the settings' `[package]`, else made from
//! the spec's `info.title` and `info.version`.

use crate::settings::Settings;

/// A package name and version cargo accepts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Package {
    pub name: String,
    pub version: String,
}

/// The name when the title gives none, and the version when `info.version` is not one.
const DEFAULT_NAME: &str = "api-client";
const DEFAULT_VERSION: &str = "0.1.0";

/// The package of a spec whose title and version are these (a JSON Schema file's title is its
/// root's `title`, else its file name; it has no version).
pub fn package(title: Option<&str>, version: Option<&str>, settings: &Settings) -> Package {
    let chosen = &settings.package;
    Package {
        name: chosen
            .name
            .clone()
            .unwrap_or_else(|| name_from_title(title.unwrap_or_default())),
        version: chosen
            .version
            .clone()
            .unwrap_or_else(|| version_from_spec(version.unwrap_or_default())),
    }
}

/// `Keeper API` -> `keeper-api`: the title's ASCII letters and digits in lowercase, every run of
/// anything else one `-`. A name that cargo would refuse gets more: `api-` before a leading
/// digit (`1Password` -> `api-1password`), `-api` after a Rust keyword or a name of Rust's own
/// crates (`std`, `test`, ...); an empty one is `api-client`.
pub fn name_from_title(title: &str) -> String {
    let mut name = String::new();
    for c in title.chars() {
        if c.is_ascii_alphanumeric() {
            name.push(c.to_ascii_lowercase());
        } else if !name.is_empty() && !name.ends_with('-') {
            name.push('-');
        }
    }
    let mut name = name.trim_end_matches('-').to_string();
    if name.is_empty() {
        return DEFAULT_NAME.into();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert_str(0, "api-");
    }
    let lib = name.replace('-', "_");
    let keyword = syn::parse_str::<syn::Ident>(&lib).is_err();
    if keyword || ["alloc", "core", "proc_macro", "std", "test"].contains(&lib.as_str()) {
        name.push_str("-api");
    }
    name
}

/// `info.version` as a package version: a semantic version as it is (`2.1.0`, `1.0.0-beta.1`),
/// one or two numbers padded with zeros (`1.0` -> `1.0.0`, `3` -> `3.0.0`); anything else is no
/// version cargo accepts (`v1`, `2024-01-01`, `latest`) and gives `0.1.0`, a new crate's.
pub fn version_from_spec(version: &str) -> String {
    let numbers: Vec<&str> = version.split('.').collect();
    if numbers.len() < 3 && numbers.iter().all(|n| number(n)) {
        let mut padded = numbers.join(".");
        for _ in numbers.len()..3 {
            padded.push_str(".0");
        }
        return padded;
    }
    if is_semver(version) {
        version.into()
    } else {
        DEFAULT_VERSION.into()
    }
}

/// A number as semver writes them: digits, no leading zero.
fn number(text: &str) -> bool {
    !text.is_empty()
        && text.bytes().all(|b| b.is_ascii_digit())
        && (text == "0" || !text.starts_with('0'))
}

/// `MAJOR.MINOR.PATCH`, then an optional `-pre.release` and `+build.metadata` (semver 2.0.0).
fn is_semver(version: &str) -> bool {
    let (rest, build) = match version.split_once('+') {
        Some((rest, build)) => (rest, Some(build)),
        None => (version, None),
    };
    let (core, pre) = match rest.split_once('-') {
        Some((core, pre)) => (core, Some(pre)),
        None => (rest, None),
    };
    let identifiers = |text: &str, numeric_rule: bool| {
        text.split('.').all(|part| {
            !part.is_empty()
                && part.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
                && (!numeric_rule || !part.bytes().all(|b| b.is_ascii_digit()) || number(part))
        })
    };
    let numbers: Vec<&str> = core.split('.').collect();
    numbers.len() == 3
        && numbers.iter().all(|n| number(n))
        && pre.is_none_or(|pre| identifiers(pre, true))
        && build.is_none_or(|build| identifiers(build, false))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_become_package_names() {
        for (title, name) in [
            ("Keeper API", "keeper-api"),
            ("WorkOS API", "workos-api"),
            ("  Pet Store (v2)  ", "pet-store-v2"),
            ("GitHub v3 REST API", "github-v3-rest-api"),
            ("1Password Connect", "api-1password-connect"),
            ("Test", "test-api"),
            ("Self", "self-api"),
            ("Crème brûlée", "cr-me-br-l-e"),
            ("", "api-client"),
            ("***", "api-client"),
        ] {
            assert_eq!(name_from_title(title), name, "{title:?}");
        }
    }

    #[test]
    fn versions_become_semver_or_the_default() {
        for (version, semver) in [
            ("1.0", "1.0.0"),
            ("3", "3.0.0"),
            ("2.1.0", "2.1.0"),
            (
                "1.0.0-beta.1+exp.sha.5114f85",
                "1.0.0-beta.1+exp.sha.5114f85",
            ),
            ("v1", "0.1.0"),
            ("2024-01-01", "0.1.0"),
            ("1.0.0-01", "0.1.0"),
            ("01.2.3", "0.1.0"),
            ("1.2.3.4", "0.1.0"),
            ("1.0-beta", "0.1.0"),
            ("", "0.1.0"),
        ] {
            assert_eq!(version_from_spec(version), semver, "{version:?}");
        }
    }
}
