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

/// CSV lines (CRLF-ended) of `rows`, appended to `out`: the body of a
/// document whose header [`to_csv`] or [`push_line`] wrote.
pub fn push_lines<R>(out: &mut String, rows: R)
where
    R: IntoIterator<Item = Vec<String>>,
{
    for row in rows {
        push_line(out, row);
    }
}

/// One CSV line (CRLF-ended) of `cells`, appended to `out`.
pub fn push_line(out: &mut String, cells: impl IntoIterator<Item = String>) {
    let line: Vec<String> = cells.into_iter().map(|c| csv_field(&c)).collect();
    out.push_str(&line.join(","));
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An RFC 4180 reader, to prove what `to_csv` writes reads back.
    fn parse(text: &str) -> Vec<Vec<String>> {
        let (mut rows, mut row, mut field) = (Vec::new(), Vec::new(), String::new());
        let mut chars = text.chars().peekable();
        let mut quoted = false;
        while let Some(c) = chars.next() {
            match (quoted, c) {
                (true, '"') if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                (true, '"') => quoted = false,
                (true, c) => field.push(c),
                (false, '"') => quoted = true,
                (false, ',') => row.push(std::mem::take(&mut field)),
                (false, '\r') if chars.peek() == Some(&'\n') => {
                    chars.next();
                    row.push(std::mem::take(&mut field));
                    rows.push(std::mem::take(&mut row));
                }
                (false, c) => field.push(c),
            }
        }
        rows
    }

    #[test]
    fn formulas_are_neutralised() {
        for hostile in [
            "=HYPERLINK(\"https://evil.example\",\"click\")",
            "+cmd|' /C calc'!A0",
            "@SUM(1+1)*cmd|' /C calc'!A0",
            "-2+3",
            "\tTAB",
        ] {
            let field = csv_field(hostile);
            let read = &parse(&format!("{field}\r\n"))[0][0];
            assert!(read.starts_with('\''), "{hostile} -> {read}");
            assert_eq!(&read[1..], hostile);
        }
        assert_eq!(csv_field("plain"), "plain");
    }

    #[test]
    fn commas_quotes_newlines_rtl_and_emoji_round_trip() {
        let names = [
            "Doe, Jane",
            "The \"boss\"",
            "two\nlines",
            "\u{5e9}\u{5dc}\u{5d5}\u{5dd} \u{200f}RTL",
            "🚀 launch 👩🏽‍💻",
            " edge ",
        ];
        let csv = to_csv(
            ["Name".to_string(), "Other".to_string()],
            names.iter().map(|n| vec![n.to_string(), "x".to_string()]),
        );
        let rows = parse(&csv);
        assert_eq!(rows.len(), names.len() + 1);
        for (row, name) in rows[1..].iter().zip(names) {
            assert_eq!(row, &vec![name.to_string(), "x".to_string()]);
        }
    }
}
