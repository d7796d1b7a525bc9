// @generated: copied from workos-codegen's `runtime/pagination.rs`. Do not edit by hand:
// regenerate with `cargo codegen`.

//! A `Stream` over every item of a cursor-paginated list.
//!
//! The generated list types implement [`Page`]; the generated list request builders
//! create a [`Paginator`] with a closure that fetches one page: `None` for the first
//! page (the request as the caller built it), `Some(cursor)` for the page after `cursor`.

use std::collections::VecDeque;
use std::fmt;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;
use futures_core::stream::FusedStream;

use super::client::BoxFuture;
use super::error::Error;

/// One page of a cursor-paginated list.
pub trait Page {
    /// The listed object.
    type Item;
    /// The items of this page and the cursor of the next page (`None` on the last page).
    fn into_items_and_cursor(self) -> (Vec<Self::Item>, Option<String>);
}

type FetchPage<'a, P> =
    Box<dyn FnMut(Option<String>) -> BoxFuture<'a, Result<P, Error>> + Send + 'a>;

enum Next {
    First,
    After(String),
    Done,
}

/// A stream of every item of a list, fetching pages one at a time as it is polled.
///
/// It ends after the page whose next cursor is `null`; also (so a misbehaving server
/// cannot make it loop forever) after an empty page or a page that returns the cursor
/// it was fetched with. An error is yielded once and ends the stream. Each page is one
/// request, retried like any other.
#[must_use = "streams do nothing unless polled"]
pub struct Paginator<'a, P: Page> {
    fetch: FetchPage<'a, P>,
    pending: Option<BoxFuture<'a, Result<P, Error>>>,
    items: VecDeque<P::Item>,
    next: Next,
    current: Option<String>,
}

impl<'a, P: Page> Paginator<'a, P> {
    /// A stream that calls `fetch` for each page (see the module docs).
    pub fn new(
        fetch: impl FnMut(Option<String>) -> BoxFuture<'a, Result<P, Error>> + Send + 'a,
    ) -> Self {
        Self {
            fetch: Box::new(fetch),
            pending: None,
            items: VecDeque::new(),
            next: Next::First,
            current: None,
        }
    }
}

// Items are only moved, never pinned, so the stream can be `Unpin` whatever they are.
impl<P: Page> Unpin for Paginator<'_, P> {}

impl<P: Page> Stream for Paginator<'_, P> {
    type Item = Result<P::Item, Error>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        loop {
            if let Some(item) = this.items.pop_front() {
                return Poll::Ready(Some(Ok(item)));
            }
            if let Some(pending) = this.pending.as_mut() {
                let page = match pending.as_mut().poll(cx) {
                    Poll::Pending => return Poll::Pending,
                    Poll::Ready(page) => page,
                };
                this.pending = None;
                match page {
                    Err(error) => {
                        this.next = Next::Done;
                        return Poll::Ready(Some(Err(error)));
                    }
                    Ok(page) => {
                        let (items, cursor) = page.into_items_and_cursor();
                        this.next = match cursor {
                            Some(cursor)
                                if !items.is_empty()
                                    && this.current.as_deref() != Some(cursor.as_str()) =>
                            {
                                Next::After(cursor)
                            }
                            _ => Next::Done,
                        };
                        this.items = items.into();
                        continue;
                    }
                }
            }
            let cursor = match std::mem::replace(&mut this.next, Next::Done) {
                Next::Done => return Poll::Ready(None),
                Next::First => None,
                Next::After(cursor) => {
                    this.current = Some(cursor.clone());
                    Some(cursor)
                }
            };
            this.pending = Some((this.fetch)(cursor));
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        match self.next {
            Next::Done if self.pending.is_none() => (self.items.len(), Some(self.items.len())),
            _ => (self.items.len(), None),
        }
    }
}

impl<P: Page> FusedStream for Paginator<'_, P> {
    fn is_terminated(&self) -> bool {
        matches!(self.next, Next::Done) && self.pending.is_none() && self.items.is_empty()
    }
}

impl<P: Page> fmt::Debug for Paginator<'_, P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Paginator")
            .field("buffered", &self.items.len())
            .field("fetching", &self.pending.is_some())
            .field("cursor", &self.current)
            .finish_non_exhaustive()
    }
}

