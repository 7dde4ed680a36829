//! Errors: [`ServeError`] for starting the server, [`ApiError`] for one
//! request (a JSON `{"error": "..."}` body with a proper status code, or an
//! HTML page for the UI's routes).

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use corroborate_store::StoreError;
use std::net::SocketAddr;
use thiserror::Error;

/// Why the server could not start or stopped.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum ServeError {
    /// A non-loopback address without a token would expose the store.
    #[error("refusing to listen on {0}: it is not a loopback address; set a bearer token with --token or CORROBORATE_TOKEN first")]
    PublicWithoutToken(SocketAddr),
    /// The address could not be bound, or the server failed.
    #[error("cannot serve on {addr}: {source}")]
    Io {
        /// The address.
        addr: SocketAddr,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The store could not be opened.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// A failed request: status and a one-line message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// HTTP status.
    pub status: StatusCode,
    /// What went wrong, for the client.
    pub message: String,
}

impl ApiError {
    /// 400: the request is malformed.
    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, message)
    }

    /// 404: no such resource.
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, message)
    }

    /// Any status with a message.
    pub fn new(status: StatusCode, message: impl Into<String>) -> Self {
        ApiError {
            status,
            message: message.into(),
        }
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        // Busy or locked after the busy timeout is a temporary condition.
        let status = if e.to_string().contains("locked") || e.to_string().contains("busy") {
            StatusCode::SERVICE_UNAVAILABLE
        } else {
            StatusCode::INTERNAL_SERVER_ERROR
        };
        eprintln!("corroborate serve: store error: {e}");
        ApiError::new(status, format!("store error: {e}"))
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::json!({ "error": self.message });
        (self.status, axum::Json(body)).into_response()
    }
}

/// An [`ApiError`] shown to a person: the same status as an HTML page.
#[derive(Debug)]
pub struct PageError(pub ApiError);

impl From<ApiError> for PageError {
    fn from(e: ApiError) -> Self {
        PageError(e)
    }
}

impl From<StoreError> for PageError {
    fn from(e: StoreError) -> Self {
        PageError(e.into())
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let title = self.0.status.canonical_reason().unwrap_or("Error");
        let body = crate::pages::layout(
            title,
            maud::html! {
                h1 { (title) }
                p.error { (self.0.message) }
                p { a href="/" { "Back to the stories" } }
            },
        );
        (self.0.status, body).into_response()
    }
}
