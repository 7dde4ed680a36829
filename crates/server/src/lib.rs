//! corroborate's HTTP server: a JSON API over the store (described by an
//! OpenAPI 3 document at `/api/openapi.json`) and an offline web UI — the
//! story list, a side-by-side verification view of each story, an event
//! map, a timeline and an "analyse" page for pasted articles.
//!
//! [`router`] builds the whole application over an [`AppState`]; it is what
//! the tests drive in-process. [`serve`] binds it to an address, refusing a
//! non-loopback address unless a bearer token is set.
//!
//! ```no_run
//! use corroborate_server::{router, AppState, Options, StoreOpener};
//! use corroborate_store::{SqliteStore, Store};
//! use std::sync::Arc;
//! let open: StoreOpener = Arc::new(|| {
//!     Ok(Box::new(SqliteStore::open("corroborate.db".as_ref())?) as Box<dyn Store + Send>)
//! });
//! let state = AppState::new(open, None, Options::default()).unwrap();
//! let app = router(Arc::new(state));
//! ```

mod api;
mod assets;
mod auth;
mod error;
mod pages;
mod state;
pub mod view;

pub use api::OPENAPI;
pub use error::{ApiError, ServeError};
pub use state::{AppState, Options, StoreOpener, StorySummary};

use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use axum::Router;
use std::net::SocketAddr;
use std::sync::Arc;

/// The application: every route, the body limit, the token check and the
/// security headers.
pub fn router(state: Arc<AppState>) -> Router {
    let limit = state.options.max_body_bytes;
    let api = Router::new()
        .route("/health", get(api::health))
        .route("/openapi.json", get(api::openapi))
        .route("/stories", get(api::stories))
        .route("/stories/{id}", get(api::story))
        .route("/articles", get(api::articles).post(api::upload))
        .route("/articles/{id}", get(api::article))
        .route("/analyse", post(api::analyse))
        .route("/map", get(api::map))
        .fallback(api::not_found);
    Router::new()
        .route("/", get(pages::index))
        .route("/stories/{id}", get(pages::story))
        .route("/articles/{id}", get(pages::article))
        .route("/map", get(pages::map))
        .route("/timeline", get(pages::timeline))
        .route(
            "/analyse",
            get(pages::analyse_page).post(pages::analyse_submit),
        )
        .route("/assets/{*path}", get(assets::serve))
        .nest("/api", api)
        .fallback(pages::not_found)
        .layer(DefaultBodyLimit::max(limit))
        .layer(axum::middleware::from_fn_with_state(
            Arc::clone(&state),
            auth::require_token,
        ))
        .layer(axum::middleware::from_fn(auth::security_headers))
        .with_state(state)
}

/// Checks that `addr` may be served with this token setting: a
/// non-loopback address needs a token.
pub fn check_bind(addr: SocketAddr, token: Option<&str>) -> Result<(), ServeError> {
    if auth::needs_token(&addr) && token.is_none_or(|t| t.trim().is_empty()) {
        return Err(ServeError::PublicWithoutToken(addr));
    }
    Ok(())
}

/// Binds `addr` and serves the application until Ctrl-C. `on_listening`
/// gets the bound address (the port is chosen when `addr` has port 0).
pub async fn serve(
    state: Arc<AppState>,
    addr: SocketAddr,
    on_listening: impl FnOnce(SocketAddr),
) -> Result<(), ServeError> {
    serve_until(state, addr, on_listening, std::future::pending()).await
}

/// [`serve`], stopping also when `shutdown` completes (the CLI's SIGTERM
/// handler, or a watcher sharing the process); in-flight requests finish.
pub async fn serve_until(
    state: Arc<AppState>,
    addr: SocketAddr,
    on_listening: impl FnOnce(SocketAddr),
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> Result<(), ServeError> {
    check_bind(addr, state.options.token.as_deref())?;
    let io = |source| ServeError::Io { addr, source };
    let listener = tokio::net::TcpListener::bind(addr).await.map_err(io)?;
    let warm = Arc::clone(&state);
    // Ready before the address is announced: the first request is not slower.
    let _ = tokio::task::spawn_blocking(move || warm.warm_up()).await;
    // The latest stories are corroborated in the background meanwhile.
    let prefetch = Arc::clone(&state);
    tokio::task::spawn_blocking(move || prefetch.prefetch(api::MAP_STORIES));
    on_listening(listener.local_addr().map_err(io)?);
    axum::serve(listener, router(state))
        .with_graceful_shutdown(async {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = shutdown => {}
            }
        })
        .await
        .map_err(io)
}
