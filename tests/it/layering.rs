//! The module graph is a DAG with the layers ARCHITECTURE.md states (issue 22): each
//! top-level module of the library uses only modules of lower rows of its layer table.
//! An edge is a `crate::X` path (or a `crate::{X, ...}` group) in a module's code, its
//! `#[cfg(test)] mod tests` excluded; the binary (`main.rs`, `cli/`) is not a layer.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Module -> rank, from the `| rank | layer | modules | job |` table of ARCHITECTURE.md.
fn layers(root: &Path) -> BTreeMap<String, u32> {
    let text = std::fs::read_to_string(root.join("ARCHITECTURE.md")).unwrap();
    let mut ranks = BTreeMap::new();
    for line in text.lines() {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        // ["", rank, layer, modules, job, ""]
        let Some(rank) = cells.get(1).and_then(|c| c.parse::<u32>().ok()) else {
            continue;
        };
        let modules = cells.get(3).copied().unwrap_or_default();
        // Every backticked name outside parentheses is a top-level module (`x::{..}`: x).
        let mut depth = 0;
        let mut outside = String::new();
        for c in modules.chars() {
            match c {
                '(' => depth += 1,
                ')' => depth -= 1,
                _ if depth == 0 => outside.push(c),
                _ => {}
            }
        }
        for (i, part) in outside.split('`').enumerate() {
            if i % 2 == 1 {
                let top = part.split("::").next().unwrap().trim();
                assert!(
                    ranks.insert(top.to_string(), rank).is_none(),
                    "{top} is in two rows of the layer table"
                );
            }
        }
    }
    assert!(ranks.len() > 10, "no layer table found in ARCHITECTURE.md");
    ranks
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The code of a file without comments and without its unit tests.
fn code(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("/*") {
        out.push_str(&rest[..start]);
        rest = rest[start..]
            .find("*/")
            .map_or("", |end| &rest[start + end + 2..]);
    }
    out.push_str(rest);
    let out: String = out
        .lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n");
    let compact: String = out.split_whitespace().collect::<Vec<_>>().join(" ");
    match compact.find("#[cfg(test)] mod tests") {
        Some(cut) => compact[..cut].to_string(),
        None => compact,
    }
}

/// The top-level modules `code` names through `crate::`.
fn uses(code: &str) -> BTreeSet<String> {
    let ident = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    let mut out = BTreeSet::new();
    for (i, part) in code.split("crate::").enumerate() {
        if i == 0 {
            continue;
        }
        if let Some(group) = part.strip_prefix('{') {
            let inner = group.split('}').next().unwrap_or("");
            for item in inner.split(',') {
                let name = ident(item.trim());
                if !name.is_empty() && name != "self" {
                    out.insert(name);
                }
            }
        } else {
            out.insert(ident(part));
        }
    }
    out
}

#[test]
fn the_module_graph_follows_the_layer_table() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let ranks = layers(root);
    let src = root.join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut problems = Vec::new();
    let mut edges = 0;
    for file in files {
        let rel = file.strip_prefix(&src).unwrap();
        let first = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy();
        let module = first.trim_end_matches(".rs").to_string();
        if module == "main" || module == "lib" || module == "cli" {
            continue;
        }
        let Some(&rank) = ranks.get(&module) else {
            problems.push(format!(
                "src/{}: module `{module}` is in no row of ARCHITECTURE.md's layer table",
                rel.display()
            ));
            continue;
        };
        let text = std::fs::read_to_string(&file).unwrap();
        for used in uses(&code(&text)) {
            if used == module {
                continue;
            }
            edges += 1;
            match ranks.get(&used) {
                Some(&r) if r < rank => {}
                Some(&r) => problems.push(format!(
                    "src/{}: `{module}` (row {rank}) uses `{used}` (row {r}): a module may use \
                     only lower rows",
                    rel.display()
                )),
                None => problems.push(format!(
                    "src/{}: `{module}` uses `crate::{used}`, which is in no row of the table \
                     (name the module, not a re-export)",
                    rel.display()
                )),
            }
        }
    }
    assert!(
        edges > 40,
        "only {edges} edges found: is the parser broken?"
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The checker itself: it sees edges in groups and paths, not in comments or unit tests.
#[test]
fn the_layer_check_reads_paths_groups_and_skips_comments_and_tests() {
    let text = "use crate::{model::x, store, self};\n// crate::client\n/* crate::env */\n\
                fn f() { crate::kms::g(); }\n#[cfg(test)]\nmod tests { use crate::backend; }";
    let found: Vec<String> = uses(&code(text)).into_iter().collect();
    assert_eq!(found, ["kms", "model", "store"]);
}
