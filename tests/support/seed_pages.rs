//! Extracts the example request/response pairs of the Graph reference pages in
//! `../shared/seeds/` into the fixture format of `fixtures/seeds/`.
//!
//! Two page shapes exist: Markdown sources (front matter, `<!-- {"blockType": …} -->`
//! markers before fenced blocks) and rendered plain text (no fences: a request
//! line `GET https://…`, then `HTTP/1.1 200 OK`, headers and a JSON body).

use serde_json::{json, Value};

/// One example pair (or the resource template) of one seed page.
#[derive(Debug, Clone, PartialEq)]
pub struct SeedExample {
    pub seed: String,
    pub title: String,
    pub example: usize,
    pub kind: &'static str,
    pub method: Option<String>,
    pub url: Option<String>,
    pub request_body: Option<Value>,
    pub status: Option<u16>,
    pub response: Option<Value>,
}

impl SeedExample {
    /// The fixture file name `<seed>__<n>.json`.
    pub fn file_name(&self) -> String {
        format!("{}__{}.json", self.seed, self.example)
    }

    /// The fixture JSON, keys in contract order.
    pub fn to_json(&self) -> Value {
        json!({
            "seed": self.seed,
            "title": self.title,
            "example": self.example,
            "kind": self.kind,
            "method": self.method,
            "url": self.url,
            "requestBody": self.request_body,
            "status": self.status,
            "response": self.response,
        })
    }
}

/// Page titles from the seeds folder's `README.md` table, for pages without
/// front matter: `(file stem, title)`.
pub fn readme_titles(readme: &str) -> Vec<(String, String)> {
    readme
        .lines()
        .filter_map(|line| {
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            let file = cells.get(1)?;
            let page = cells.get(2)?;
            let stem = file.strip_suffix(".txt")?;
            let title = page
                .split(" (")
                .next()
                .unwrap_or(page)
                .split(" —")
                .next()
                .unwrap_or(page)
                .trim();
            Some((stem.to_string(), title.to_string()))
        })
        .collect()
}

/// Extracts every example of one page.
pub fn extract_page(stem: &str, text: &str, fallback_title: Option<&str>) -> Vec<SeedExample> {
    let title = front_matter_title(text)
        .or_else(|| fallback_title.map(str::to_string))
        .unwrap_or_else(|| stem.to_string());
    if text.contains("```") {
        extract_markdown(stem, &title, text)
    } else {
        extract_plain_text(stem, &title, text)
    }
}

fn front_matter_title(text: &str) -> Option<String> {
    let rest = text.strip_prefix("---")?;
    let end = rest.find("\n---")?;
    rest[..end].lines().find_map(|line| {
        let value = line.trim().strip_prefix("title:")?.trim();
        Some(value.trim_matches('"').to_string())
    })
}

fn new_example(stem: &str, title: &str, n: usize, kind: &'static str) -> SeedExample {
    SeedExample {
        seed: stem.to_string(),
        title: title.to_string(),
        example: n,
        kind,
        method: None,
        url: None,
        request_body: None,
        status: None,
        response: None,
    }
}

fn parse_body(body: &str) -> Option<Value> {
    let body = body.trim();
    if body.is_empty() {
        return None;
    }
    Some(serde_json::from_str(body).unwrap_or_else(|e| panic!("bad JSON in seed: {e}\n{body}")))
}

/// Splits an HTTP message (`start line`, headers, blank line, body).
fn split_http_message(block: &str) -> (String, String) {
    let mut lines = block.lines().skip_while(|l| l.trim().is_empty());
    let start = lines.next().unwrap_or_default().trim().to_string();
    let rest: Vec<&str> = lines.collect();
    let body_start = rest
        .iter()
        .position(|l| l.trim().is_empty() || l.trim_start().starts_with(['{', '[']))
        .unwrap_or(rest.len());
    (start, rest[body_start..].join("\n"))
}

fn parse_request_line(line: &str) -> Option<(String, String)> {
    let (method, url) = line.trim().split_once(' ')?;
    let is_method = matches!(method, "GET" | "POST" | "PATCH" | "PUT" | "DELETE");
    let url = url.trim();
    (is_method && (url.starts_with("https://") || url.starts_with("http://")))
        .then(|| (method.to_string(), url.to_string()))
}

