//! The HTML of the emulator's sign-in page (one "Sign in as …" button per
//! demo account, those signed in marked, the hinted one focused; and Cancel) and of its error page. Every value that came
//! from the request is escaped.

/// A demo account as the page lists it.
pub struct Choice<'a> {
    pub index: usize,
    pub name: &'a str,
    pub upn: &'a str,
    pub role: &'a str,
    /// Already signed in in this browser (the session cookie).
    pub signed_in: bool,
    /// The account `login_hint` names.
    pub hinted: bool,
}

/// Escapes text for HTML content and double-quoted attributes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;max-width:34rem;margin:3rem auto;padding:0 1rem;color:#1b1b1b}h1{font-size:1.4rem}form{display:grid;gap:.6rem}button{font:inherit;text-align:left;padding:.7rem 1rem;border:1px solid #8a8886;border-radius:4px;background:#fff;cursor:pointer}button:hover{background:#f3f2f1}button.cancel{text-align:center}.role{display:block;font-size:.85rem;color:#605e5c}.app{color:#605e5c}";

/// The sign-in page: `fields` (the authorize request's parameters) are
/// posted back with the chosen account or with `cancel`.
pub fn sign_in_page(app_name: &str, fields: &[(String, String)], choices: &[Choice<'_>]) -> String {
    let hidden: String = fields
        .iter()
        .map(|(k, v)| {
            format!(
                "<input type=\"hidden\" name=\"{}\" value=\"{}\">",
                escape(k),
                escape(v)
            )
        })
        .collect();
    let buttons: String = choices
        .iter()
        .map(|c| {
            format!(
                "<button type=\"submit\" name=\"account\" value=\"{}\"{}>Sign in as {} ({})<span class=\"role\">{}{}</span></button>",
                c.index,
                if c.hinted { " autofocus" } else { "" },
                escape(c.name),
                escape(c.upn),
                escape(c.role),
                if c.signed_in { " · signed in" } else { "" }
            )
        })
        .collect();
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Sign in to your account (graph-emulator)</title><style>{STYLE}</style></head><body><main><h1>Sign in to your account</h1><p class=\"app\">{} wants to read Lifecycle Workflows on your behalf. This is graph-emulator's demo sign-in page: pick an account.</p><form method=\"post\">{hidden}{buttons}<button type=\"submit\" name=\"cancel\" value=\"1\" class=\"cancel\">Cancel</button></form></main></body></html>",
        escape(app_name)
    )
}

/// Entra's error page, for requests with nowhere safe to redirect to.
pub fn error_page(description: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Sign in to your account (graph-emulator)</title><style>{STYLE}</style></head><body><main><h1>Sorry, but we're having trouble signing you in.</h1><p role=\"alert\">{}</p></main></body></html>",
        escape(description)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_values_are_escaped() {
        let page = sign_in_page(
            "App",
            &[("state".into(), "\"><script>x</script>".into())],
            &[Choice {
                index: 0,
                name: "<b>",
                upn: "a@b",
                role: "r",
                signed_in: true,
                hinted: false,
            }],
        );
        assert!(!page.contains("<script>x"));
        assert!(page.contains("&quot;&gt;&lt;script&gt;"));
        assert!(page.contains("Sign in as &lt;b&gt; (a@b)"));
        assert!(page.contains(">Cancel</button>"));
        assert!(page.contains("r · signed in</span>"));
    }
}
