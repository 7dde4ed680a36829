//! Copies the map's front-end files from the npm packages that `make web`
//! installs (`web/node_modules`) into OUT_DIR, where `src/assets.rs`
//! embeds them in the binary: the server never fetches anything at run time.
//! Without them (npm not run) each is embedded empty, the server answers 404
//! for it and the map page draws its markers on a plain graticule.

use std::path::{Path, PathBuf};

/// (file in web/node_modules, name in OUT_DIR)
const VENDORED: &[(&str, &str)] = &[
    ("d3-array/dist/d3-array.min.js", "d3-array.min.js"),
    ("d3-geo/dist/d3-geo.min.js", "d3-geo.min.js"),
    (
        "topojson-client/dist/topojson-client.min.js",
        "topojson-client.min.js",
    ),
    ("world-atlas/countries-50m.json", "countries-50m.json"),
];

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default());
    let modules = manifest.join("../../web/node_modules");
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_default());
    let mut missing = Vec::new();
    for (from, to) in VENDORED {
        let src = modules.join(from);
        println!("cargo:rerun-if-changed={}", src.display());
        let bytes = std::fs::read(&src).unwrap_or_else(|_| {
            missing.push(*from);
            Vec::new()
        });
        write(&out.join(to), &bytes);
    }
    if !missing.is_empty() {
        println!(
            "cargo:warning=map assets not installed ({}); run `make web` for the world map",
            missing.join(", ")
        );
    }
}

fn write(path: &Path, bytes: &[u8]) {
    if std::fs::read(path).ok().as_deref() != Some(bytes) {
        if let Err(e) = std::fs::write(path, bytes) {
            panic!("cannot write {}: {e}", path.display());
        }
    }
}
