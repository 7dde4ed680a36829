//! Runs the `corroborate` binary of the test build on a path: what the
//! end-to-end tests over real files share.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The repository root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `corroborate run --quiet --format FORMAT PATH`'s output; panics with
/// its error output when it fails.
pub fn run(path: &Path, format: &str) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_corroborate"))
        .args(["run", "--quiet", "--format", format])
        .arg(path)
        .output()
        .expect("binary runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

/// The JSON report of `corroborate run` on a path.
pub fn report(path: &Path) -> serde_json::Value {
    serde_json::from_str(&run(path, "json")).expect("report is JSON")
}
