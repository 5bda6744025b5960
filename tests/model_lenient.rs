//! The model never fails a page for one odd value: nulls, missing or
//! mistyped fields, unknown enum values, odd dates, duplicate keys.

use lifecycle_viewer::model::{
    parse_json, ExecutionType, GraphUser, Level, Page, ProcessingStatus, Run, RunSummary,
    TaskCategory, TaskProcessingResult, TaskReport, UserProcessingResult, Workflow,
    WorkflowCategory,
};
use proptest::prelude::*;
use serde_json::{json, Value};

#[test]
fn nulls_and_missing_fields_become_none() {
    let run: Run =
        parse_json(r#"{"id":"r","completedDateTime":null,"failedUsersCount":null}"#).expect("run");
    assert_eq!(run.id, "r");
    assert_eq!(run.completed_date_time, None);
    assert_eq!(run.failed_users_count, None);
    assert_eq!(run.processing_status, None);
    assert_eq!(run.duration(), None);
    let empty: UserProcessingResult = parse_json("{}").expect("empty object");
    assert_eq!(empty.subject_id(), None);
}

#[test]
fn both_spellings_of_total_tasks_are_read() {
    let a: Run = parse_json(r#"{"totalTasksCount":4}"#).expect("a");
    let b: Run = parse_json(r#"{"totalTasksCounts":5}"#).expect("b");
    let both: Run = parse_json(r#"{"totalTasksCount":4,"totalTasksCounts":5}"#).expect("both");
    assert_eq!(a.total_tasks(), Some(4));
    assert_eq!(b.total_tasks(), Some(5));
    assert_eq!(both.total_tasks(), Some(4));
}

#[test]
fn wrong_types_do_not_fail_the_object() {
    let run: Run = parse_json(
        r#"{"id":12,"totalUsersCount":"many","failedUsersCount":-1,"processingStatus":7,
            "startedDateTime":"yesterday","scheduledDateTime":5}"#,
    )
    .expect("run");
    assert_eq!(run.id, "12");
    assert_eq!(run.total_users_count, None);
    assert_eq!(run.failed_users_count, None);
    assert_eq!(run.processing_status, None);
    assert_eq!(run.started_date_time, None);
    assert_eq!(run.scheduled_date_time, None);
}

#[test]
fn dates_with_seven_digits_or_no_zone_are_read() {
    let run: Run = parse_json(
        r#"{"startedDateTime":"2022-08-24T23:28:04.5688752Z","completedDateTime":"2022-08-24T23:28:11.1348863"}"#,
    )
    .expect("run");
    let started = run.started_date_time.expect("started");
    assert_eq!(started.timestamp_subsec_nanos(), 568_875_200);
    let d = run.duration().expect("duration");
    assert_eq!(d.num_milliseconds(), 6_566);
}

#[test]
fn unknown_enum_values_survive_a_round_trip() {
    let json = json!({"id":"x","processingStatus":"pausedForReview","workflowExecutionType":"somethingNew"});
    let run: Run = parse_json(&json.to_string()).expect("run");
    assert_eq!(
        run.processing_status,
        Some(ProcessingStatus::Unknown("pausedForReview".into()))
    );
    let back = serde_json::to_value(&run).expect("serialize");
    assert_eq!(back["processingStatus"], json["processingStatus"]);
    assert_eq!(back["workflowExecutionType"], json["workflowExecutionType"]);
    for status in ProcessingStatus::known() {
        assert_eq!(&ProcessingStatus::from_wire(status.as_str()), status);
    }
    for kind in ExecutionType::known() {
        assert_eq!(&ExecutionType::from_wire(kind.as_str()), kind);
    }
}

#[test]
fn new_enum_members_sent_with_prefer_header_are_known() {
    assert_eq!(
        ProcessingStatus::from_wire("quarantined"),
        ProcessingStatus::Quarantined
    );
    assert_eq!(
        ProcessingStatus::from_wire("canceling"),
        ProcessingStatus::Canceling
    );
    assert_eq!(
        ExecutionType::from_wire("activatedWithScope"),
        ExecutionType::ActivatedWithScope
    );
    assert_eq!(
        WorkflowCategory::from_wire("extensibility"),
        WorkflowCategory::Extensibility
    );
}

#[test]
fn task_category_flags_split_and_join() {
    let cat = TaskCategory::from_wire("joiner, leaver,brandNew");
    assert_eq!(cat.0.len(), 3);
    assert!(cat.contains(&WorkflowCategory::Leaver));
    assert_eq!(cat.to_wire(), "joiner,leaver,brandNew");
    let result: TaskProcessingResult = parse_json(
        r#"{"id":"t","failureReason":"User not found","task":{"id":"k","displayName":"Disable account","category":"leaver,mover","continueOnError":false,"arguments":[{"name":"a","value":"b"},3]}}"#,
    )
    .expect("task result");
    let task = result.task.as_ref().expect("task");
    assert_eq!(task.arguments.len(), 1);
    assert_eq!(result.task_name(), "Disable account");
    assert_eq!(
        task.category.as_ref().map(TaskCategory::to_wire).as_deref(),
        Some("leaver,mover")
    );
}

#[test]
fn meanings_differ_by_level_and_failures_are_recognised() {
    let failed = ProcessingStatus::Failed;
    assert_ne!(failed.meaning(Level::Run), failed.meaning(Level::User));
    assert_ne!(failed.meaning(Level::User), failed.meaning(Level::Task));
    assert!(failed.is_failure());
    assert!(ProcessingStatus::CompletedWithErrors.is_failure());
    assert!(!ProcessingStatus::Completed.is_failure());
    assert!(ProcessingStatus::Failed.severity_rank() < ProcessingStatus::Completed.severity_rank());
    for s in ProcessingStatus::known() {
        for level in [Level::Run, Level::User, Level::Task] {
            assert!(!s.meaning(level).is_empty());
        }
    }
}

#[test]
fn a_page_skips_unreadable_rows_and_reads_links() {
    let page: Page<Run> = Page::parse(
        r#"{"value":[{"id":"a"},3,"x",null,{"id":"b"}],"@odata.nextLink":"https://graph.microsoft.com/v1.0/next","@odata.count":42}"#,
    )
    .expect("page");
    assert_eq!(page.value.len(), 2);
    assert_eq!(page.skipped_rows, 3);
    assert_eq!(
        page.next_link.as_deref(),
        Some("https://graph.microsoft.com/v1.0/next")
    );
    assert_eq!(page.count, Some(42));
    let empty: Page<Run> = Page::parse(r#"{"value":null}"#).expect("empty page");
    assert!(empty.value.is_empty());
    assert!(Page::<Run>::parse("[1,2]").is_err());
    // Valid JSON that is not a collection is an error, not an empty page.
    assert!(Page::<Run>::parse(r#"{"unexpected":true}"#).is_err());
    assert!(Page::<Run>::parse(r#"{"value":"x"}"#).is_err());
    assert!(Page::<Run>::parse("<html>").is_err());
}

#[test]
fn duplicate_keys_do_not_fail() {
    let run: Run = parse_json(r#"{"id":"a","id":"b"}"#).expect("dup");
    assert_eq!(run.id, "b");
}

#[test]
fn other_resources_parse() {
    let wf: Workflow = parse_json(
        r#"{"id":"w","displayName":"Onboard","category":"joiner","isEnabled":true,"version":3,"deletedDateTime":"2024-01-01T00:00:00Z"}"#,
    )
    .expect("workflow");
    assert_eq!(wf.name(), "Onboard");
    assert_eq!(wf.category, Some(WorkflowCategory::Joiner));
    assert!(wf.is_deleted());
    let report: TaskReport =
        parse_json(r#"{"id":"r","runId":"x","failedUsersCount":2,"processingStatus":"failed"}"#)
            .expect("report");
    assert!(report.is_failure());
    let summary: RunSummary =
        parse_json(r#"{"totalRuns":3,"failedRuns":1,"failedTasks":null}"#).expect("summary");
    assert_eq!(summary.total_runs, Some(3));
    assert_eq!(summary.failed_tasks, None);
    let user: GraphUser = parse_json(r#"{"id":"u","userPrincipalName":"a@b.c"}"#).expect("user");
    assert_eq!(user.name(), "a@b.c");
}

fn arb_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        ".{0,12}".prop_map(Value::from),
        Just(Value::from("2022-08-24T23:28:11.1348863Z")),
        Just(Value::from("completedWithErrors")),
    ];
    leaf.prop_recursive(3, 32, 6, |inner| {
        let keys = prop_oneof![
            Just("id".to_string()),
            Just("processingStatus".to_string()),
            Just("totalTasksCount".to_string()),
            Just("startedDateTime".to_string()),
            Just("subject".to_string()),
            Just("task".to_string()),
            Just("value".to_string()),
            Just("@odata.nextLink".to_string()),
            "[a-zA-Z]{1,8}",
        ];
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(keys, inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #[test]
    fn arbitrary_json_never_panics_the_model(json in arb_json()) {
        let text = json.to_string();
        let run = parse_json::<Run>(&text);
        let _ = parse_json::<UserProcessingResult>(&text);
        let _ = parse_json::<TaskProcessingResult>(&text);
        let _ = parse_json::<Workflow>(&text);
        let _ = Page::<UserProcessingResult>::parse(&text);
        if json.is_object() {
            prop_assert!(run.is_ok(), "an object always parses as a Run");
        }
    }

    #[test]
    fn arbitrary_text_never_panics_the_model(text in ".{0,64}") {
        let _ = parse_json::<Run>(&text);
        let _ = Page::<Run>::parse(&text);
        let _ = ProcessingStatus::from_wire(&text);
        prop_assert!(ProcessingStatus::from_wire(&text).as_str().trim().eq_ignore_ascii_case(text.trim()));
    }
}
