// @generated: copied from workos-codegen's `runtime/validate.rs`. Do not edit by hand:
// regenerate with `cargo codegen`.

//! Value checks: what a schema says about values that a Rust type cannot hold (string lengths
//! and patterns, numeric bounds, item and property counts, `not`, `if`/`then`/`else`, ...).
//! Decoding enforces the structure (types, `required`, enums, `const`, tags,
//! `additionalProperties: false`); [`Validate::validate`] checks the rest, and reports every
//! violation, each with the instance's JSON pointer and the pointer of the schema rule.
//!
//! Every generated type implements [`Validate`]; requests are checked before they are sent.

use std::fmt;

/// A value the schema constrains beyond its Rust type.
pub trait Validate {
    /// Every violation of the schema's value constraints, or `Ok(())`.
    fn validate(&self) -> Result<(), Violations> {
        let mut at = Pointer::default();
        let mut out = Violations::default();
        self.check(&mut at, &mut out);
        out.into_result()
    }

    /// Adds the violations of this value, found at `at`, to `out`.
    fn check(&self, at: &mut Pointer, out: &mut Violations);
}

/// The JSON pointer of the value being checked, grown and shrunk as the check descends.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Pointer(String);

impl Pointer {
    /// Steps into the property `key`; returns the mark [`Pointer::back`] returns to.
    pub fn key(&mut self, key: &str) -> usize {
        let mark = self.0.len();
        self.0.push('/');
        if !key.contains(['~', '/']) {
            self.0.push_str(key);
            return mark;
        }
        for c in key.chars() {
            match c {
                '~' => self.0.push_str("~0"),
                '/' => self.0.push_str("~1"),
                c => self.0.push(c),
            }
        }
        mark
    }

    /// Steps into the item at `index`.
    pub fn index(&mut self, index: usize) -> usize {
        use fmt::Write;
        let mark = self.0.len();
        let _ = write!(self.0, "/{index}");
        mark
    }

    /// Back to where [`Pointer::key`] or [`Pointer::index`] stepped from.
    pub fn back(&mut self, mark: usize) {
        self.0.truncate(mark);
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// One value that breaks one rule of the schema.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violation {
    /// The JSON pointer of the value, in the value validated (`/events/0`; `""` for the value
    /// itself). A request's parameters are under `/path`, `/query`, `/header`, `/cookie` and
    /// its body under `/body`.
    pub instance: String,
    /// Where the rule is in the spec, as `file#pointer` (`openapi.json#/.../minimum`).
    pub schema: String,
    /// The keyword that failed (`minimum`, `pattern`, ...).
    pub keyword: &'static str,
    /// What is wrong, in words.
    pub message: String,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let at = if self.instance.is_empty() {
            "the value"
        } else {
            &self.instance
        };
        write!(f, "{at}: {} ({})", self.message, self.schema)
    }
}

/// Every violation a value has, in the order found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Violations(Vec<Violation>);

impl Violations {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn iter(&self) -> std::slice::Iter<'_, Violation> {
        self.0.iter()
    }

    /// `Ok(())` when there are none.
    pub fn into_result(self) -> Result<(), Violations> {
        if self.0.is_empty() { Ok(()) } else { Err(self) }
    }

    /// Records a violation of the rule `schema` (`file#pointer` of the keyword) at `at`.
    pub fn push(
        &mut self,
        at: &Pointer,
        schema: &str,
        keyword: &'static str,
        message: impl Into<String>,
    ) {
        self.0.push(Violation {
            instance: at.as_str().to_string(),
            schema: schema.to_string(),
            keyword,
            message: message.into(),
        });
    }

    /// Records a violation found inside the value at `at` (at `instance`, a JSON pointer
    /// relative to it).
    pub fn push_within(
        &mut self,
        at: &Pointer,
        instance: &str,
        schema: String,
        keyword: &'static str,
        message: String,
    ) {
        self.0.push(Violation {
            instance: format!("{}{instance}", at.as_str()),
            schema,
            keyword,
            message,
        });
    }
}

