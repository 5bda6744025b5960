//! No API data is ever inserted as HTML: the viewer's source uses none of the
//! DOM's HTML-parsing sinks or eval (Leptos text nodes and attributes
//! escape). A new use of a sink fails here and has to be argued for; the
//! end2end hostile-data spec checks the rendered page itself.

use std::path::Path;

const SINKS: [&str; 8] = [
    "inner_html",
    "set_inner_html",
    "outer_html",
    "insert_adjacent_html",
    "innerHTML",
    "document.write",
    "js_sys::eval",
    "Function::new_with_args",
];

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("readable src") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn the_viewer_has_no_html_parsing_sinks() {
    let mut files = Vec::new();
    rust_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    assert!(files.len() > 20, "found the sources");
    let mut hits = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).expect("utf-8 source");
        for (n, line) in text.lines().enumerate() {
            if let Some(sink) = SINKS.iter().find(|s| line.contains(*s)) {
                hits.push(format!("{}:{}: {sink}", file.display(), n + 1));
            }
        }
    }
    assert!(hits.is_empty(), "HTML sinks in the viewer: {hits:#?}");
}
