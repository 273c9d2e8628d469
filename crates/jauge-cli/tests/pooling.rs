//! Pooling structures' commands, as golden files: `jauge grid diff` between versions and for a local
//! adaptation, and `jauge catalogue build|keygen|sign|verify`, with tampered catalogues and grids
//! refused with their reasons.
//!
//! The keys in `tests/pooling/` are test keys, unencrypted, published here: never use them.

use std::path::{Path, PathBuf};
use std::process::Command;

use expect_test::expect_file;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().expect("repository root")
}

const FIXTURES: &str = "crates/jauge-cli/tests/pooling";

/// Runs `jauge` from the repository's root, with extra environment variables.
fn jauge_env(args: &[&str], env: &[(&str, &str)]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_jauge"))
        .args(args)
        .envs(env.iter().copied())
        .current_dir(root())
        .output()
        .expect("jauge runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).expect("utf-8 output"),
        String::from_utf8(out.stderr).expect("utf-8 errors"),
    )
}

/// The command, its exit code and outputs against `tests/pooling/expected/NAME.txt`.
fn check(name: &str, args: &[&str], code: i32) {
    let (status, stdout, stderr) = jauge_env(args, &[]);
    let shown = format!("$ jauge {}\nexit {status}\n--- stdout\n{stdout}--- stderr\n{stderr}", args.join(" "));
    expect_file![format!("pooling/expected/{name}.txt")].assert_eq(&shown);
    assert_eq!(status, code, "{name}: {stderr}");
}

/// A fresh folder under `target/`, named relative to the repository's root so that outputs are the
/// same on every machine.
fn scratch(name: &str) -> String {
    let relative = format!("target/cli-pooling/{name}");
    let dir = root().join(&relative);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    relative
}

/// Copies a file of the repository to `to` (relative to the root), making its folder.
fn copy(from: &str, to: &str) {
    let to = root().join(to);
    std::fs::create_dir_all(to.parent().expect("parent")).expect("folder");
    std::fs::copy(root().join(from), to).expect("copied");
}

/// A folder of the structure's grids: two versions of the hosting grid and the default grid.
fn grids(name: &str) -> String {
    let dir = scratch(name);
    copy("criteria/hebergement.json", &format!("{dir}/hebergement/2.0.0.json"));
    copy(&format!("{FIXTURES}/hebergement-2.1.0.json"), &format!("{dir}/hebergement/2.1.0.json"));
    copy("criteria/numerique-responsable.json", &format!("{dir}/numerique-responsable.json"));
    dir
}

/// The folder of [`grids`], built and signed with the test key.
fn signed(name: &str) -> String {
    let dir = grids(name);
    let (status, _, stderr) = jauge_env(&["catalogue", "build", "--publisher", "Centrale d'essai", &dir], &[]);
    assert_eq!(status, 0, "{stderr}");
    let key = format!("{FIXTURES}/test-key.key");
    let (status, _, stderr) =
        jauge_env(&["catalogue", "sign", "--secret", &key, "--comment", "file:catalogue.json", &dir], &[]);
    assert_eq!(status, 0, "{stderr}");
    dir
}

fn edit(path: &str, from: &str, to: &str) {
    let path = root().join(path);
    let text = std::fs::read_to_string(&path).expect("readable");
    assert!(text.contains(from), "{} has no {from:?}", path.display());
    std::fs::write(&path, text.replacen(from, to, 1)).expect("written");
}

#[test]
fn grid_diff_lists_each_change_and_whether_it_can_change_marks() {
    let next = format!("{FIXTURES}/hebergement-2.1.0.json");
    let adaptation = format!("{FIXTURES}/hebergement-ville.json");
    check("grid-diff-version", &["grid", "diff", "criteria/hebergement.json", &next], 0);
    check("grid-diff-adaptation-en", &["--lang", "en", "grid", "diff", "criteria/hebergement.json", &adaptation], 0);
    check(
        "grid-diff-adaptation-json",
        &["grid", "diff", "--format", "json", "criteria/hebergement.json", &adaptation],
        0,
    );
    check("grid-diff-same", &["grid", "diff", "criteria/hebergement.json", "criteria/hebergement.json"], 0);
    // An adaptation compared with another version of its parent: said.
    check("grid-diff-other-parent", &["grid", "diff", &next, &adaptation], 0);
    // A grid refused is listed with its problems, as check-grid does.
    check(
        "grid-diff-refused",
        &["grid", "diff", "criteria/hebergement.json", &format!("{FIXTURES}/bad-parent.json")],
        1,
    );
}

