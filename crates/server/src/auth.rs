//! Access: the bearer token a non-loopback server requires, and the
//! security headers every response carries.

use crate::state::AppState;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use std::net::SocketAddr;
use std::sync::Arc;

/// Name of the cookie a browser keeps the token in.
const COOKIE: &str = "corroborate_token";

/// Whether `addr` may be served without a token: loopback only.
pub fn needs_token(addr: &SocketAddr) -> bool {
    !addr.ip().is_loopback()
}

/// Equal-length comparison that does not stop at the first difference.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn presented(headers: &HeaderMap) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(v) = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
    {
        if let Some(t) = v.strip_prefix("Bearer ") {
            out.push(t.trim().to_owned());
        }
    }
    for cookies in headers.get_all(header::COOKIE) {
        for c in cookies.to_str().unwrap_or("").split(';') {
            if let Some(t) = c
                .trim()
                .strip_prefix(COOKIE)
                .and_then(|r| r.strip_prefix('='))
            {
                out.push(t.to_owned());
            }
        }
    }
    out
}

/// Requires the token (when one is set) on everything but the static
/// assets. API clients send `Authorization: Bearer TOKEN`; a browser opens
/// any page once with `?token=TOKEN`, which stores it in an HttpOnly cookie.
pub async fn require_token(
    State(state): State<Arc<AppState>>,
    req: Request,
    next: Next,
) -> Response {
    let Some(token) = state.options.token.as_deref() else {
        return next.run(req).await;
    };
    let path = req.uri().path();
    if path.starts_with("/assets/") {
        return next.run(req).await;
    }
    if presented(req.headers())
        .iter()
        .any(|t| same(t.as_bytes(), token.as_bytes()))
    {
        return next.run(req).await;
    }
    // A page opened with ?token=: keep it in a cookie and drop it from the URL.
    let from_query = req.uri().query().and_then(|q| {
        form_urlencoded::parse(q.as_bytes())
            .find(|(k, _)| k == "token")
            .map(|(_, v)| v.into_owned())
    });
    if let Some(t) = from_query.filter(|t| same(t.as_bytes(), token.as_bytes())) {
        if !path.starts_with("/api/") {
            let mut res = Redirect::to(path).into_response();
            let cookie = format!("{COOKIE}={t}; HttpOnly; SameSite=Strict; Path=/");
            if let Ok(v) = HeaderValue::from_str(&cookie) {
                res.headers_mut().insert(header::SET_COOKIE, v);
            }
            return res;
        }
    }
    let mut res = crate::error::ApiError::new(
        StatusCode::UNAUTHORIZED,
        "this server requires a bearer token (Authorization: Bearer …)",
    )
    .into_response();
    res.headers_mut()
        .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
    res
}

/// Security headers: scripts only from the binary's own assets, no
/// framing, no sniffing, no referrer.
pub async fn security_headers(req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
             connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
        ),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    res
}
