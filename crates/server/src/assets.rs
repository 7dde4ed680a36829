//! Static files served under `/assets/`, all embedded in the binary: the
//! UI's own stylesheet and scripts, and the map's vendored npm files
//! (copied by `build.rs`; empty when `make web` was not run).

use axum::extract::Path;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

/// (path under /assets/, content type, bytes)
const FILES: &[(&str, &str, &[u8])] = &[
    (
        "app.css",
        "text/css; charset=utf-8",
        include_bytes!("../assets/app.css"),
    ),
    (
        "app.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/app.js"),
    ),
    (
        "map.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/map.js"),
    ),
    (
        "vendor/d3-array.min.js",
        "text/javascript; charset=utf-8",
        include_bytes!(concat!(env!("OUT_DIR"), "/d3-array.min.js")),
    ),
    (
        "vendor/d3-geo.min.js",
        "text/javascript; charset=utf-8",
        include_bytes!(concat!(env!("OUT_DIR"), "/d3-geo.min.js")),
    ),
    (
        "vendor/topojson-client.min.js",
        "text/javascript; charset=utf-8",
        include_bytes!(concat!(env!("OUT_DIR"), "/topojson-client.min.js")),
    ),
    (
        "vendor/countries-50m.json",
        "application/json",
        include_bytes!(concat!(env!("OUT_DIR"), "/countries-50m.json")),
    ),
];

/// The embedded file at `path`, if any (and not empty).
pub fn get(path: &str) -> Option<(&'static str, &'static [u8])> {
    FILES
        .iter()
        .find(|(p, _, bytes)| *p == path && !bytes.is_empty())
        .map(|(_, ct, bytes)| (*ct, *bytes))
}

/// `GET /assets/{*path}`
pub async fn serve(Path(path): Path<String>) -> Response {
    match get(&path) {
        Some((ct, bytes)) => (
            [
                (header::CONTENT_TYPE, ct),
                (header::CACHE_CONTROL, "public, max-age=3600"),
            ],
            bytes,
        )
            .into_response(),
        None => (StatusCode::NOT_FOUND, "no such asset").into_response(),
    }
}
