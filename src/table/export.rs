//! A table's rows as CSV (the columns' export titles and text, formulas
//! defused) and as JSON (the rows' own Graph objects), whole or a chunk at
//! a time (an export built in pieces).

use super::{export_text, push_line, push_lines, Column, Table, TableRow};

impl<R: TableRow> Table<R> {
    /// CSV of the rows at `indexes` with the columns of `keys` (all columns
    /// when empty; unknown keys are left out): headers are the columns'
    /// export titles, cells their export text, formulas defused.
    pub fn to_csv(&self, indexes: &[u32], keys: &[&'static str]) -> String {
        let mut out = self.csv_header(keys);
        out.push_str(&self.csv_lines(indexes, keys));
        out
    }

    /// The CSV header line of the columns of `keys` (see [`to_csv`](Self::to_csv)).
    pub fn csv_header(&self, keys: &[&'static str]) -> String {
        let mut out = String::new();
        push_line(
            &mut out,
            export_columns::<R>(keys).iter().map(|c| c.export_title()),
        );
        out
    }

    /// The CSV lines of the rows at `indexes` (a chunk of an export).
    pub fn csv_lines(&self, indexes: &[u32], keys: &[&'static str]) -> String {
        let columns = export_columns::<R>(keys);
        let mut out = String::new();
        push_lines(
            &mut out,
            indexes.iter().filter_map(|&i| self.get(i)).map(|row| {
                columns
                    .iter()
                    .map(|c| export_text(&c.cell(row, &self.names)))
                    .collect::<Vec<_>>()
            }),
        );
        out
    }
}

/// The columns of `keys` in that order (all columns when empty).
fn export_columns<R: TableRow>(keys: &[&'static str]) -> Vec<&'static Column<R>> {
    if keys.is_empty() {
        R::columns().iter().collect()
    } else {
        keys.iter().filter_map(|k| R::column(k)).collect()
    }
}

impl<R: TableRow + serde::Serialize> Table<R> {
    /// JSON array of the rows at `indexes`, in that order, as the rows'
    /// own (Graph) objects.
    pub fn to_json(&self, indexes: &[u32]) -> String {
        format!("[{}\n]", self.json_items(indexes, true))
    }

    /// The rows at `indexes` as JSON array items, each on its own lines
    /// and preceded by `,` unless `first` holds the array's first item (a
    /// chunk of an export; wrap the chunks in `[` and `\n]`).
    pub fn json_items(&self, indexes: &[u32], first: bool) -> String {
        let mut out = String::new();
        for (n, row) in indexes.iter().filter_map(|&i| self.get(i)).enumerate() {
            if n > 0 || !first {
                out.push(',');
            }
            out.push_str("\n  ");
            let item = serde_json::to_string_pretty(row).unwrap_or_else(|_| "null".into());
            out.push_str(&item.replace('\n', "\n  "));
        }
        out
    }
}
