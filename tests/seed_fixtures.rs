//! `fixtures/seeds/` stays equal to what the extractor reads from
//! `../shared/seeds/` (when that folder exists). Set `UPDATE_SEED_FIXTURES=1`
//! to rewrite the fixtures from the seed pages.

mod support;

use support::seed_pages::{extract_dir, extract_page};

#[test]
fn fixtures_match_seeds() {
    let seeds = support::shared_seeds_dir();
    if !seeds.is_dir() {
        println!("note: {} is absent; fixture check skipped", seeds.display());
        return;
    }
    let extracted = extract_dir(&seeds);
    let dir = support::fixtures_dir();
    if std::env::var_os("UPDATE_SEED_FIXTURES").is_some() {
        write_fixtures(&dir, &extracted);
    }
    let committed = support::load_fixtures();
    let expected_names: Vec<String> = extracted.iter().map(|e| e.file_name()).collect();
    let committed_names: Vec<String> = committed.iter().map(|(n, _)| n.clone()).collect();
    let mut sorted_expected = expected_names.clone();
    sorted_expected.sort();
    assert_eq!(
        committed_names, sorted_expected,
        "fixture files differ from seed examples"
    );
    for example in &extracted {
        let name = example.file_name();
        let (_, json) = committed
            .iter()
            .find(|(n, _)| *n == name)
            .unwrap_or_else(|| panic!("missing fixture {name}"));
        assert_eq!(
            json,
            &example.to_json(),
            "fixture {name} differs from its seed"
        );
    }
}

fn write_fixtures(dir: &std::path::Path, examples: &[support::seed_pages::SeedExample]) {
    std::fs::create_dir_all(dir).unwrap_or_else(|e| panic!("{e}"));
    for old in std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{e}"))
        .flatten()
    {
        if old.path().extension().and_then(|e| e.to_str()) == Some("json") {
            std::fs::remove_file(old.path()).unwrap_or_else(|e| panic!("{e}"));
        }
    }
    for example in examples {
        let text = serde_json::to_string_pretty(&example.to_json()).unwrap_or_default() + "\n";
        std::fs::write(dir.join(example.file_name()), text).unwrap_or_else(|e| panic!("{e}"));
    }
}

#[test]
fn markdown_page_pairs_requests_with_responses() {
    let page = "---\ntitle: \"Get thing\"\n---\n\
        <!-- { \"blockType\": \"ignored\" } -->\n``` http\nGET /things/{id}\n```\n\
        <!-- {\n  \"blockType\": \"request\",\n  \"name\": \"x\"\n}\n-->\n\
        ``` http\nPOST https://graph.microsoft.com/beta/things\nContent-Type: application/json\n\n{\"a\": 1}\n```\n\
        <!-- { \"blockType\": \"response\" } -->\n\
        ``` http\nHTTP/1.1 204 No Content\n```\n";
    let examples = extract_page("009_x", page, None);
    assert_eq!(examples.len(), 1);
    let ex = &examples[0];
    assert_eq!(ex.title, "Get thing");
    assert_eq!(ex.method.as_deref(), Some("POST"));
    assert_eq!(
        ex.url.as_deref(),
        Some("https://graph.microsoft.com/beta/things")
    );
    assert_eq!(ex.request_body, Some(serde_json::json!({"a": 1})));
    assert_eq!(ex.status, Some(204));
    assert_eq!(ex.response, None);
}

#[test]
fn plain_text_page_finds_request_status_and_body() {
    let page = "Example 1: list\nRequest\nGET https://graph.microsoft.com/v1.0/x?$top=1\n\
        const options = {\n};\nResponse\nHTTP/1.1 200 OK\nContent-Type: application/json\n\
        {\n\"value\": [ {\"id\": \"1\"} ]\n}\nExample 2\nGET https://graph.microsoft.com/v1.0/y\n\
        HTTP/1.1 404 Not Found\n";
    let examples = extract_page("010_y", page, Some("List x"));
    assert_eq!(examples.len(), 2);
    assert_eq!(examples[0].title, "List x");
    assert_eq!(examples[0].status, Some(200));
    assert_eq!(
        examples[0].response,
        Some(serde_json::json!({"value": [{"id": "1"}]}))
    );
    assert_eq!(examples[1].example, 2);
    assert_eq!(examples[1].status, Some(404));
    assert_eq!(examples[1].response, None);
}
