//! Manage webhooks.
//!
//! Operations tagged `webhooks`, reached through [`Client::webhooks`]. Each operation
//! returns a request builder: set optional parameters with its methods, then `.await` it.

use std::future::IntoFuture;

use super::runtime::client::{BoxFuture, Client, ClientBuilder, Method, Request};
use super::runtime::error::{ApiError, Error};
use super::runtime::pagination::{Page, Paginator};
use super::runtime::path::segment;
use super::types::{
    CreateWebhookEndpoint, List, PaginationOrder, UpdateWebhookEndpoint, WebhookEndpoint,
    WebhookEndpointList, WebhookEndpointStatus, WebhookEvent,
};

// ---- crate-level items (emitted once per crate, not once per tag) -----------------------

/// The API's base URL: the spec's first server.
pub const DEFAULT_BASE_URL: &str = "https://api.workos.com";

impl Client {
    /// Starts configuring a client of `https://api.workos.com`; set at least the API key.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::new(DEFAULT_BASE_URL)
    }
}

impl<T> Page for List<T> {
    type Item = T;
    fn into_items_and_cursor(self) -> (Vec<T>, Option<String>) {
        (self.data, self.list_metadata.after)
    }
}

/// The error codes the API documents (the `code` of an error body).
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum ErrorCode {
    /// `duplicate_endpoint`: a Webhook Endpoint with the same endpoint URL already exists.
    DuplicateEndpoint,
    /// `invalid_url`
    InvalidUrl,
    /// `invalid_request_parameters`: see [`ApiError::errors`].
    InvalidRequestParameters,
    /// `entity_not_found`
    EntityNotFound,
    /// A code this version of the crate does not know.
    Unknown(String),
}

impl ErrorCode {
    /// The code as the API sends it.
    pub fn as_str(&self) -> &str {
        match self {
            Self::DuplicateEndpoint => "duplicate_endpoint",
            Self::InvalidUrl => "invalid_url",
            Self::InvalidRequestParameters => "invalid_request_parameters",
            Self::EntityNotFound => "entity_not_found",
            Self::Unknown(code) => code,
        }
    }
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for ErrorCode {
    type Err = std::convert::Infallible;
    fn from_str(code: &str) -> Result<Self, Self::Err> {
        Ok(Self::from(code))
    }
}

impl From<&str> for ErrorCode {
    fn from(code: &str) -> Self {
        match code {
            "duplicate_endpoint" => Self::DuplicateEndpoint,
            "invalid_url" => Self::InvalidUrl,
            "invalid_request_parameters" => Self::InvalidRequestParameters,
            "entity_not_found" => Self::EntityNotFound,
            other => Self::Unknown(other.to_owned()),
        }
    }
}

impl From<String> for ErrorCode {
    fn from(code: String) -> Self {
        Self::from(code.as_str())
    }
}

impl ApiError {
    /// The error `code` of the body as an [`ErrorCode`].
    pub fn error_code(&self) -> Option<ErrorCode> {
        self.code().map(ErrorCode::from)
    }
}

impl Error {
    /// The error `code` of an API error's body as an [`ErrorCode`].
    pub fn error_code(&self) -> Option<ErrorCode> {
        self.api_error().and_then(ApiError::error_code)
    }
}

// ---- tag `webhooks` ------------------------------------------------------------------------

/// Parameters of [`Webhooks::create_webhook_endpoint`].
pub type CreateWebhookEndpointParams = CreateWebhookEndpoint;

/// Parameters of [`Webhooks::update_webhook_endpoint`] (also settable one by one on the
/// request builder).
pub type UpdateWebhookEndpointParams = UpdateWebhookEndpoint;

impl Client {
    /// Manage webhooks.
    pub fn webhooks(&self) -> Webhooks<'_> {
        Webhooks { client: self }
    }
}

/// Manage webhooks. Returned by [`Client::webhooks`].
#[derive(Clone, Copy, Debug)]
pub struct Webhooks<'a> {
    client: &'a Client,
}