fn parse_status_line(line: &str) -> Option<u16> {
    let rest = line.trim().strip_prefix("HTTP/")?;
    rest.split_whitespace().nth(1)?.parse().ok()
}

fn extract_markdown(stem: &str, title: &str, text: &str) -> Vec<SeedExample> {
    let mut out: Vec<SeedExample> = Vec::new();
    let mut block_type: Option<String> = None;
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        if let Some(kind) = block_type_marker(line) {
            block_type = Some(kind);
            continue;
        }
        if !line.trim_start().starts_with("```") {
            continue;
        }
        let block: Vec<&str> = lines.by_ref().take_while(|l| l.trim() != "```").collect();
        let block = block.join("\n");
        match block_type.take().as_deref() {
            Some("request") => {
                let mut ex = new_example(stem, title, out.len() + 1, "example");
                let (start, body) = split_http_message(&block);
                if let Some((method, url)) = parse_request_line(&start) {
                    ex.method = Some(method);
                    ex.url = Some(url);
                }
                ex.request_body = parse_body(&body);
                out.push(ex);
            }
            Some("response") => {
                if let Some(ex) = out.last_mut() {
                    let (start, body) = split_http_message(&block);
                    ex.status = parse_status_line(&start);
                    ex.response = parse_body(&body);
                }
            }
            Some("resource") => {
                let mut ex = new_example(stem, title, out.len() + 1, "resource-template");
                ex.response = parse_body(&block);
                out.push(ex);
            }
            _ => {}
        }
    }
    out
}

fn block_type_marker(line: &str) -> Option<String> {
    let rest = line.split("\"blockType\":").nth(1)?;
    let value = rest.trim().trim_start_matches('"');
    let end = value.find('"')?;
    Some(value[..end].to_string())
}

fn extract_plain_text(stem: &str, title: &str, text: &str) -> Vec<SeedExample> {
    let mut out: Vec<SeedExample> = Vec::new();
    let mut offset = 0usize;
    let mut awaiting_body = false;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let trimmed = line.trim();
        if let Some((method, url)) = parse_request_line(trimmed) {
            let mut ex = new_example(stem, title, out.len() + 1, "example");
            ex.method = Some(method);
            ex.url = Some(url);
            ex.request_body = json_value_at(text, offset, true);
            out.push(ex);
            awaiting_body = false;
        } else if let Some(status) = parse_status_line(trimmed) {
            if let Some(ex) = out.last_mut() {
                ex.status = Some(status);
                awaiting_body = true;
            }
        } else if awaiting_body && trimmed.starts_with(['{', '[']) {
            if let Some(ex) = out.last_mut() {
                ex.response = json_value_at(text, start, false);
            }
            awaiting_body = false;
        }
    }
    out
}

/// The JSON value starting at `offset` (after whitespace); with
/// `only_if_next`, `None` unless the next non-blank text opens a JSON value.
fn json_value_at(text: &str, offset: usize, only_if_next: bool) -> Option<Value> {
    let rest = text.get(offset..)?.trim_start();
    if !rest.starts_with(['{', '[']) {
        if only_if_next {
            return None;
        }
        panic!("expected JSON at offset {offset}");
    }
    let mut stream = serde_json::Deserializer::from_str(rest).into_iter::<Value>();
    Some(
        stream
            .next()?
            .unwrap_or_else(|e| panic!("bad JSON in seed at {offset}: {e}")),
    )
}

/// Extracts every page of a seeds folder, sorted by file name.
pub fn extract_dir(dir: &std::path::Path) -> Vec<SeedExample> {
    let readme = std::fs::read_to_string(dir.join("README.md")).unwrap_or_default();
    let titles = readme_titles(&readme);
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().and_then(|e| e.to_str()) == Some("txt"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for path in files {
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_string();
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{stem}: {e}"));
        let fallback = titles
            .iter()
            .find(|(s, _)| *s == stem)
            .map(|(_, t)| t.as_str());
        let examples = extract_page(&stem, &text, fallback);
        assert!(!examples.is_empty(), "no example found in seed {stem}");
        out.extend(examples);
    }
    out
}
