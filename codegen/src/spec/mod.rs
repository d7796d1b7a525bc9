//! Stage 2: the spec as Rust types. [`openapi`] reads an OpenAPI document's structure (paths,
//! operations, parameters, bodies, responses and their headers, components, [`security`]
//! schemes and requirements) or a bare JSON Schema file, and [`schema`] reads each JSON Schema
//! object through one keyword table. The model passes read these types, never the raw JSON.

mod keywords;
pub mod openapi;
mod paths;
pub mod schema;
pub mod security;

use std::rc::Rc;

use rustc_hash::FxHashMap;
use serde_json::Value;

use crate::load::Node;

pub use keywords::NOT_MESSAGE;
pub use openapi::{Document, Header, MediaType, Operation, Parameter, RequestBody, Response};
pub use schema::{Bound, Schema, Taken, Types, kind, text};
pub use security::{Requirement, SchemeKind, SecurityScheme};

/// Every schema read so far, by where it is: each is read once, however often it is reached.
#[derive(Default)]
pub struct Schemas<'a> {
    /// By the address of the schema's value: the loaded documents outlive `'a` and never move,
    /// so one address is one place (and finding it hashes no pointer text).
    read: FxHashMap<*const Value, Rc<Schema<'a>>>,
}

impl<'a> Schemas<'a> {
    /// The schema at `node`.
    pub fn get(&mut self, node: &Node<'a>) -> Rc<Schema<'a>> {
        self.read
            .entry(node.value as *const Value)
            .or_insert_with(|| Rc::new(Schema::read(node.clone())))
            .clone()
    }
}