impl<'a> Webhooks<'a> {
    /// List Webhook Endpoints
    ///
    /// Get a list of all of your existing webhook endpoints.
    ///
    /// `GET /webhook_endpoints`. Returns one page; [`into_stream`](ListWebhookEndpointsRequest::into_stream)
    /// yields every endpoint.
    pub fn list_webhook_endpoints(&self) -> ListWebhookEndpointsRequest<'a> {
        ListWebhookEndpointsRequest {
            client: self.client,
            before: None,
            after: None,
            limit: None,
            order: None,
        }
    }

    /// Create a Webhook Endpoint
    ///
    /// Create a new webhook endpoint to receive event notifications.
    ///
    /// `POST /webhook_endpoints`. Errors: 409 `duplicate_endpoint` (a Webhook Endpoint with
    /// the same endpoint URL already exists); 422 `invalid_url` or `invalid_request_parameters`.
    pub fn create_webhook_endpoint(
        &self,
        params: CreateWebhookEndpointParams,
    ) -> CreateWebhookEndpointRequest<'a> {
        CreateWebhookEndpointRequest {
            client: self.client,
            body: params,
            idempotency_key: None,
        }
    }

    /// Update a Webhook Endpoint
    ///
    /// Update the properties of an existing webhook endpoint.
    ///
    /// `PATCH /webhook_endpoints/{id}`, `id`: unique identifier of the Webhook Endpoint.
    /// Errors: 404 `entity_not_found` (webhook endpoint not found); 409 `duplicate_endpoint`;
    /// 422 `invalid_url` or `invalid_request_parameters`.
    pub fn update_webhook_endpoint(&self, id: impl Into<String>) -> UpdateWebhookEndpointRequest<'a> {
        UpdateWebhookEndpointRequest {
            client: self.client,
            id: id.into(),
            body: UpdateWebhookEndpoint::default(),
            idempotency_key: None,
        }
    }

    /// Delete a Webhook Endpoint
    ///
    /// Delete an existing webhook endpoint.
    ///
    /// `DELETE /webhook_endpoints/{id}`, `id`: unique identifier of the Webhook Endpoint.
    /// Errors: 404 `entity_not_found` (webhook endpoint not found).
    pub fn delete_webhook_endpoint(&self, id: impl Into<String>) -> DeleteWebhookEndpointRequest<'a> {
        DeleteWebhookEndpointRequest {
            client: self.client,
            id: id.into(),
        }
    }
}

/// Request of [`Webhooks::list_webhook_endpoints`]; `.await` it for one page.
#[derive(Clone, Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct ListWebhookEndpointsRequest<'a> {
    client: &'a Client,
    before: Option<String>,
    after: Option<String>,
    limit: Option<i64>,
    order: Option<PaginationOrder>,
}

impl<'a> ListWebhookEndpointsRequest<'a> {
    /// An object ID that defines your place in the list. When the ID is not present, you are
    /// at the end of the list. For example, if you make a list request and receive 100
    /// objects, ending with `"obj_123"`, your subsequent call can include
    /// `before="obj_123"` to fetch a new batch of objects before `"obj_123"`.
    pub fn before(mut self, before: impl Into<String>) -> Self {
        self.before = Some(before.into());
        self
    }

    /// An object ID that defines your place in the list. When the ID is not present, you are
    /// at the end of the list. For example, if you make a list request and receive 100
    /// objects, ending with `"obj_123"`, your subsequent call can include
    /// `after="obj_123"` to fetch a new batch of objects after `"obj_123"`.
    pub fn after(mut self, after: impl Into<String>) -> Self {
        self.after = Some(after.into());
        self
    }

    /// Upper limit on the number of objects to return, between `1` and `100`.
    /// Default: 10.
    pub fn limit(mut self, limit: i64) -> Self {
        self.limit = Some(limit);
        self
    }

    /// Order the results by the creation time. Supported values are `"asc"` (ascending),
    /// `"desc"` (descending), and `"normal"` (descending with reversed cursor semantics
    /// where `before` fetches older records and `after` fetches newer records). Defaults to
    /// descending.
    pub fn order(mut self, order: PaginationOrder) -> Self {
        self.order = Some(order);
        self
    }

    /// Every webhook endpoint from this request's position on, fetching pages of `limit`
    /// as the stream is polled and following the `after` cursor until it is `null`.
    pub fn into_stream(self) -> Paginator<'a, WebhookEndpointList> {
        let client = self.client;
        Paginator::new(move |cursor| {
            let mut page = self.clone();
            if let Some(after) = cursor {
                page.before = None;
                page.after = Some(after);
            }
            client.execute_json(page.request())
        })
    }

    fn request(&self) -> Result<Request, Error> {
        Ok(Request::new(Method::Get, "/webhook_endpoints")
            .query("before", self.before.as_deref())
            .query("after", self.after.as_deref())
            .query("limit", self.limit)
            .query("order", self.order.as_ref()))
    }
}

