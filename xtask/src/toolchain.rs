//! The Rust targets and components `rust-toolchain.toml` names, added when missing.
//!
//! rustup installs them with a toolchain it downloads for the project, but not when the toolchain
//! (say `stable`) is already installed: a newcomer's `cargo xtask test` then stops at "can't find
//! crate for `core`". Every command that builds for wasm or runs clippy/rustfmt calls
//! [`ensure`] first, as the commands already install their apt and npm packages.

use std::collections::BTreeSet;
use std::process::Command;

use anyhow::{Context, Result, bail};

use crate::{root, run};

/// What `rust-toolchain.toml` asks for.
#[derive(Debug, Default, PartialEq)]
pub struct Wanted {
    /// `targets = [...]`.
    pub targets: Vec<String>,
    /// `components = [...]`.
    pub components: Vec<String>,
}

/// Reads the `targets` and `components` arrays of a `rust-toolchain.toml` text (one-line arrays
/// of strings, the form rustup documents).
pub fn wanted(toml: &str) -> Wanted {
    let mut out = Wanted::default();
    for line in toml.lines() {
        let Some((key, value)) = line.split_once('=') else { continue };
        let list = || -> Vec<String> {
            value
                .trim()
                .trim_start_matches('[')
                .trim_end_matches(']')
                .split(',')
                .map(|s| s.trim().trim_matches('"').to_string())
                .filter(|s| !s.is_empty())
                .collect()
        };
        match key.trim() {
            "targets" => out.targets = list(),
            "components" => out.components = list(),
            _ => {}
        }
    }
    out
}

/// The names `rustup <what> list --installed` prints (components carry the host triple:
/// `clippy-x86_64-unknown-linux-gnu`).
fn installed(what: &str) -> Result<BTreeSet<String>> {
    let out = Command::new("rustup")
        .args([what, "list", "--installed"])
        .current_dir(root())
        .output()
        .with_context(|| format!("rustup {what} list --installed"))?;
    if !out.status.success() {
        bail!("rustup {what} list --installed: {}", String::from_utf8_lossy(&out.stderr).trim());
    }
    Ok(String::from_utf8_lossy(&out.stdout).lines().map(|l| l.trim().to_string()).collect())
}

/// Whether `name` is among `installed`, as itself or followed by a host triple.
fn has(installed: &BTreeSet<String>, name: &str) -> bool {
    installed.iter().any(|i| i == name || i.strip_prefix(name).is_some_and(|rest| rest.starts_with('-')))
}

/// Adds the targets and components of `rust-toolchain.toml` that the active toolchain lacks.
/// Without rustup (a distribution's Rust), says what is missing instead.
pub fn ensure() -> Result<()> {
    let text = std::fs::read_to_string(root().join("rust-toolchain.toml")).context("rust-toolchain.toml")?;
    let wanted = wanted(&text);
    if Command::new("rustup").arg("--version").output().is_err() {
        let libdir = |target: &str| {
            Command::new("rustc")
                .args(["--print", "target-libdir", "--target", target])
                .output()
                .ok()
                .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        };
        for t in &wanted.targets {
            if !libdir(t).is_some_and(|d| std::path::Path::new(&d).is_dir()) {
                bail!(
                    "the Rust target {t} is missing and rustup is not installed: install the target for this toolchain"
                );
            }
        }
        return Ok(());
    }
    let targets = installed("target")?;
    let missing: Vec<&String> = wanted.targets.iter().filter(|t| !has(&targets, t)).collect();
    if !missing.is_empty() {
        let mut add = Command::new("rustup");
        add.current_dir(root()).args(["target", "add"]).args(&missing);
        run(&format!("add the Rust targets of rust-toolchain.toml ({})", join(&missing)), add)?;
    }
    let components = installed("component")?;
    let missing: Vec<&String> = wanted.components.iter().filter(|c| !has(&components, c)).collect();
    if !missing.is_empty() {
        let mut add = Command::new("rustup");
        add.current_dir(root()).args(["component", "add"]).args(&missing);
        run(&format!("add the Rust components of rust-toolchain.toml ({})", join(&missing)), add)?;
    }
    Ok(())
}

fn join(items: &[&String]) -> String {
    items.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_projects_own_file() {
        let text = std::fs::read_to_string(root().join("rust-toolchain.toml")).expect("rust-toolchain.toml");
        let w = wanted(&text);
        assert_eq!(w.targets, ["wasm32-unknown-unknown"]);
        assert_eq!(w.components, ["clippy", "rustfmt"]);
    }

    #[test]
    fn components_match_with_their_host_triple_only() {
        let set: BTreeSet<String> = ["clippy-x86_64-unknown-linux-gnu".to_string(), "rust-std-x".into()].into();
        assert!(has(&set, "clippy"));
        assert!(!has(&set, "rustfmt"));
        assert!(!has(&set, "rust-s"), "a prefix of a word is not the component");
    }

    #[test]
    fn reads_arrays_with_spaces_and_several_items() {
        let w = wanted("[toolchain]\nchannel = \"1.95\"\ntargets = [ \"a\" , \"b-c\" ]\ncomponents=[]\n");
        assert_eq!(w, Wanted { targets: vec!["a".into(), "b-c".into()], components: vec![] });
    }
}
