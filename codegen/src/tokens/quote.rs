//! `tokens!`: the `quote!` macro of quote 1.0.47 (MIT OR Apache-2.0), the same syntax
//! (`#var`, `#(#items),*`) and the same rules, writing [`Tokens`](super::Tokens) instead of a
//! `proc_macro2::TokenStream`. Groups are written in place, not built apart and copied in.

/// Rust code with `#var` interpolated (`ToTokens`) and `#(...)*` / `#(...),*` repeated over
/// iterators, as `quote!`.
macro_rules! tokens {
    () => {
        $crate::tokens::Tokens::new()
    };
    ($($tt:tt)*) => {{
        let mut _s = $crate::tokens::Tokens::new();
        $crate::tokens::quote::each_token!{_s $($tt)*}
        _s
    }};
}
pub(crate) use tokens;

// Each token is looked at with the three before and after it, so that `#(...)*` and `#var` are
// recognized without recursing once per token (quote's design).
macro_rules! each_token {
    ($tokens:ident $($tts:tt)*) => {
        $crate::tokens::quote::tokens_with_context!{$tokens
            (@ @ @ @ @ @ $($tts)*)
            (@ @ @ @ @ $($tts)* @)
            (@ @ @ @ $($tts)* @ @)
            (@ @ @ $(($tts))* @ @ @)
            (@ @ $($tts)* @ @ @ @)
            (@ $($tts)* @ @ @ @ @)
            ($($tts)* @ @ @ @ @ @)
        }
    };
}
pub(crate) use each_token;

macro_rules! tokens_with_context {
    ($tokens:ident
        ($($b3:tt)*) ($($b2:tt)*) ($($b1:tt)*)
        ($($curr:tt)*)
        ($($a1:tt)*) ($($a2:tt)*) ($($a3:tt)*)
    ) => {
        $(
            $crate::tokens::quote::token_with_context!{$tokens $b3 $b2 $b1 $curr $a1 $a2 $a3}
        )*
    };
}
pub(crate) use tokens_with_context;