impl<'a> IntoFuture for ListWebhookEndpointsRequest<'a> {
    type Output = Result<WebhookEndpointList, Error>;
    type IntoFuture = BoxFuture<'a, Self::Output>;
    fn into_future(self) -> Self::IntoFuture {
        self.client.execute_json(self.request())
    }
}

/// Request of [`Webhooks::create_webhook_endpoint`]; `.await` it for the created endpoint.
#[derive(Clone, Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct CreateWebhookEndpointRequest<'a> {
    client: &'a Client,
    body: CreateWebhookEndpoint,
    idempotency_key: Option<String>,
}

impl<'a> CreateWebhookEndpointRequest<'a> {
    /// Sends `Idempotency-Key: <key>`: the server performs the request once per key, and
    /// the client may then retry it on failure.
    pub fn idempotency_key(mut self, key: impl Into<String>) -> Self {
        self.idempotency_key = Some(key.into());
        self
    }

    fn request(&self) -> Result<Request, Error> {
        Ok(Request::new(Method::Post, "/webhook_endpoints")
            .json(&self.body)?
            .idempotency_key(self.idempotency_key.clone()))
    }
}

impl<'a> IntoFuture for CreateWebhookEndpointRequest<'a> {
    type Output = Result<WebhookEndpoint, Error>;
    type IntoFuture = BoxFuture<'a, Self::Output>;
    fn into_future(self) -> Self::IntoFuture {
        self.client.execute_json(self.request())
    }
}

/// Request of [`Webhooks::update_webhook_endpoint`]; `.await` it for the updated endpoint.
#[derive(Clone, Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct UpdateWebhookEndpointRequest<'a> {
    client: &'a Client,
    id: String,
    body: UpdateWebhookEndpoint,
    idempotency_key: Option<String>,
}

impl<'a> UpdateWebhookEndpointRequest<'a> {
    /// The HTTPS URL where webhooks will be sent.
    pub fn endpoint_url(mut self, endpoint_url: impl Into<String>) -> Self {
        self.body.endpoint_url = Some(endpoint_url.into());
        self
    }

    /// Whether the Webhook Endpoint is enabled or disabled.
    pub fn status(mut self, status: WebhookEndpointStatus) -> Self {
        self.body.status = Some(status);
        self
    }

    /// The events that the Webhook Endpoint is subscribed to.
    pub fn events(mut self, events: impl IntoIterator<Item = impl Into<WebhookEvent>>) -> Self {
        self.body.events = Some(events.into_iter().map(Into::into).collect());
        self
    }

    /// Replaces the whole body (every field set by earlier calls).
    pub fn params(mut self, params: UpdateWebhookEndpointParams) -> Self {
        self.body = params;
        self
    }

    /// Sends `Idempotency-Key: <key>`: the server performs the request once per key, and
    /// the client may then retry it on failure.
    pub fn idempotency_key(mut self, key: impl Into<String>) -> Self {
        self.idempotency_key = Some(key.into());
        self
    }

    fn request(&self) -> Result<Request, Error> {
        Ok(Request::new(Method::Patch, format!("/webhook_endpoints/{}", segment("id", &self.id)?))
            .json(&self.body)?
            .idempotency_key(self.idempotency_key.clone()))
    }
}

impl<'a> IntoFuture for UpdateWebhookEndpointRequest<'a> {
    type Output = Result<WebhookEndpoint, Error>;
    type IntoFuture = BoxFuture<'a, Self::Output>;
    fn into_future(self) -> Self::IntoFuture {
        self.client.execute_json(self.request())
    }
}

/// Request of [`Webhooks::delete_webhook_endpoint`]; `.await` it (204 No Content: `()`).
#[derive(Clone, Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct DeleteWebhookEndpointRequest<'a> {
    client: &'a Client,
    id: String,
}

impl DeleteWebhookEndpointRequest<'_> {
    fn request(&self) -> Result<Request, Error> {
        Ok(Request::new(Method::Delete, format!("/webhook_endpoints/{}", segment("id", &self.id)?)))
    }
}

impl<'a> IntoFuture for DeleteWebhookEndpointRequest<'a> {
    type Output = Result<(), Error>;
    type IntoFuture = BoxFuture<'a, Self::Output>;
    fn into_future(self) -> Self::IntoFuture {
        self.client.execute_empty(self.request())
    }
}