#[test]
fn check_grid_refuses_a_bad_version_and_parent() {
    check("check-grid-bad-parent", &["--lang", "en", "check-grid", &format!("{FIXTURES}/bad-parent.json")], 1);
}

#[test]
fn catalogue_build_sign_verify() {
    let dir = grids("published");
    check("catalogue-build", &["catalogue", "build", "--publisher", "Centrale d'essai", &dir], 0);
    // The catalogue file itself: the format, as a structure publishes it.
    let written = std::fs::read_to_string(root().join(&dir).join("catalogue.json")).expect("catalogue written");
    expect_file!["pooling/expected/catalogue.json"].assert_eq(&written);
    let key = format!("{FIXTURES}/test-key.key");
    check("catalogue-sign", &["catalogue", "sign", "--secret", &key, "--comment", "file:catalogue.json", &dir], 0);
    let public = format!("{FIXTURES}/test-key.pub");
    check("catalogue-verify", &["catalogue", "verify", "--public-key", &public, &dir], 0);
    // Rebuilt with nothing changed: the same file, the signature kept.
    check("catalogue-rebuild-same", &["--lang", "en", "catalogue", "build", &dir], 0);
    let (status, _, stderr) = jauge_env(&["catalogue", "verify", "--public-key", &public, &dir], &[]);
    assert_eq!(status, 0, "{stderr}");
    // The key pinned as its base64 line works as its file.
    let line =
        std::fs::read_to_string(root().join(&public)).expect("key").lines().nth(1).unwrap_or_default().to_string();
    let (status, stdout, stderr) =
        jauge_env(&["--lang", "en", "catalogue", "verify", "--public-key", &line, &dir], &[]);
    assert_eq!(status, 0, "{stderr}");
    assert!(stdout.contains("valid signature, key "), "{stdout}");
    // Withdrawing a version changes the catalogue: the old signature is removed, verify says so.
    check("catalogue-withdraw", &["catalogue", "build", "--withdraw", "hebergement@2.0.0", &dir], 0);
    check("catalogue-verify-unsigned", &["catalogue", "verify", "--public-key", &public, &dir], 1);
    let key = format!("{FIXTURES}/test-key.key");
    let (status, _, stderr) =
        jauge_env(&["catalogue", "sign", "--secret", &key, "--comment", "file:catalogue.json", &dir], &[]);
    assert_eq!(status, 0, "{stderr}");
    check("catalogue-verify-withdrawn", &["--lang", "en", "catalogue", "verify", "--public-key", &public, &dir], 0);
}

#[test]
fn a_tampered_grid_is_refused_naming_the_file() {
    let dir = signed("tampered-grid");
    // One weight moved from one criterion to another: still a valid grid, another fingerprint.
    edit(&format!("{dir}/hebergement/2.1.0.json"), "\"weight\": 8,", "\"weight\": 9,");
    edit(&format!("{dir}/hebergement/2.1.0.json"), "\"weight\": 2,", "\"weight\": 1,");
    std::fs::remove_file(root().join(&dir).join("numerique-responsable.json")).expect("removed");
    let public = format!("{FIXTURES}/test-key.pub");
    check("catalogue-verify-tampered-grid", &["catalogue", "verify", "--public-key", &public, &dir], 1);
    // Signing refuses too, until the catalogue is rebuilt.
    let key = format!("{FIXTURES}/test-key.key");
    check("catalogue-sign-tampered-grid", &["--lang", "en", "catalogue", "sign", "--secret", &key, &dir], 1);
}

#[test]
fn a_grid_or_a_key_added_after_signing_is_refused_naming_the_file() {
    let dir = signed("added-grid");
    let public = format!("{FIXTURES}/test-key.pub");
    // A grid put in the folder after the catalogue was signed (here, a copy of a listed one under
    // another name): every listed grid still matches, but nothing vouches for this one.
    copy("criteria/hebergement.json", &format!("{dir}/hebergement/2.2.0.json"));
    check("catalogue-verify-added-grid", &["catalogue", "verify", "--public-key", &public, &dir], 1);
    std::fs::remove_file(root().join(&dir).join("hebergement/2.2.0.json")).expect("removed");
    // A secret key left in the folder: refused by its content, as when building.
    copy(&format!("{FIXTURES}/test-key.key"), &format!("{dir}/notes.txt"));
    check("catalogue-verify-secret-key", &["--lang", "en", "catalogue", "verify", "--public-key", &public, &dir], 1);
    std::fs::remove_file(root().join(&dir).join("notes.txt")).expect("removed");
    let (status, _, stderr) = jauge_env(&["catalogue", "verify", "--public-key", &public, &dir], &[]);
    assert_eq!(status, 0, "the folder as signed again: {stderr}");
}

