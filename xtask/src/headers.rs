//! The hosting headers a meta CSP cannot set, as one policy: `frame-ancestors`
//! (`'self'` plus the portals in `embed.hosts`), `nosniff`, `no-referrer`.
//! `cargo xtask serve` sends them; every build writes them beside
//! `index.html` for the common static hosts: `staticwebapp.config.json`
//! (Azure Static Web Apps, with the SPA fallback) and `_headers` (Netlify,
//! Cloudflare Pages). The build takes the hosts from `--embed-hosts` or
//! `$LWV_EMBED_HOSTS`; `serve` from the `config.json` it serves.

use anyhow::{Context, Result};
use serde_json::{json, Value};
use std::path::Path;

/// Environment variable with the portals allowed to embed the viewer,
/// space-separated exact origins (`https://portal.contoso.com`).
pub const EMBED_HOSTS_ENV: &str = "LWV_EMBED_HOSTS";

/// The files the build writes beside `index.html`.
pub const STATIC_WEB_APP_FILE: &str = "staticwebapp.config.json";
pub const HEADERS_FILE: &str = "_headers";

/// An exact `http(s)://host[:port]` origin (a trailing `/` dropped), else `None`.
pub fn exact_origin(text: &str) -> Option<String> {
    let text = text.trim().trim_end_matches('/');
    let (scheme, rest) = text.split_once("://")?;
    let scheme_ok = scheme.eq_ignore_ascii_case("https") || scheme.eq_ignore_ascii_case("http");
    let authority_ok = !rest.is_empty()
        && rest
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'));
    (scheme_ok && authority_ok).then(|| text.to_ascii_lowercase())
}

/// The exact origins of a space-separated list (others are dropped).
pub fn parse_hosts(list: &str) -> Vec<String> {
    list.split_whitespace().filter_map(exact_origin).collect()
}

/// `--embed-hosts` when given, else `$LWV_EMBED_HOSTS`, as origins.
pub fn hosts_or_env(given: Option<String>) -> Vec<String> {
    let list = given
        .or_else(|| std::env::var(EMBED_HOSTS_ENV).ok())
        .unwrap_or_default();
    parse_hosts(&list)
}

/// `embed.hosts` of a `config.json` text (exact origins only).
pub fn hosts_from_config(config: &str) -> Vec<String> {
    let Ok(json) = serde_json::from_str::<Value>(config) else {
        return Vec::new();
    };
    json.pointer("/embed/hosts")
        .and_then(Value::as_array)
        .map(|list| {
            list.iter()
                .filter_map(Value::as_str)
                .filter_map(exact_origin)
                .collect()
        })
        .unwrap_or_default()
}

/// `frame-ancestors 'self' <hosts>`.
pub fn frame_ancestors(hosts: &[String]) -> String {
    let mut sources = vec!["'self'".to_string()];
    sources.extend(hosts.iter().cloned());
    format!("frame-ancestors {}", sources.join(" "))
}

/// Every response header of the policy, name and value.
pub fn security_headers(hosts: &[String]) -> Vec<(&'static str, String)> {
    vec![
        ("content-security-policy", frame_ancestors(hosts)),
        ("x-content-type-options", "nosniff".into()),
        ("referrer-policy", "no-referrer".into()),
    ]
}

/// Azure Static Web Apps: the SPA fallback under `base` and the headers.
pub fn static_web_app_config(hosts: &[String], base: &str) -> String {
    let headers: serde_json::Map<String, Value> = security_headers(hosts)
        .into_iter()
        .map(|(name, value)| (title_case(name), Value::String(value)))
        .collect();
    let config = json!({
        "navigationFallback": {
            "rewrite": format!("{base}index.html"),
            "exclude": ["*.{js,wasm,css,json,png,svg,ico}"]
        },
        "globalHeaders": headers,
        "mimeTypes": { ".wasm": "application/wasm" }
    });
    serde_json::to_string_pretty(&config).unwrap_or_default() + "\n"
}

/// Netlify and Cloudflare Pages: the headers for every path under `base`.
pub fn headers_file(hosts: &[String], base: &str) -> String {
    let mut text = format!("{base}*\n");
    for (name, value) in security_headers(hosts) {
        text.push_str(&format!("  {}: {value}\n", title_case(name)));
    }
    text
}

/// Writes both host files into `dir`.
pub fn write_files(dir: &Path, hosts: &[String], base: &str) -> Result<()> {
    for (name, text) in [
        (STATIC_WEB_APP_FILE, static_web_app_config(hosts, base)),
        (HEADERS_FILE, headers_file(hosts, base)),
    ] {
        let path = dir.join(name);
        std::fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
    }
    println!(
        "[headers] {} and {} written ({})",
        STATIC_WEB_APP_FILE,
        HEADERS_FILE,
        frame_ancestors(hosts)
    );
    Ok(())
}

/// `content-security-policy` -> `Content-Security-Policy`.
fn title_case(name: &str) -> String {
    name.split('-')
        .map(|word| {
            let mut chars = word.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_ascii_uppercase().to_string() + chars.as_str()
            })
        })
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    const PORTAL: &str = "https://portal.contoso.com";

    #[test]
    fn only_exact_origins_are_hosts() {
        let hosts = parse_hosts("https://portal.contoso.com/ * https://x.com/path 'none' http://127.0.0.1:8631 ftp://a.b");
        assert_eq!(
            hosts,
            vec![PORTAL.to_string(), "http://127.0.0.1:8631".to_string()]
        );
    }

    #[test]
    fn frame_ancestors_is_self_plus_the_hosts() {
        assert_eq!(frame_ancestors(&[]), "frame-ancestors 'self'");
        assert_eq!(
            frame_ancestors(&[PORTAL.into()]),
            "frame-ancestors 'self' https://portal.contoso.com"
        );
    }

    #[test]
    fn config_hosts_are_read_from_embed_hosts() {
        let config =
            r#"{"graphEndpoint":"x","embed":{"hosts":["https://portal.contoso.com","*"]}}"#;
        assert_eq!(hosts_from_config(config), vec![PORTAL.to_string()]);
        assert!(hosts_from_config("{}").is_empty());
        assert!(hosts_from_config("not json").is_empty());
    }

    #[test]
    fn both_host_files_carry_frame_ancestors() {
        let hosts = vec![PORTAL.to_string()];
        let swa: Value = serde_json::from_str(&static_web_app_config(&hosts, "/")).unwrap();
        assert_eq!(
            swa["globalHeaders"]["Content-Security-Policy"],
            "frame-ancestors 'self' https://portal.contoso.com"
        );
        assert_eq!(swa["globalHeaders"]["X-Content-Type-Options"], "nosniff");
        assert_eq!(swa["navigationFallback"]["rewrite"], "/index.html");
        let netlify = headers_file(&hosts, "/lifecycle/");
        assert!(netlify.starts_with("/lifecycle/*\n"), "{netlify}");
        assert!(netlify.contains(
            "  Content-Security-Policy: frame-ancestors 'self' https://portal.contoso.com\n"
        ));
        assert!(netlify.contains("  Referrer-Policy: no-referrer\n"));
    }
}
