//! Hooks: the caller's code, run by the client around every attempt of every call (token
//! refresh, logging, metrics). Set with `ClientBuilder::hook`; a client without hooks does no
//! work for them.

use std::sync::Arc;
use std::time::Duration;

use reqwest::header::HeaderMap;

use super::client::{BoxFuture, Method, Operation};
use super::error::Error;

/// Code run around each attempt. Both methods do nothing unless overridden; both may await
/// (return `Box::pin(async move { ... })`).
///
/// ```ignore
/// struct Refresh(TokenSource);
///
/// impl Hook for Refresh {
///     fn before_attempt<'a>(&'a self, attempt: &'a mut Attempt<'_>) -> BoxFuture<'a, Result<(), Error>> {
///         Box::pin(async move {
///             let token = self.0.current().await;
///             let value = format!("Bearer {token}").try_into().map_err(|_| Error::Config("bad token".into()))?;
///             attempt.headers_mut().insert(reqwest::header::AUTHORIZATION, value);
///             Ok(())
///         })
///     }
/// }
/// ```
pub trait Hook: Send + Sync {
    /// Runs before each attempt is sent, retries included, in the order hooks were added. It may
    /// add, replace or remove headers of this attempt; an error ends the call with that error,
    /// this attempt unsent.
    fn before_attempt<'a>(
        &'a self,
        attempt: &'a mut Attempt<'_>,
    ) -> BoxFuture<'a, Result<(), Error>> {
        let _ = attempt;
        Box::pin(std::future::ready(Ok(())))
    }

    /// Runs when each attempt's response arrives (its status and headers; the body is not read
    /// yet), whatever its status, before the client decides to retry. Not run for an attempt
    /// that got no response (a timeout, a refused connection).
    fn after_response<'a>(&'a self, response: &'a AttemptResponse<'_>) -> BoxFuture<'a, ()> {
        let _ = response;
        Box::pin(std::future::ready(()))
    }
}

/// A hook the caller keeps a handle to (to read what it recorded, say).
impl<H: Hook + ?Sized> Hook for Arc<H> {
    fn before_attempt<'a>(
        &'a self,
        attempt: &'a mut Attempt<'_>,
    ) -> BoxFuture<'a, Result<(), Error>> {
        (**self).before_attempt(attempt)
    }

    fn after_response<'a>(&'a self, response: &'a AttemptResponse<'_>) -> BoxFuture<'a, ()> {
        (**self).after_response(response)
    }
}

/// One attempt about to be sent, as a hook sees it.
pub struct Attempt<'r> {
    pub(crate) operation: &'r Operation,
    pub(crate) number: u32,
    pub(crate) headers: &'r mut HeaderMap,
}

impl Attempt<'_> {
    /// The spec's `operationId` of the operation (or its method name when it has none).
    pub fn operation_id(&self) -> &'static str {
        self.operation.id
    }

    pub fn method(&self) -> Method {
        self.operation.method
    }

    /// The path template (`/webhook_endpoints/{id}`), not the path with its values.
    pub fn path_template(&self) -> &'static str {
        self.operation.path
    }

    /// 1 for the first attempt, 2 for the first retry, and so on.
    pub fn number(&self) -> u32 {
        self.number
    }

    /// The headers this attempt sends: the client's, the credentials, the request's own.
    pub fn headers(&self) -> &HeaderMap {
        self.headers
    }

    pub fn headers_mut(&mut self) -> &mut HeaderMap {
        self.headers
    }
}

/// The response to one attempt, as a hook sees it.
pub struct AttemptResponse<'r> {
    pub(crate) operation: &'r Operation,
    pub(crate) number: u32,
    pub(crate) status: u16,
    pub(crate) headers: &'r HeaderMap,
    pub(crate) elapsed: Duration,
}

impl AttemptResponse<'_> {
    /// See [`Attempt::operation_id`].
    pub fn operation_id(&self) -> &'static str {
        self.operation.id
    }

    pub fn method(&self) -> Method {
        self.operation.method
    }

    /// See [`Attempt::path_template`].
    pub fn path_template(&self) -> &'static str {
        self.operation.path
    }

    /// Which attempt this answers: 1 for the first, 2 for the first retry, and so on.
    pub fn attempt(&self) -> u32 {
        self.number
    }

    pub fn status(&self) -> u16 {
        self.status
    }

    pub fn headers(&self) -> &HeaderMap {
        self.headers
    }

    /// From sending this attempt to its response's headers.
    pub fn elapsed(&self) -> Duration {
        self.elapsed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Nothing;
    impl Hook for Nothing {}

    #[tokio::test]
    async fn default_methods_change_nothing_and_arc_delegates() {
        let operation = Operation {
            id: "op",
            method: Method::Post,
            path: "/x/{id}",
            security: &[],
        };
        let mut headers = HeaderMap::new();
        let mut attempt = Attempt {
            operation: &operation,
            number: 2,
            headers: &mut headers,
        };
        let hook = Arc::new(Nothing);
        hook.before_attempt(&mut attempt).await.unwrap();
        assert_eq!(
            (
                attempt.operation_id(),
                attempt.method(),
                attempt.path_template()
            ),
            ("op", Method::Post, "/x/{id}")
        );
        assert_eq!(attempt.number(), 2);
        assert!(attempt.headers().is_empty());
        let answered = AttemptResponse {
            operation: &operation,
            number: 2,
            status: 503,
            headers: &headers,
            elapsed: Duration::from_millis(3),
        };
        hook.after_response(&answered).await;
        assert_eq!((answered.attempt(), answered.status()), (2, 503));
    }
}
