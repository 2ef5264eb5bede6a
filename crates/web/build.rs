//! Fetches the front-end libraries the binary embeds (Leaflet for maps) from the npm
//! registry, exactly as `assets/package-lock.json` pins them, into `OUT_DIR`.
//!
//! Why a build script: the files must reach the binary (one self-contained program, no
//! CDN, no files to deploy beside it) without being copied into the repository. `npm ci`
//! checks every file against the lockfile's integrity hash. Offline builds and distro
//! packagers can point `LOFTE_LEAFLET_DIST` at an unpacked `leaflet/dist` instead.

use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=assets/package.json");
    println!("cargo:rerun-if-changed=assets/package-lock.json");
    println!("cargo:rerun-if-env-changed=LOFTE_LEAFLET_DIST");
    let dist = match std::env::var_os("LOFTE_LEAFLET_DIST") {
        Some(dir) => PathBuf::from(dir),
        None => npm_ci(),
    };
    for file in ["leaflet.js", "leaflet.css", "images/marker-icon.png"] {
        assert!(
            dist.join(file).is_file(),
            "{} has no {file}: is it Leaflet's dist folder?",
            dist.display()
        );
    }
    let package: serde_json::Value = std::fs::read(dist.join("../package.json"))
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .expect("leaflet/package.json beside its dist folder");
    let version = package["version"]
        .as_str()
        .expect("leaflet/package.json has a version");
    println!("cargo:rustc-env=LOFTE_LEAFLET_DIST={}", dist.display());
    // Part of the files' paths, so that browsers may cache them for good.
    println!("cargo:rustc-env=LEAFLET_VERSION={version}");
}

/// Runs `npm ci` in `OUT_DIR/npm` unless it has already run for this lockfile.
fn npm_ci() -> PathBuf {
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let dir = out.join("npm");
    std::fs::create_dir_all(&dir).expect("OUT_DIR is writable");
    let lock = std::fs::read("assets/package-lock.json").expect("assets/package-lock.json");
    let installed = dir.join("installed.lock");
    if std::fs::read(&installed).ok().as_deref() != Some(lock.as_slice()) {
        copy("assets/package.json", &dir.join("package.json"));
        copy("assets/package-lock.json", &dir.join("package-lock.json"));
        let npm = if cfg!(windows) { "npm.cmd" } else { "npm" };
        let status = Command::new(npm)
            .args([
                "ci",
                "--ignore-scripts",
                "--no-audit",
                "--no-fund",
                "--loglevel=error",
            ])
            .current_dir(&dir)
            .status()
            .unwrap_or_else(|e| {
                panic!(
                    "could not run npm ({e}); install Node.js with npm, or set \
                     LOFTE_LEAFLET_DIST to an unpacked leaflet/dist folder"
                )
            });
        assert!(status.success(), "npm ci failed in {}", dir.display());
        std::fs::write(&installed, &lock).expect("OUT_DIR is writable");
    }
    dir.join("node_modules/leaflet/dist")
}

fn copy(from: &str, to: &Path) {
    std::fs::copy(from, to).unwrap_or_else(|e| panic!("copy {from}: {e}"));
}