impl fmt::Display for Violations {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, violation) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{violation}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Violations {}

impl IntoIterator for Violations {
    type Item = Violation;
    type IntoIter = std::vec::IntoIter<Violation>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'v> IntoIterator for &'v Violations {
    type Item = &'v Violation;
    type IntoIter = std::slice::Iter<'v, Violation>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

// Containers check what they hold; the generated types check their own fields.

impl<T: Validate + ?Sized> Validate for Box<T> {
    fn check(&self, at: &mut Pointer, out: &mut Violations) {
        (**self).check(at, out);
    }
}

impl<T: Validate> Validate for Option<T> {
    fn check(&self, at: &mut Pointer, out: &mut Violations) {
        if let Some(value) = self {
            value.check(at, out);
        }
    }
}

impl<T: Validate> Validate for [T] {
    fn check(&self, at: &mut Pointer, out: &mut Violations) {
        for (index, item) in self.iter().enumerate() {
            let mark = at.index(index);
            item.check(at, out);
            at.back(mark);
        }
    }
}

impl<T: Validate> Validate for Vec<T> {
    fn check(&self, at: &mut Pointer, out: &mut Violations) {
        self.as_slice().check(at, out);
    }
}

impl<T: Validate> Validate for std::collections::BTreeMap<String, T> {
    fn check(&self, at: &mut Pointer, out: &mut Violations) {
        for (key, value) in self {
            let mark = at.key(key);
            value.check(at, out);
            at.back(mark);
        }
    }
}

impl<T: Validate, S> Validate for std::collections::HashMap<String, T, S> {
    fn check(&self, at: &mut Pointer, out: &mut Violations) {
        for (key, value) in self {
            let mark = at.key(key);
            value.check(at, out);
            at.back(mark);
        }
    }
}

/// Runs `check` on each item, at its index.
pub fn each_item<T>(
    items: &[T],
    at: &mut Pointer,
    out: &mut Violations,
    check: impl Fn(&T, &mut Pointer, &mut Violations),
) {
    for (index, item) in items.iter().enumerate() {
        let mark = at.index(index);
        check(item, at, out);
        at.back(mark);
    }
}

/// Runs `check` on each value of a map, at its key.
pub fn each_value<T>(
    map: &std::collections::BTreeMap<String, T>,
    at: &mut Pointer,
    out: &mut Violations,
    check: impl Fn(&T, &mut Pointer, &mut Violations),
) {
    for (key, value) in map {
        let mark = at.key(key);
        check(value, at, out);
        at.back(mark);
    }
}

/// Values a schema cannot constrain beyond their type (the generated code names these where a
/// container of them meets a type that has checks).
macro_rules! unconstrained {
    ($($ty:ty),*) => {$(
        impl Validate for $ty {
            fn check(&self, _: &mut Pointer, _: &mut Violations) {}
        }
    )*};
}

unconstrained!(
    String,
    str,
    bool,
    i8,
    i16,
    i32,
    i64,
    u8,
    u16,
    u32,
    u64,
    f64,
    serde_json::Value
);

/// A number, as bounds and `multipleOf` compare it.
pub trait Number {
    fn to_f64(&self) -> f64;
}

macro_rules! number {
    ($($ty:ty),*) => {$(
        impl Number for $ty {
            fn to_f64(&self) -> f64 {
                *self as f64
            }
        }
    )*};
}

number!(i8, i16, i32, i64, u8, u16, u32, u64, f64);

/// `minLength`: at least `min` characters (Unicode code points, as JSON Schema counts them).
pub fn min_length(value: &str, min: u64, at: &Pointer, schema: &str, out: &mut Violations) {
    let length = value.chars().count() as u64;
    if length < min {
        out.push(
            at,
            schema,
            "minLength",
            format!("{length} characters, fewer than the minimum {min}"),
        );
    }
}

/// `maxLength`: at most `max` characters.
pub fn max_length(value: &str, max: u64, at: &Pointer, schema: &str, out: &mut Violations) {
    // Counting stops once past the maximum: a long string costs no more than that.
    let length = value.chars().take(max as usize + 1).count() as u64;
    if length > max {
        out.push(
            at,
            schema,
            "maxLength",
            format!("more than the maximum {max} characters"),
        );
    }
}

/// `minimum` (`exclusive`: `exclusiveMinimum`).
pub fn minimum<N: Number>(
    value: &N,
    bound: f64,
    exclusive: bool,
    at: &Pointer,
    schema: &str,
    out: &mut Violations,
) {
    let value = value.to_f64();
    if exclusive && value <= bound {
        let message = format!("{value} is not greater than the exclusive minimum {bound}");
        out.push(at, schema, "exclusiveMinimum", message);
    } else if !exclusive && value < bound {
        let message = format!("{value} is less than the minimum {bound}");
        out.push(at, schema, "minimum", message);
    }
}

/// `maximum` (`exclusive`: `exclusiveMaximum`).
pub fn maximum<N: Number>(
    value: &N,
    bound: f64,
    exclusive: bool,
    at: &Pointer,
    schema: &str,
    out: &mut Violations,
) {
    let value = value.to_f64();
    if exclusive && value >= bound {
        let message = format!("{value} is not less than the exclusive maximum {bound}");
        out.push(at, schema, "exclusiveMaximum", message);
    } else if !exclusive && value > bound {
        let message = format!("{value} is greater than the maximum {bound}");
        out.push(at, schema, "maximum", message);
    }
}

/// `multipleOf`: `value / divisor` is an integer (within the rounding of binary floats, so that
/// `0.0075` is a multiple of `0.0001`).
pub fn multiple_of<N: Number>(
    value: &N,
    divisor: f64,
    at: &Pointer,
    schema: &str,
    out: &mut Violations,
) {
    let value = value.to_f64();
    if !is_multiple(value, divisor) {
        let message = format!("{value} is not a multiple of {divisor}");
        out.push(at, schema, "multipleOf", message);
    }
}

/// Whether `value` is a multiple of `divisor` (see [`multiple_of`]).
pub fn is_multiple(value: f64, divisor: f64) -> bool {
    let quotient = value / divisor;
    quotient.is_finite()
        && (quotient - quotient.round()).abs() <= quotient.abs() * 4.0 * f64::EPSILON
}

/// `minItems`, `minProperties`, `minContains`: a count of at least `min`.
pub fn min_count(
    count: usize,
    min: u64,
    keyword: &'static str,
    at: &Pointer,
    schema: &str,
    out: &mut Violations,
) {
    if (count as u64) < min {
        let what = what_counts(keyword);
        out.push(
            at,
            schema,
            keyword,
            format!("{count} {what}, fewer than the minimum {min}"),
        );
    }
}

/// `maxItems`, `maxProperties`, `maxContains`: a count of at most `max`.
pub fn max_count(
    count: usize,
    max: u64,
    keyword: &'static str,
    at: &Pointer,
    schema: &str,
    out: &mut Violations,
) {
    if count as u64 > max {
        let what = what_counts(keyword);
        out.push(
            at,
            schema,
            keyword,
            format!("{count} {what}, more than the maximum {max}"),
        );
    }
}

/// `uniqueItems` on items whose equality is JSON's (strings, integers, booleans).
pub fn unique_items<T: PartialEq>(items: &[T], at: &Pointer, schema: &str, out: &mut Violations) {
    let repeated = (1..items.len()).find(|&j| items[..j].contains(&items[j]));
    if let Some(j) = repeated {
        let message = format!("item {j} repeats an earlier item");
        out.push(at, schema, "uniqueItems", message);
    }
}

fn what_counts(keyword: &str) -> &'static str {
    match keyword {
        "minProperties" | "maxProperties" => "properties",
        "minContains" | "maxContains" => "matching items",
        _ => "items",
    }
}

