//! A test, inside the generated crate, that every `example` in the spec deserializes into its
//! generated type and serializes back to the same JSON.

use crate::tokens::{Tokens, tokens};

use super::docs::{timestamp_item, ty};
use crate::model::{Example, Ty, TypeDef};
use crate::settings::TimestampFormat;

pub fn examples_test(
    examples: &[Example],
    types: &[TypeDef],
    timestamps: TimestampFormat,
) -> Tokens {
    if examples.is_empty() {
        return Tokens::new();
    }
    let cases = examples.iter().map(|example| {
        let location = &example.location;
        let json = example.value.to_string();
        // A bare timestamp example is checked with the format its fields use.
        let rust_ty = match example.ty {
            Ty::DateTime => {
                let field = timestamp_item(timestamps, "Field");
                tokens!(super::#field)
            }
            _ => ty(&example.ty, types),
        };
        let check = if example.validates {
            tokens!(round_trip_valid)
        } else {
            tokens!(round_trip)
        };
        tokens!((#location, #json, #check::<#rust_ty>))
    });
    let checked = examples.iter().any(|e| e.validates);
    let unchecked = examples.iter().any(|e| !e.validates);
    let imports = match (checked, unchecked) {
        (true, true) => tokens!(
            use super::super::runtime::examples::{round_trip, round_trip_valid};
        ),
        (true, false) => tokens!(
            use super::super::runtime::examples::round_trip_valid;
        ),
        _ => tokens!(
            use super::super::runtime::examples::round_trip;
        ),
    };
    let count = examples.len();
    tokens! {
        #[cfg(test)]
        mod spec_examples {
            // Unused when every example's type is a plain one (`String`).
            #[allow(unused_imports)]
            use super::*;
            #imports

            /// Every `example` in the spec: where it is, its JSON, and a check against its type.
            type Case = (&'static str, &'static str, fn(&str) -> Result<(), String>);
            // `static`: a large `const` array would be copied where it is used.
            static EXAMPLES: [Case; #count] = [#(#cases),*];

            #[test]
            fn every_spec_example_round_trips() {
                let failures: Vec<String> = EXAMPLES
                    .iter()
                    .filter_map(|(at, json, check)| check(json).err().map(|err| format!("{at}: {err}")))
                    .collect();
                assert!(failures.is_empty(), "{}", failures.join("\n"));
            }
        }
    }
}
