//! The built site's Content-Security-Policy: `index.html` carries the policy
//! in a `<meta http-equiv="Content-Security-Policy">`; after Trunk has
//! written its inline loader, this fills `script-src` with the SHA-256 hash
//! of every inline script (so no `'unsafe-inline'` is needed) and adds the
//! endpoints a deployer allows to `connect-src` (the emulator, a proxy).
//!
//! Runs as Trunk's post-build hook (`cargo xtask csp`, on
//! `$TRUNK_STAGING_DIR/index.html`), so plain `trunk build`/`trunk serve`
//! get the same policy, and can be run again on a built `index.html` at
//! deploy time (`cargo xtask csp --connect-src https://proxy.example dist/index.html`).

use anyhow::{Context, Result};
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// Environment variable with extra `connect-src` sources, space-separated.
pub const CONNECT_SRC_ENV: &str = "LWV_CONNECT_SRC";

/// Sources a local stack (tests, demo, bench) needs: graph-emulator on any
/// loopback port.
pub const LOOPBACK_SOURCES: &str = "http://127.0.0.1:* http://localhost:*";

const META_MARKER: &str = "http-equiv=\"Content-Security-Policy\"";

/// `cargo xtask csp [--connect-src "SOURCES"] [--embed-hosts "ORIGINS"] [FILE]`:
/// also writes the static hosts' header files beside the page
/// ([`crate::headers`]).
pub fn run(
    file: Option<PathBuf>,
    connect_src: Option<String>,
    embed_hosts: Option<String>,
) -> Result<()> {
    let file = match file {
        Some(f) => f,
        None => staging_index()?,
    };
    let extra = connect_src_or_env(connect_src);
    let html = std::fs::read_to_string(&file)
        .with_context(|| format!("cannot read {}", file.display()))?;
    let updated = apply(&html, &extra)?;
    std::fs::write(&file, updated).with_context(|| format!("cannot write {}", file.display()))?;
    println!("[csp] policy of {} updated", file.display());
    let dir = file.parent().unwrap_or_else(|| Path::new("."));
    let base = std::env::var("TRUNK_PUBLIC_URL").unwrap_or_else(|_| "/".into());
    crate::headers::write_files(dir, &crate::headers::hosts_or_env(embed_hosts), &base)
}

/// `--connect-src` when given, else `$LWV_CONNECT_SRC`, else nothing.
pub fn connect_src_or_env(connect_src: Option<String>) -> String {
    connect_src
        .or_else(|| std::env::var(CONNECT_SRC_ENV).ok())
        .unwrap_or_default()
}

fn staging_index() -> Result<PathBuf> {
    let dir = std::env::var_os("TRUNK_STAGING_DIR")
        .context("csp needs a FILE, or TRUNK_STAGING_DIR (set when Trunk runs it as a hook)")?;
    Ok(Path::new(&dir).join("index.html"))
}

/// The page with its CSP meta completed: inline script hashes in
/// `script-src`, `extra` sources (space-separated) in `connect-src`.
pub fn apply(html: &str, extra: &str) -> Result<String> {
    let (start, end) = policy_span(html)?;
    let hashes: Vec<String> = inline_scripts(html)
        .iter()
        .map(|s| hash_source(s))
        .collect();
    let policy = rewrite_policy(&html[start..end], &hashes, extra);
    Ok(format!("{}{}{}", &html[..start], policy, &html[end..]))
}

/// Byte range of the CSP meta's `content` value.
fn policy_span(html: &str) -> Result<(usize, usize)> {
    let meta = html
        .find(META_MARKER)
        .context("index.html has no <meta http-equiv=\"Content-Security-Policy\">")?;
    let tag_end = meta
        + html[meta..]
            .find('>')
            .context("unterminated CSP meta tag")?;
    let content = meta
        + html[meta..tag_end]
            .find("content=\"")
            .context("the CSP meta tag has no content=\"...\"")?
        + "content=\"".len();
    let end = content
        + html[content..]
            .find('"')
            .context("unterminated CSP content")?;
    Ok((content, end))
}

/// The text of every `<script>` element without a `src` attribute.
pub fn inline_scripts(html: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut rest = html;
    let mut offset = 0;
    while let Some(open) = rest.find("<script") {
        let Some(close_tag) = rest[open..].find('>') else {
            break;
        };
        let body_start = open + close_tag + 1;
        let Some(body_len) = rest[body_start..].find("</script>") else {
            break;
        };
        let attributes = &rest[open..body_start];
        if !attributes.contains(" src=") {
            found.push(&html[offset + body_start..offset + body_start + body_len]);
        }
        let next = body_start + body_len + "</script>".len();
        offset += next;
        rest = &rest[next..];
    }
    found
}

/// `'sha256-…'` of a script's exact text.
pub fn hash_source(script: &str) -> String {
    format!(
        "'sha256-{}'",
        STANDARD.encode(Sha256::digest(script.as_bytes()))
    )
}

/// The policy with `script-src`'s hashes replaced and `connect-src` extended.
pub fn rewrite_policy(policy: &str, hashes: &[String], extra: &str) -> String {
    let directives: Vec<String> = policy
        .split(';')
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map(|d| {
            let mut words: Vec<String> = d.split_whitespace().map(String::from).collect();
            match words.first().map(String::as_str) {
                Some("script-src") => {
                    words.retain(|w| !w.starts_with("'sha256-"));
                    words.extend(hashes.iter().cloned());
                }
                Some("connect-src") => {
                    for source in extra.split_whitespace() {
                        if !words.iter().any(|w| w == source) {
                            words.push(source.to_string());
                        }
                    }
                }
                _ => {}
            }
            words.join(" ")
        })
        .collect();
    directives.join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<head><meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-PLACEHOLDER'; connect-src 'self' https://graph.microsoft.com" />
<script type="module">
import init from '/app.js';
</script><link rel="modulepreload" href="/app.js"><script src="/x.js"></script></head>"#;

    #[test]
    fn hashes_inline_scripts_only_and_adds_connect_sources_once() {
        let scripts = inline_scripts(PAGE);
        assert_eq!(scripts, vec!["\nimport init from '/app.js';\n"]);
        let out = apply(PAGE, "http://127.0.0.1:* https://graph.microsoft.com").unwrap();
        let expected_hash = hash_source("\nimport init from '/app.js';\n");
        assert!(out.contains(&format!(
            "script-src 'self' 'wasm-unsafe-eval' {expected_hash}; connect-src 'self' https://graph.microsoft.com http://127.0.0.1:*\""
        )), "{out}");
        assert!(!out.contains("PLACEHOLDER"));
        // Running again (at deploy time) gives the same page.
        assert_eq!(apply(&out, "http://127.0.0.1:*").unwrap(), out);
    }

    #[test]
    fn the_hash_is_the_browsers_sha256_base64() {
        // echo -n "alert(1)" | openssl dgst -sha256 -binary | base64
        assert_eq!(
            hash_source("alert(1)"),
            "'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"
        );
    }

    #[test]
    fn a_page_without_the_meta_is_an_error() {
        assert!(apply("<html></html>", "").is_err());
    }
}
