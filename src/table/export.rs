//! A table's rows as CSV (the columns' export titles and fields, formulas
//! defused) and as JSON (the rows' own Graph objects, their users named),
//! whole or a chunk at a time (an export built in pieces). An export has
//! the shown columns and those its row type always exports
//! ([`TableRow::always_exported`]: a user's UPN and id), whatever is shown.

use super::{export_fields, push_line, push_lines, Column, Table, TableRow};

impl<R: TableRow> Table<R> {
    /// CSV of the rows at `indexes` with the columns of `keys` and the
    /// always exported ones, in the column table's order (every column
    /// when `keys` is empty; unknown keys are left out): headers are the
    /// columns' export titles, cells their export fields, formulas defused.
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
            export_columns::<R>(keys)
                .iter()
                .flat_map(|c| c.export_titles()),
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
                let mut fields = Vec::with_capacity(columns.len() + 1);
                for c in &columns {
                    export_fields(&c.cell(row, &self.names), &mut fields);
                }
                fields
            }),
        );
        out
    }
}

/// The columns an export of `keys` writes: those of `keys` and the always
/// exported ones, in the column table's order (every column when `keys` is
/// empty).
fn export_columns<R: TableRow>(keys: &[&'static str]) -> Vec<&'static Column<R>> {
    let always = R::always_exported();
    R::columns()
        .iter()
        .filter(|c| keys.is_empty() || keys.contains(&c.key) || always.contains(&c.key))
        .collect()
}

impl<R: TableRow + serde::Serialize> Table<R> {
    /// JSON array of the rows at `indexes`, in that order, as the rows'
    /// own (Graph) objects, a user's subject with its resolved display
    /// name and UPN ([`TableRow::named`]).
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
            let named = row.named(&self.names);
            let item = serde_json::to_string_pretty(named.as_ref().unwrap_or(row))
                .unwrap_or_else(|_| "null".into());
            out.push_str(&item.replace('\n', "\n  "));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use crate::model::{parse_json, GraphUser, Run, UserProcessingResult, Workflow};
    use crate::table::failures::FailureRow;
    use crate::table::{default_columns, Names, Table};

    /// Two users of one name (the demo tenant has two "Miriam Cane").
    fn namesakes() -> Arc<Names> {
        let user = |id: &str, upn: &str| {
            let user = GraphUser {
                id: id.into(),
                display_name: Some("Miriam Cane".into()),
                user_principal_name: Some(upn.into()),
            };
            (id.to_string(), user)
        };
        Arc::new(
            [
                user("u-1", "miriam.cane@contoso.com"),
                user("u-2", "miriam.cane2@contoso.com"),
            ]
            .into_iter()
            .collect(),
        )
    }

    fn result(id: &str, user: &str, status: &str) -> UserProcessingResult {
        parse_json(&format!(
            r#"{{"id":"{id}","processingStatus":"{status}","completedDateTime":"2026-11-30T10:00:00Z","subject":{{"id":"{user}"}},"taskProcessingResults":[{{"id":"t-{id}","processingStatus":"failed","failureReason":"Mailbox not found","task":{{"id":"k","displayName":"Send welcome email"}}}}]}}"#
        ))
        .unwrap()
    }

    fn failures() -> Table<FailureRow> {
        let workflow: Workflow = parse_json(r#"{"id":"w-1","displayName":"Onboard"}"#).unwrap();
        let run: Run = parse_json(r#"{"id":"r-1"}"#).unwrap();
        let mut rows = FailureRow::of(&workflow, &run, &result("a", "u-1", "failed"));
        rows.extend(FailureRow::of(
            &workflow,
            &run,
            &result("b", "u-2", "completedWithErrors"),
        ));
        let mut table = Table::new(rows);
        table.set_names(namesakes());
        table
    }

    fn lines(csv: &str) -> Vec<&str> {
        csv.split("\r\n").filter(|l| !l.is_empty()).collect()
    }

    #[test]
    fn failures_export_who_and_where_whatever_is_shown() {
        let table = failures();
        let shown = default_columns::<FailureRow>();
        assert!(!shown.contains(&"upn") && !shown.contains(&"userId"));
        let csv = table.to_csv(&[0, 1], &shown);
        assert_eq!(
            lines(&csv),
            vec![
                "User,UPN,User id,Status,Status (Graph value),Workflow,Workflow id,Failed task,Reason,Failed at (UTC),Run id",
                "Miriam Cane,miriam.cane@contoso.com,u-1,Failed,failed,Onboard,w-1,Send welcome email,Mailbox not found,2026-11-30T10:00:00Z,r-1",
                "Miriam Cane,miriam.cane2@contoso.com,u-2,Completed with errors,completedWithErrors,Onboard,w-1,Send welcome email,Mailbox not found,2026-11-30T10:00:00Z,r-1",
            ]
        );
        // A shown optional column joins in the column table's order.
        let more = table.to_csv(&[0], &["result", "user", "status"]);
        assert_eq!(
            lines(&more)[0],
            "User,UPN,User id,Status,Status (Graph value),Workflow id,Run id,Result id"
        );
    }

    #[test]
    fn users_of_a_run_export_upn_and_id_when_only_the_name_shows() {
        let mut table = Table::new(vec![
            result("a", "u-1", "failed"),
            result("b", "u-2", "completed"),
            result("c", "u-3", "inProgress"),
        ]);
        table.set_names(namesakes());
        let csv = table.to_csv(&[0, 1, 2], &["user", "status"]);
        assert_eq!(
            lines(&csv),
            vec![
                "User,UPN,User id,Status,Status (Graph value)",
                "Miriam Cane,miriam.cane@contoso.com,u-1,Failed,failed",
                "Miriam Cane,miriam.cane2@contoso.com,u-2,Completed,completed",
                // No name known: the id stands for the name, no UPN.
                "u-3,,u-3,In progress,inProgress",
            ]
        );
    }

    #[test]
    fn the_json_export_names_the_subject_and_keeps_graph_objects() {
        let table = failures();
        let items: Vec<serde_json::Value> = serde_json::from_str(&table.to_json(&[1, 0])).unwrap();
        let subject = |i: usize| &items[i]["userResult"]["subject"];
        assert_eq!(subject(0)["id"], "u-2");
        assert_eq!(subject(0)["userPrincipalName"], "miriam.cane2@contoso.com");
        assert_eq!(subject(1)["userPrincipalName"], "miriam.cane@contoso.com");
        assert_eq!(subject(1)["displayName"], "Miriam Cane");
        assert_eq!(
            (&items[1]["workflowId"], &items[1]["runId"]),
            (&"w-1".into(), &"r-1".into())
        );
        assert_eq!(
            items[0]["userResult"]["processingStatus"],
            "completedWithErrors"
        );

        let mut users = Table::new(vec![
            result("a", "u-1", "failed"),
            result("c", "u-3", "failed"),
        ]);
        users.set_names(namesakes());
        let items: Vec<serde_json::Value> = serde_json::from_str(&users.to_json(&[0, 1])).unwrap();
        assert_eq!(
            items[0]["subject"]["userPrincipalName"],
            "miriam.cane@contoso.com"
        );
        assert_eq!(
            items[0]["taskProcessingResults"][0]["failureReason"],
            "Mailbox not found"
        );
        // A user the directory does not know: Graph's subject as it came.
        assert_eq!(items[1]["subject"], serde_json::json!({"id": "u-3"}));
    }
}
