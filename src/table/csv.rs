//! CSV text (RFC 4180 quoting) with spreadsheet formula injection defused.

/// One field: quoted when it holds `,` `"` CR or LF or edge spaces; a field
/// starting with `=`, `+`, `-`, `@`, tab or CR gets a leading `'` so that
/// spreadsheets do not run it as a formula.
pub fn csv_field(text: &str) -> String {
    let defused;
    let text = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        defused = format!("'{text}");
        defused.as_str()
    } else {
        text
    };
    let needs_quotes =
        text.contains([',', '"', '\n', '\r']) || text.starts_with(' ') || text.ends_with(' ');
    if needs_quotes {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// A CSV document: header line then one line per row, CRLF line ends.
pub fn to_csv<H, R>(header: H, rows: R) -> String
where
    H: IntoIterator<Item = String>,
    R: IntoIterator<Item = Vec<String>>,
{
    let mut out = String::new();
    push_line(&mut out, header);
    for row in rows {
        push_line(&mut out, row);
    }
    out
}

fn push_line(out: &mut String, cells: impl IntoIterator<Item = String>) {
    let line: Vec<String> = cells.into_iter().map(|c| csv_field(&c)).collect();
    out.push_str(&line.join(","));
    out.push_str("\r\n");
}
