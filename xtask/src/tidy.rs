//! Tidy checks of the project's conventions (in the spirit of rust-analyzer's `tidy.rs`):
//! every Rust file says what it holds, the engine does no I/O, dependencies follow ARCHITECTURE.md,
//! no test is switched off, and no legal reference is written outside the engine's law table.

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use crate::root;

    /// The legal references written in a line of code: an article of the procurement code
    /// (`L2152-6`, `R2184-3`), a decision (`CE 3 nov. 2014`, `n°373362`), a law (`loi n° 2021-1104`,
    /// `art. 35`) or an EU regulation (`2018/1807`).
    pub fn legal_references(line: &str) -> Vec<String> {
        let chars: Vec<char> = line.chars().collect();
        let digits = |from: usize| chars[from.min(chars.len())..].iter().take_while(|c| c.is_ascii_digit()).count();
        let at = |i: usize, s: &str| chars[i..].iter().take(s.chars().count()).copied().eq(s.chars());
        let mut found = Vec::new();
        for i in 0..chars.len() {
            let before = i.checked_sub(1).map(|j| chars[j]);
            let word_start = !before.is_some_and(|c| c.is_alphanumeric() || c == '_');
            let take = |n: usize| chars[i..(i + n).min(chars.len())].iter().collect::<String>();
            // L2152-6, R2184-3: a letter, four digits starting with 2, a hyphen, digits.
            if word_start && matches!(chars[i], 'L' | 'R') && digits(i + 1) == 4 && chars[i + 1] == '2' {
                let dash = i + 5;
                if chars.get(dash) == Some(&'-') && digits(dash + 1) > 0 {
                    found.push(take(6 + digits(dash + 1)));
                }
            }
            // CE 3 nov. 2014
            if word_start && at(i, "CE ") && digits(i + 3) > 0 {
                found.push(take(8));
            }
            // n°373362, n° 373362
            if at(i, "n°") {
                let start = if chars.get(i + 2) == Some(&' ') { i + 3 } else { i + 2 };
                if digits(start) >= 4 {
                    found.push(take(start - i + digits(start)));
                }
            }
            // art. 35, article 35
            if word_start && (at(i, "art. ") || at(i, "article ")) {
                let start = i + if at(i, "art. ") { 5 } else { 8 };
                if digits(start) > 0 {
                    found.push(take(start - i + digits(start)));
                }
            }
            // 2018/1807
            if word_start && digits(i) == 4 && chars.get(i + 4) == Some(&'/') && digits(i + 5) >= 3 {
                found.push(take(5 + digits(i + 5)));
            }
        }
        found
    }

    fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("readable directory").flatten() {
            let path = entry.path();
            let name = entry.file_name();
            if path.is_dir() && name != "target" && name != "node_modules" && !name.to_string_lossy().starts_with('.') {
                rust_files(&path, out);
            } else if path.extension().is_some_and(|x| x == "rs") {
                out.push(path);
            }
        }
    }

    fn all_rust_files() -> Vec<PathBuf> {
        let mut files = Vec::new();
        for dir in ["crates", "xtask"] {
            rust_files(&root().join(dir), &mut files);
        }
        assert!(files.len() > 10, "the tidy check found too few files to be looking in the right place");
        files
    }

    #[test]
    fn every_rust_file_opens_with_a_doc_line() {
        for file in all_rust_files() {
            let text = std::fs::read_to_string(&file).expect("readable");
            assert!(text.starts_with("//!"), "{} must open with a `//!` line saying what it holds", file.display());
        }
    }

    #[test]
    fn legal_references_are_recognised_in_every_form() {
        let refs = legal_references;
        assert_eq!(refs("demander (art. L2152-6 et R2152-3)"), ["L2152-6", "R2152-3"]);
        assert_eq!(refs("\"(CE 3 nov. 2014 n°373362)\""), ["CE 3 nov", "n°373362"]);
        assert_eq!(refs("loi Climat et résilience, art. 35"), ["art. 35"]);
        assert_eq!(refs("règlement (UE) 2018/1807"), ["2018/1807"]);
        assert!(refs("CELL2152-6 n°12 L21-5 format 2026-11-22 x/100").is_empty());
    }

    /// Every legal reference the product prints comes from `jauge_engine::law`: none is written
    /// in the code of the crates (comments and tests aside) or in the web page's own scripts.
    #[test]
    fn legal_references_come_from_the_law_table() {
        let mut files = Vec::new();
        rust_files(&root().join("crates"), &mut files);
        for entry in std::fs::read_dir(root().join("web")).expect("web/").flatten() {
            if entry.path().extension().is_some_and(|x| x == "js" || x == "html") {
                files.push(entry.path());
            }
        }
        let table = root().join("crates/jauge-engine/src/law.rs");
        let mut found = Vec::new();
        for file in files
            .iter()
            .filter(|f| **f != table && !f.components().any(|c| c.as_os_str() == "tests") && !f.ends_with("tests.rs"))
        {
            let text = std::fs::read_to_string(file).expect("readable");
            let code = text.split("#[cfg(test)]").next().unwrap_or_default();
            for (n, line) in code.lines().enumerate() {
                let trimmed = line.trim_start();
                if trimmed.starts_with("//") || trimmed.starts_with("///") || trimmed.starts_with('*') {
                    continue;
                }
                for r in legal_references(line) {
                    found.push(format!("{}:{}: {r}", file.display(), n + 1));
                }
            }
        }
        assert!(
            found.is_empty(),
            "legal references outside jauge_engine::law (cite them from its table):\n{}",
            found.join("\n")
        );
    }

    /// The code of the crates' sources, tests aside: (file relative to the root, line number, line).
    fn code_lines() -> Vec<(String, usize, String)> {
        let mut files = Vec::new();
        rust_files(&root().join("crates"), &mut files);
        let mut out = Vec::new();
        for file in
            files.iter().filter(|f| !f.components().any(|c| c.as_os_str() == "tests") && !f.ends_with("tests.rs"))
        {
            let text = std::fs::read_to_string(file).expect("readable");
            let code = text.split("#[cfg(test)]").next().unwrap_or_default();
            let name = file.strip_prefix(root()).unwrap_or(file).display().to_string();
            for (n, line) in code.lines().enumerate() {
                if !line.trim_start().starts_with("//") {
                    out.push((name.clone(), n + 1, line.to_string()));
                }
            }
        }
        out
    }

    /// Numbers people type or write (answers, marks, thresholds, prices) are read in one place,
    /// `jauge_engine::value` (`parse_number`, `typed_number`): nowhere else parses a decimal.
    #[test]
    fn numbers_written_by_people_are_read_in_value_rs() {
        let found: Vec<String> = code_lines()
            .into_iter()
            .filter(|(file, _, _)| !file.ends_with("jauge-engine/src/value.rs"))
            .filter(|(_, _, line)| {
                line.contains("parse::<f64>")
                    || line.contains("replace(',', \".\")")
                    || line.contains("replace(',', '.')")
            })
            .map(|(file, n, line)| format!("{file}:{n}: {}", line.trim()))
            .collect();
        assert!(found.is_empty(), "decimals parsed outside jauge_engine::value:\n{}", found.join("\n"));
    }

    /// The app's views show what the reducer computed: no evaluation, analysis, consolidation,
    /// comparison, simulation or price computation inside a component.
    #[test]
    fn views_do_no_domain_work() {
        let calls = [
            "evaluate(",
            "evaluate_with(",
            "robustness(",
            "simulate(",
            "Analysis::new(",
            "consolidate(",
            "import_evaluators(",
            ".comparison(",
            ".regularise(",
            "fraction(",
            "against_lowest(",
            "to_settle(",
            "to_decide(",
            ".pending(",
        ];
        let found: Vec<String> = code_lines()
            .into_iter()
            .filter(|(file, _, _)| file.contains("jauge-web/src/components/"))
            .filter(|(_, _, line)| calls.iter().any(|c| line.contains(c)))
            .map(|(file, n, line)| format!("{file}:{n}: {}", line.trim()))
            .collect();
        assert!(
            found.is_empty(),
            "domain work in a view (move it to the reducer, state/mod.rs):\n{}",
            found.join("\n")
        );
    }

    /// Words are picked with `Lang::pick`. The files below still branch on the language themselves:
    /// the engine's findings and explanations, worded in both languages where they are found, the
    /// renderers of units, places and texts, and the CLI's messages. No other file may start to.
    #[test]
    fn language_branches_stay_in_the_renderers() {
        const RENDERERS: [&str; 13] = [
            "crates/jauge-analysis/src/document.rs",
            "crates/jauge-analysis/src/html.rs",
            "crates/jauge-analysis/src/lib.rs",
            "crates/jauge-cli/src/main.rs",
            "crates/jauge-cli/src/output.rs",
            "crates/jauge-engine/src/diagnostic.rs",
            "crates/jauge-engine/src/offer.rs",
            "crates/jauge-engine/src/rules.rs",
            "crates/jauge-engine/src/session/regularise.rs",
            "crates/jauge-engine/src/text.rs",
            "crates/jauge-engine/src/validate.rs",
            "crates/jauge-engine/src/value.rs",
            "crates/jauge-sheets/src/results.rs",
        ];
        let branch = |line: &str| {
            ["Lang::Fr =>", "Lang::En =>", "== Lang::Fr", "== Lang::En", "!= Lang::Fr", "if fr ", "if fr{"]
                .iter()
                .any(|p| line.contains(p))
        };
        let found: Vec<String> = code_lines()
            .into_iter()
            .filter(|(file, _, line)| {
                !RENDERERS.contains(&file.as_str()) && !file.ends_with("jauge-sheets/src/tables.rs") && branch(line)
            })
            .map(|(file, n, line)| format!("{file}:{n}: {}", line.trim()))
            .collect();
        assert!(found.is_empty(), "language branches outside the renderers (use Lang::pick):\n{}", found.join("\n"));
        // The list only shrinks: a renderer that no longer branches leaves it.
        let lines = code_lines();
        for file in RENDERERS {
            assert!(
                lines.iter().any(|(f, _, l)| f == file && branch(l)),
                "{file} no longer branches: take it off the list"
            );
        }
    }

    #[test]
    fn no_test_is_switched_off() {
        let (ignore, should_panic) = (["#[", "ignore]"].concat(), ["#[", "should_panic"].concat());
        for file in all_rust_files() {
            let text = std::fs::read_to_string(&file).expect("readable");
            assert!(
                !text.contains(&ignore) && !text.contains(&should_panic),
                "{}: no ignored or should-panic test",
                file.display()
            );
        }
    }

    #[test]
    fn the_engine_does_no_io() {
        let mut files = Vec::new();
        rust_files(&root().join("crates/jauge-engine/src"), &mut files);
        for file in files {
            let text = std::fs::read_to_string(&file).expect("readable");
            for banned in ["std::fs", "std::net", "std::process", "std::env", "File::open", "println!"] {
                assert!(!text.contains(banned), "{}: the engine is sans I/O, found `{banned}`", file.display());
            }
        }
    }

    /// The dependency edges written down in ARCHITECTURE.md.
    #[test]
    fn dependencies_follow_the_architecture() {
        let manifest = |krate: &str| {
            std::fs::read_to_string(root().join("crates").join(krate).join("Cargo.toml")).expect("manifest")
        };
        // The [dependencies] table of a crate's manifest.
        let dependencies = |krate: &str| {
            let text = manifest(krate);
            let deps = text.split("[dependencies]").nth(1).unwrap_or_default();
            deps.split("\n[").next().unwrap_or_default().to_string()
        };
        let engine = dependencies("jauge-engine");
        for banned in ["calamine", "yew", "gloo", "wasm-bindgen", "web-sys", "jauge-"] {
            assert!(!engine.contains(banned), "the engine must not depend on {banned}");
        }
        // Only the ingestion crate reads spreadsheets.
        for entry in std::fs::read_dir(root().join("crates")).expect("crates").flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(entry.path().join("Cargo.toml")).unwrap_or_default();
            let deps = text
                .split("[dependencies]")
                .nth(1)
                .unwrap_or_default()
                .split("\n[dev-dependencies]")
                .next()
                .unwrap_or_default();
            if name != "jauge-sheets" {
                assert!(!deps.contains("calamine"), "{name}: only jauge-sheets depends on calamine");
            }
        }
        // The analysis report runs in the interface module, and in the Word module the app loads on
        // demand: the engine only, no spreadsheet code, no I/O.
        for krate in ["jauge-analysis", "jauge-word"] {
            let deps = dependencies(krate);
            for banned in ["jauge-sheets", "calamine", "yew", "web-sys"] {
                assert!(!deps.contains(banned), "{krate} must not depend on {banned}");
            }
        }
        // The report is built where it is shown; the reader module only writes the document it is
        // sent: neither the spreadsheet crate nor the JS API carries the report's code.
        for krate in ["jauge-sheets", "jauge-js"] {
            assert!(!dependencies(krate).contains("jauge-analysis"), "{krate} must not depend on jauge-analysis");
        }
        let mut analysis_files = Vec::new();
        rust_files(&root().join("crates/jauge-analysis/src"), &mut analysis_files);
        for file in analysis_files {
            let text = std::fs::read_to_string(&file).expect("readable");
            assert!(!text.contains("std::fs"), "{}: the report is built from values, not files", file.display());
        }
        // The docx writer stays out of the interface module (it is in the Word module).
        let web = dependencies("jauge-web");
        let web_analysis = web.lines().find(|l| l.starts_with("jauge-analysis")).unwrap_or_default();
        assert!(!web_analysis.contains("docx"), "jauge-web must not build the docx writer: {web_analysis}");
        // Ingestion takes bytes, never a path: no file-system access in the reader.
        let mut sheets = Vec::new();
        rust_files(&root().join("crates/jauge-sheets/src"), &mut sheets);
        for file in sheets {
            let text = std::fs::read_to_string(&file).expect("readable");
            // `File::open`, not `CompoundFile::open` (an OLE container opened from bytes).
            let opens_a_file = text
                .match_indices("File::open")
                .any(|(i, _)| !text[..i].chars().next_back().is_some_and(|c| c.is_alphanumeric() || c == '_'));
            assert!(
                !text.contains("std::fs") && !opens_a_file,
                "{}: the reader takes bytes, not paths",
                file.display()
            );
        }
        // Nothing depends on the CLI or xtask.
        for entry in std::fs::read_dir(root().join("crates")).expect("crates").flatten() {
            let text = std::fs::read_to_string(entry.path().join("Cargo.toml")).unwrap_or_default();
            let deps = text.split("[package]").nth(1).unwrap_or_default();
            let deps = deps.split_once("[dependencies]").map(|(_, d)| d).unwrap_or_default();
            assert!(
                !deps.contains("jauge-cli") && !deps.contains("xtask"),
                "{}: nothing depends on the CLI or xtask",
                entry.path().display()
            );
        }
        let architecture = std::fs::read_to_string(root().join("ARCHITECTURE.md")).expect("ARCHITECTURE.md");
        assert!(architecture.contains("Architecture Invariant"), "ARCHITECTURE.md states its invariants");
    }
}