#[test]
fn a_tampered_catalogue_is_refused_with_its_reason() {
    let dir = signed("tampered-catalogue");
    let public = format!("{FIXTURES}/test-key.pub");
    // Signed by another key than the structure's.
    check(
        "catalogue-verify-other-key",
        &["catalogue", "verify", "--public-key", &format!("{FIXTURES}/other-key.pub"), &dir],
        1,
    );
    // A status changed by hand after signing.
    edit(&format!("{dir}/catalogue.json"), "\"status\": \"published\"", "\"status\": \"withdrawn\"");
    check("catalogue-verify-tampered", &["--lang", "en", "catalogue", "verify", "--public-key", &public, &dir], 1);
    // Not a key.
    check("catalogue-verify-bad-key", &["catalogue", "verify", "--public-key", "RWQpasunecle", &dir], 1);
}

#[test]
fn building_refuses_every_problem_at_once() {
    let dir = grids("refused");
    copy("criteria/hebergement.json", &format!("{dir}/copie.json"));
    copy(&format!("{FIXTURES}/bad-parent.json"), &format!("{dir}/local/bad-parent.json"));
    check("catalogue-build-refused", &["catalogue", "build", &dir], 1);
    assert!(!root().join(&dir).join("catalogue.json").exists(), "nothing written");
    // A published version changed afterwards: refused, publish a new version.
    let dir = signed("republished");
    edit(&format!("{dir}/numerique-responsable.json"), "\"publisher\": \"", "\"publisher\": \"Autre ");
    check("catalogue-build-republished", &["catalogue", "build", &dir], 1);
    // A secret key left in the folder that gets published: refused, by its content.
    let dir = grids("key-inside");
    copy(&format!("{FIXTURES}/test-key.key"), &format!("{dir}/hebergement/notes.txt"));
    check("catalogue-build-secret-key", &["catalogue", "build", "--publisher", "Centrale d'essai", &dir], 1);
}

#[test]
fn keygen_encrypts_with_a_password_and_never_overwrites() {
    let dir = scratch("keys");
    let (public, secret) = (format!("{dir}/structure.pub"), format!("{dir}/structure.key"));
    let env = [("JAUGE_TEST_PASSWORD", "correct horse battery staple")];
    let started = std::time::Instant::now();
    let (status, stdout, stderr) = jauge_env(
        &["catalogue", "keygen", "--public", &public, "--secret", &secret, "--password-env", "JAUGE_TEST_PASSWORD"],
        &env,
    );
    assert_eq!(status, 0, "{stderr}");
    assert!(stdout.contains("clé secrète chiffrée par le mot de passe"), "{stdout}");
    eprintln!("keygen with a password: {:?}", started.elapsed());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(root().join(&secret)).expect("secret key").permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "the secret key is readable by its owner only");
    }
    check("catalogue-keygen-exists", &["catalogue", "keygen", "--public", &public, "--secret", &secret], 1);
    // The encrypted key signs with its password, not without.
    let catalogue = signed("encrypted");
    let (status, _, stderr) = jauge_env(
        &["catalogue", "sign", "--secret", &secret, "--password-env", "JAUGE_TEST_PASSWORD", &catalogue],
        &env,
    );
    assert_eq!(status, 0, "{stderr}");
    let (status, stdout, stderr) = jauge_env(&["catalogue", "verify", "--public-key", &public, &catalogue], &[]);
    assert_eq!(status, 0, "{stderr}");
    assert!(stdout.contains("toutes les grilles du catalogue sont celles que la structure a signées"), "{stdout}");
    let (status, _, stderr) = jauge_env(&["catalogue", "sign", "--secret", &secret, &catalogue], &[]);
    assert_eq!(status, 1);
    assert!(stderr.contains("clé secrète illisible"), "{stderr}");
    let (status, _, stderr) = jauge_env(
        &["catalogue", "sign", "--secret", &secret, "--password-env", "JAUGE_TEST_PASSWORD", &catalogue],
        &[("JAUGE_TEST_PASSWORD", "wrong")],
    );
    assert_eq!(status, 1);
    assert!(stderr.contains("clé secrète illisible"), "{stderr}");
}
