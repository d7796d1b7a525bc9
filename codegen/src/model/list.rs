//! The list envelope the settings describe (`[list]`; WorkOS's is `{ object?: "list",
//! data: [T], list_metadata: { before, after } }`), shared by every list response and
//! generated once as the generic `List<T>`.

use super::build::{At, Builder, Hint};
use super::shape::Shape;
use super::{ListEnvelope, SerdeTag, Ty, naming};

impl<'a> Builder<'a> {
    /// `{ object?: "list", data: [T], list_metadata: { before, after } }` -> `List<T>`.
    pub(super) fn list_envelope(&mut self, shape: &Shape<'a>, hint: &Hint) -> Option<Ty> {
        let list = self.settings.list.as_ref()?;
        let own = [Some(&list.items), Some(&list.metadata), list.tag.as_ref()];
        if shape
            .properties
            .iter()
            .any(|(k, _)| !own.contains(&Some(k)))
        {
            return None;
        }
        let data = shape.get(&list.items)?.clone();
        let data = At {
            node: self.follow(&data.node)?,
            logical: data.logical,
        };
        let metadata = shape.get(&list.metadata)?.clone();
        let metadata = At::direct(self.follow(&metadata.node)?);
        let metadata_schema = self.schema(&metadata.node);
        let cursor_of = |name: &str| {
            metadata_schema
                .properties
                .as_ref()?
                .iter()
                .find_map(|(key, node)| (*key == name).then(|| node.clone()))
        };
        let before = match &list.before {
            Some(name) => Some(cursor_of(name)?),
            None => None,
        };
        let after = cursor_of(&list.after)?;
        let data_schema = self.schema(&data.node);
        if data_schema.primary_type() != Some("array") {
            return None;
        }
        let tag = list.tag.as_ref().and_then(|property| {
            let value = self.constant(shape, property)?;
            Some(SerdeTag {
                property: property.clone(),
                value,
            })
        });
        let item = self.ty(&data.to(data_schema.items.as_ref()?), &hint.item());
        // The envelope's own parts are generic; their examples are checked as what they hold.
        if let Some(object) = list.tag.as_ref().and_then(|tag| shape.get(tag)) {
            self.example(object, Some(&Ty::String));
        }
        let cursor = Ty::Option(Box::new(Ty::String));
        for node in before.iter().chain([&after]) {
            self.example(&metadata.to(node), Some(&cursor));
        }
        if self.list.is_none() {
            let field = |wire: &str| (naming::field_name(wire), wire.to_string());
            self.list = Some(ListEnvelope {
                tag,
                items: field(&list.items),
                metadata: field(&list.metadata),
                before: list.before.as_deref().map(field),
                after: field(&list.after),
                data_doc: data_schema.doc(),
                metadata_doc: metadata_schema.doc(),
                before_doc: before.as_ref().and_then(|node| self.schema(node).doc()),
                after_doc: self.schema(&after).doc(),
            });
        }
        Some(Ty::List(Box::new(item)))
    }
}
