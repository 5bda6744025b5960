//! Saving text the viewer made (a table's CSV or JSON export) as a file: a
//! `Blob` URL clicked through a temporary `<a download>`, revoked
//! afterwards. Nothing leaves the browser.

/// Offers the concatenation of `parts` (an export built in chunks) as a
/// download, without joining them into one string first; `false` when the
/// browser refused (the page then says so).
pub(crate) fn save_parts<S: AsRef<str>>(file_name: &str, mime: &str, parts: &[S]) -> bool {
    #[cfg(target_arch = "wasm32")]
    {
        browser::save(file_name, mime, parts).is_some()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = (file_name, mime, parts);
        false
    }
}

#[cfg(target_arch = "wasm32")]
mod browser {
    use wasm_bindgen::JsCast;

    pub(super) fn save<S: AsRef<str>>(file_name: &str, mime: &str, texts: &[S]) -> Option<()> {
        let parts = js_sys::Array::new();
        for text in texts {
            parts.push(&wasm_bindgen::JsValue::from_str(text.as_ref()));
        }
        let options = web_sys::BlobPropertyBag::new();
        options.set_type(mime);
        let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
        let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
        let document = web_sys::window()?.document()?;
        let anchor: web_sys::HtmlAnchorElement =
            document.create_element("a").ok()?.dyn_into().ok()?;
        anchor.set_href(&url);
        anchor.set_download(file_name);
        anchor.click();
        let _ = web_sys::Url::revoke_object_url(&url);
        Some(())
    }
}

/// A file name safe on every system, saying what it holds: the parts
/// joined by `-` (`Onboard-new-hire-runs-2026-11-01-2026-11-30.csv`), every
/// character other than a letter, digit, `-`, `_` or `+` (a zone's offset,
/// `UTC+0530`) made a `-`.
pub(crate) fn file_name(parts: &[&str], extension: &str) -> String {
    let stem: String = parts
        .iter()
        .filter(|p| !p.is_empty())
        .map(|p| {
            p.chars()
                .map(|c| {
                    if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '+') {
                        c
                    } else {
                        '-'
                    }
                })
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("-");
    format!("{stem}.{extension}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_plain() {
        assert_eq!(file_name(&["runs", "a/b c"], "csv"), "runs-a-b-c.csv");
        assert_eq!(file_name(&["users", ""], "csv"), "users.csv");
        assert_eq!(
            file_name(&["run-2026-12-02-1901-UTC+0530", "users"], "csv"),
            "run-2026-12-02-1901-UTC+0530-users.csv"
        );
    }
}