macro_rules! token_with_context {
    // The padding around the tokens.
    ($tokens:ident $b3:tt $b2:tt $b1:tt @ $a1:tt $a2:tt $a3:tt) => {};

    // `#(...)*`: the repetition at its `#`, nothing at its other tokens.
    ($tokens:ident $b3:tt $b2:tt $b1:tt (#) ( $($inner:tt)* ) * $a3:tt) => {{
        #[allow(unused_imports)]
        use $crate::tokens::quote::ext::*;
        let has_iter = $crate::tokens::quote::HasIterator::<false>;
        $crate::tokens::quote::pounded_var_names!{bind_into_iter!(has_iter) () $($inner)*}
        <_ as $crate::tokens::quote::CheckHasIterator<true>>::check(has_iter);
        loop {
            $crate::tokens::quote::pounded_var_names!{bind_next_or_break!() () $($inner)*}
            $crate::tokens::quote::each_token!{$tokens $($inner)*}
        }
    }};
    ($tokens:ident $b3:tt $b2:tt # (( $($inner:tt)* )) * $a2:tt $a3:tt) => {};
    ($tokens:ident $b3:tt # ( $($inner:tt)* ) (*) $a1:tt $a2:tt $a3:tt) => {};

    // `#(...),*`: the same with a separator.
    ($tokens:ident $b3:tt $b2:tt $b1:tt (#) ( $($inner:tt)* ) $sep:tt *) => {{
        #[allow(unused_imports)]
        use $crate::tokens::quote::ext::*;
        let mut _first = true;
        let has_iter = $crate::tokens::quote::HasIterator::<false>;
        $crate::tokens::quote::pounded_var_names!{bind_into_iter!(has_iter) () $($inner)*}
        <_ as $crate::tokens::quote::CheckHasIterator<true>>::check(has_iter);
        loop {
            $crate::tokens::quote::pounded_var_names!{bind_next_or_break!() () $($inner)*}
            if !_first {
                $crate::tokens::quote::token!{$sep $tokens}
            }
            _first = false;
            $crate::tokens::quote::each_token!{$tokens $($inner)*}
        }
    }};
    ($tokens:ident $b3:tt $b2:tt # (( $($inner:tt)* )) $sep:tt * $a3:tt) => {};
    ($tokens:ident $b3:tt # ( $($inner:tt)* ) ($sep:tt) * $a2:tt $a3:tt) => {};
    // `#(...)**`: the second `*` is the separator.
    ($tokens:ident # ( $($inner:tt)* ) * (*) $a1:tt $a2:tt $a3:tt) => {
        $crate::tokens::quote::token!{* $tokens}
    };
    ($tokens:ident # ( $($inner:tt)* ) $sep:tt (*) $a1:tt $a2:tt $a3:tt) => {};

    // `#var`
    ($tokens:ident $b3:tt $b2:tt $b1:tt (#) $var:ident $a2:tt $a3:tt) => {
        $crate::tokens::ToTokens::to_tokens(&$var, &mut $tokens);
    };
    ($tokens:ident $b3:tt $b2:tt # ($var:ident) $a1:tt $a2:tt $a3:tt) => {};

    // Any other token.
    ($tokens:ident $b3:tt $b2:tt $b1:tt ($curr:tt) $a1:tt $a2:tt $a3:tt) => {
        $crate::tokens::quote::token!{$curr $tokens}
    };
}
pub(crate) use token_with_context;

// The variables `#var` of a repetition, each passed to `$call`.
macro_rules! pounded_var_names {
    ($call:ident! $extra:tt $($tts:tt)*) => {
        $crate::tokens::quote::pounded_var_names_with_context!{$call! $extra
            (@ $($tts)*)
            ($($tts)* @)
        }
    };
}
pub(crate) use pounded_var_names;

macro_rules! pounded_var_names_with_context {
    ($call:ident! $extra:tt ($($b1:tt)*) ($($curr:tt)*)) => {
        $(
            $crate::tokens::quote::pounded_var_with_context!{$call! $extra $b1 $curr}
        )*
    };
}
pub(crate) use pounded_var_names_with_context;

macro_rules! pounded_var_with_context {
    ($call:ident! $extra:tt $b1:tt ( $($inner:tt)* )) => {
        $crate::tokens::quote::pounded_var_names!{$call! $extra $($inner)*}
    };
    ($call:ident! $extra:tt $b1:tt [ $($inner:tt)* ]) => {
        $crate::tokens::quote::pounded_var_names!{$call! $extra $($inner)*}
    };
    ($call:ident! $extra:tt $b1:tt { $($inner:tt)* }) => {
        $crate::tokens::quote::pounded_var_names!{$call! $extra $($inner)*}
    };
    ($call:ident!($($extra:tt)*) # $var:ident) => {
        $crate::tokens::quote::$call!($($extra)* $var);
    };
    ($call:ident! $extra:tt $b1:tt $curr:tt) => {};
}
pub(crate) use pounded_var_with_context;

macro_rules! bind_into_iter {
    ($has_iter:ident $var:ident) => {
        #[allow(unused_mut)]
        let (mut $var, i) = $var.quote_into_iter();
        let $has_iter = $has_iter | i;
    };
}
pub(crate) use bind_into_iter;

macro_rules! bind_next_or_break {
    ($var:ident) => {
        let $var = match $var.next() {
            Some(_x) => $crate::tokens::quote::RepInterp(_x),
            None => break,
        };
    };
}
pub(crate) use bind_next_or_break;

// One token of the template.
macro_rules! token {
    ($ident:ident $tokens:ident) => {
        $tokens.push_ident(stringify!($ident));
    };
    (( $($inner:tt)* ) $tokens:ident) => {{
        let open = $tokens.open(proc_macro2::Delimiter::Parenthesis);
        $crate::tokens::quote::each_token!{$tokens $($inner)*}
        $tokens.close(open);
    }};
    ([ $($inner:tt)* ] $tokens:ident) => {{
        let open = $tokens.open(proc_macro2::Delimiter::Bracket);
        $crate::tokens::quote::each_token!{$tokens $($inner)*}
        $tokens.close(open);
    }};
    ({ $($inner:tt)* } $tokens:ident) => {{
        let open = $tokens.open(proc_macro2::Delimiter::Brace);
        $crate::tokens::quote::each_token!{$tokens $($inner)*}
        $tokens.close(open);
    }};
    ($lifetime:lifetime $tokens:ident) => {
        $tokens.push_lifetime(stringify!($lifetime));
    };
    (_ $tokens:ident) => {
        $tokens.push_ident("_");
    };
    ($other:literal $tokens:ident) => {
        $tokens.push_literal(stringify!($other));
    };
    // Punctuation, of one or more characters (`::`, `=>`).
    ($punct:tt $tokens:ident) => {
        $tokens.push_punct(stringify!($punct));
    };
}
pub(crate) use token;

/// Whether a repetition has a variable to iterate (quote's compile-time check).
pub struct HasIterator<const B: bool>;

impl std::ops::BitOr<HasIterator<false>> for HasIterator<false> {
    type Output = HasIterator<false>;

    fn bitor(self, _: HasIterator<false>) -> HasIterator<false> {
        HasIterator
    }
}

impl std::ops::BitOr<HasIterator<false>> for HasIterator<true> {
    type Output = HasIterator<true>;

    fn bitor(self, _: HasIterator<false>) -> HasIterator<true> {
        HasIterator
    }
}

impl std::ops::BitOr<HasIterator<true>> for HasIterator<false> {
    type Output = HasIterator<true>;

    fn bitor(self, _: HasIterator<true>) -> HasIterator<true> {
        HasIterator
    }
}

impl std::ops::BitOr<HasIterator<true>> for HasIterator<true> {
    type Output = HasIterator<true>;

    fn bitor(self, _: HasIterator<true>) -> HasIterator<true> {
        HasIterator
    }
}

pub trait CheckHasIterator<const B: bool>: Sized {
    fn check(self) {}
}

impl CheckHasIterator<true> for HasIterator<true> {}

/// How each kind of variable repeats: an iterator item by item, a slice or `Vec` by reference,
/// anything else interpolable the same value every time.
pub mod ext {
    use super::{HasIterator, RepInterp};
    use crate::tokens::ToTokens;

    pub trait RepIteratorExt: Iterator + Sized {
        fn quote_into_iter(self) -> (Self, HasIterator<true>) {
            (self, HasIterator)
        }
    }

    impl<T: Iterator> RepIteratorExt for T {}

    pub trait RepToTokensExt {
        fn next(&self) -> Option<&Self> {
            Some(self)
        }

        fn quote_into_iter(&self) -> (&Self, HasIterator<false>) {
            (self, HasIterator)
        }
    }

    impl<T: ToTokens + ?Sized> RepToTokensExt for T {}

    pub trait RepAsIteratorExt<'q> {
        type Iter: Iterator;

        fn quote_into_iter(&'q self) -> (Self::Iter, HasIterator<true>);
    }

    impl<'q, T: RepAsIteratorExt<'q> + ?Sized> RepAsIteratorExt<'q> for &T {
        type Iter = T::Iter;

        fn quote_into_iter(&'q self) -> (Self::Iter, HasIterator<true>) {
            <T as RepAsIteratorExt>::quote_into_iter(*self)
        }
    }

    impl<'q, T: 'q> RepAsIteratorExt<'q> for [T] {
        type Iter = std::slice::Iter<'q, T>;

        fn quote_into_iter(&'q self) -> (Self::Iter, HasIterator<true>) {
            (self.iter(), HasIterator)
        }
    }

    impl<'q, T: 'q> RepAsIteratorExt<'q> for Vec<T> {
        type Iter = std::slice::Iter<'q, T>;

        fn quote_into_iter(&'q self) -> (Self::Iter, HasIterator<true>) {
            (self.iter(), HasIterator)
        }
    }

    impl<'q, T: RepAsIteratorExt<'q>> RepAsIteratorExt<'q> for RepInterp<T> {
        type Iter = T::Iter;

        fn quote_into_iter(&'q self) -> (Self::Iter, HasIterator<true>) {
            self.0.quote_into_iter()
        }
    }
}

/// One value of a repetition.
#[derive(Copy, Clone)]
pub struct RepInterp<T>(pub T);

impl<T> RepInterp<T> {
    pub fn next(self) -> Option<T> {
        Some(self.0)
    }
}

impl<T: Iterator> Iterator for RepInterp<T> {
    type Item = T::Item;

    fn next(&mut self) -> Option<Self::Item> {
        self.0.next()
    }
}

impl<T: ToTokens> ToTokens for RepInterp<T> {
    fn to_tokens(&self, tokens: &mut super::Tokens) {
        self.0.to_tokens(tokens);
    }
}

use super::ToTokens;
