//! Browser tests (wasm-bindgen-test, headless Chromium): components mounted
//! into a test element, checked for text, labels and ARIA attributes.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use lifecycle_viewer::components::cell::{CellDisplay, LiveCell};
use lifecycle_viewer::components::error_banner::{ErrorBanner, ErrorDetails};
use lifecycle_viewer::components::sort_header::SortHeader;
use lifecycle_viewer::components::status_badge::{BadgeValue, StatusBadge};
use lifecycle_viewer::model::{Cell, ExecutionType, Level, ProcessingStatus};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A fresh `<div>` in the document to mount into.
fn host() -> web_sys::HtmlElement {
    let document = document();
    let div = document.create_element("div").expect("create div");
    document
        .body()
        .expect("body")
        .append_child(&div)
        .expect("append");
    div.unchecked_into()
}

#[wasm_bindgen_test]
fn failed_run_badge_has_text_icon_and_tooltip() {
    let el = host();
    let _handle = leptos::mount::mount_to(el.clone(), || {
        view! { <StatusBadge value=BadgeValue::Processing(Some(ProcessingStatus::Failed), Level::Run) /> }
    });
    let badge = el.query_selector("[title]").unwrap().expect("badge");
    assert!(el.text_content().unwrap_or_default().contains("Failed"));
    let title = badge.get_attribute("title").unwrap_or_default();
    assert!(title.contains("every user"), "tooltip: {title}");
    let icon = el
        .query_selector("[aria-hidden='true']")
        .unwrap()
        .expect("icon");
    assert!(!icon.text_content().unwrap_or_default().is_empty());
}

#[wasm_bindgen_test]
fn unknown_status_renders_raw_value() {
    let el = host();
    let _handle = leptos::mount::mount_to(el.clone(), || {
        let odd = ProcessingStatus::from_wire("brandNewStatus");
        view! { <StatusBadge value=BadgeValue::Processing(Some(odd), Level::User) /> }
    });
    assert!(el
        .text_content()
        .unwrap_or_default()
        .contains("brandNewStatus"));
}

#[wasm_bindgen_test]
fn execution_type_badge_has_label() {
    let el = host();
    let _handle = leptos::mount::mount_to(el.clone(), || {
        view! { <StatusBadge value=BadgeValue::Execution(Some(ExecutionType::OnDemand)) /> }
    });
    assert!(el.text_content().unwrap_or_default().contains("On demand"));
}

#[wasm_bindgen_test]
fn sort_header_sets_scope_and_aria_sort() {
    let el = host();
    let _handle = leptos::mount::mount_to(el.clone(), || {
        let on_sort = Callback::new(|_: ()| {});
        view! {
            <table><thead><tr>
                <SortHeader label="Started" direction=Signal::derive(|| Some(true)) on_sort />
                <SortHeader label="Status" direction=Signal::derive(|| None) on_sort />
            </tr></thead></table>
        }
    });
    let first = el
        .query_selector("th[scope='col'][aria-sort='descending']")
        .unwrap()
        .expect("sorted column");
    assert!(first.text_content().unwrap_or_default().contains("Started"));
    let second = el
        .query_selector("th[scope='col'][aria-sort='none']")
        .unwrap()
        .expect("unsorted column");
    assert!(second.text_content().unwrap_or_default().contains("Status"));
    assert!(first.query_selector("button").unwrap().is_some());
}

#[wasm_bindgen_test]
fn error_banner_shows_status_code_request_id_and_retry() {
    let el = host();
    let _handle = leptos::mount::mount_to(el.clone(), || {
        let error = ErrorDetails {
            message: "Access denied.".into(),
            status: Some(403),
            code: Some("Authorization_RequestDenied".into()),
            request_id: Some("abc-123".into()),
        };
        view! { <ErrorBanner error on_retry=Callback::new(|_| {}) /> }
    });
    let alert = el.query_selector("[role='alert']").unwrap().expect("alert");
    let text = alert.text_content().unwrap_or_default();
    for part in [
        "Access denied.",
        "HTTP 403",
        "Authorization_RequestDenied",
        "abc-123",
        "Copy request ID",
        "Retry",
    ] {
        assert!(text.contains(part), "missing {part} in {text}");
    }
}

#[wasm_bindgen_test]
fn virtual_table_renders_only_visible_rows_of_100k() {
    use lifecycle_viewer::components::virtual_table::VirtualTable;
    let el = host();
    let _handle = leptos::mount::mount_to(el.clone(), || {
        let order = Signal::derive(|| (0..100_000u32).collect::<Vec<u32>>());
        let render_row = |i: Signal<Option<u32>>| {
            view! { <td>{move || i.get().map(|i| i.to_string()).unwrap_or_default()}</td> }
        };
        view! {
            <VirtualTable caption="Big" order columns=1 render_row>
                <tr><th scope="col">"N"</th></tr>
            </VirtualTable>
        }
    });
    let html = el.inner_html();
    let rows = html.matches("<tr").count();
    assert!(rows <= 150, "{rows} rows in the DOM");
    assert!(rows > 3, "{rows} rows in the DOM");
    let first_cell = el
        .query_selector("tbody tr:not(.vt-spacer) td")
        .unwrap()
        .expect("a data row");
    assert_eq!(
        first_cell.text_content().unwrap_or_default().trim(),
        "0",
        "the first row shows index 0"
    );
    let table = el.query_selector("table").unwrap().expect("table");
    assert_eq!(
        table.get_attribute("aria-rowcount").as_deref(),
        Some("100001")
    );
    let region = el
        .query_selector("[role='region']")
        .unwrap()
        .expect("scroll region");
    assert_eq!(region.get_attribute("aria-label").as_deref(), Some("Big"));
}

#[wasm_bindgen_test]
fn a_status_cell_is_a_badge_and_a_link_when_asked() {
    let el = host();
    let _handle = leptos::mount::mount_to(el.clone(), || {
        let cell = Cell::Status(
            Some(std::borrow::Cow::Owned(ProcessingStatus::Failed)),
            Level::Run,
        );
        let display = CellDisplay::of(&cell);
        view! {
            <LiveCell
                display=Signal::derive(move || display.clone())
                href=Signal::derive(|| "/x".to_string())
                link_label=Signal::derive(|| "Open run of today".to_string())
            />
        }
    });
    let link = el.query_selector("a[href='/x']").unwrap().expect("link");
    assert_eq!(
        link.get_attribute("aria-label").as_deref(),
        Some("Open run of today")
    );
    let badge = el
        .query_selector("[data-value='failed']")
        .unwrap()
        .expect("badge");
    assert!(badge.text_content().unwrap_or_default().contains("Failed"));
}
