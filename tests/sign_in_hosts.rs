//! The site's Content-Security-Policy lets the browser sign-in reach every
//! national cloud's sign-in hosts (both of China's), besides the Graph hosts.

use lifecycle_viewer::app::site::csp::{allows, connect_sources};
use lifecycle_viewer::auth::Cloud;

fn policy() -> String {
    let html = include_str!("../index.html");
    let start = html
        .find("http-equiv=\"Content-Security-Policy\"")
        .expect("CSP meta");
    let content = &html[start..];
    let open = content.find("content=\"").expect("content") + "content=\"".len();
    let close = content[open..].find('"').expect("end of content");
    content[open..open + close].to_string()
}

#[test]
fn connect_src_allows_every_clouds_sign_in_hosts() {
    let sources = connect_sources(&policy()).expect("connect-src");
    for cloud in Cloud::NAMED {
        assert!(
            cloud.sign_in_hosts().contains(&cloud.login_host()),
            "{cloud:?}"
        );
        for host in cloud.sign_in_hosts() {
            let token = format!("https://{host}/organizations/oauth2/v2.0/token");
            assert!(
                allows(&sources, &token, "https://viewer.contoso.com"),
                "{token}"
            );
        }
    }
    assert_eq!(Cloud::China.sign_in_hosts().len(), 2);
    assert!(!allows(
        &sources,
        "https://login.evil.example/t/oauth2/v2.0/token",
        "https://viewer.contoso.com"
    ));
}
