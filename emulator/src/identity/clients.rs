//! The app registrations the emulated tenant knows: the viewer's demo app
//! (platform "Single-page application", any loopback redirect URI) and a
//! second app whose redirect URIs are of type "Web", so the SPA-only rules
//! of the token endpoint (AADSTS9002326/9002327) can be shown, and a third
//! (SPA) that no administrator consented to (AADSTS65001).

/// The demo app's client id (the `appid` of the emulator's tokens).
pub const DEMO_CLIENT_ID: &str = "5f1c3b0a-7d29-4c4e-9a51-3b2f8e6d1c70";
/// An app registered with "Web" redirect URIs (not a single-page app).
pub const WEB_CLIENT_ID: &str = "0e4c2d6b-1a35-4f8e-b7c9-2d5a8e1f3b60";

/// A single-page app without admin consent for any Graph permission.
pub const UNCONSENTED_CLIENT_ID: &str = "7a3d9e2f-4b1c-4d6a-8e5f-9c0b1a2d3e4f";

/// The Graph permissions an administrator consented to for the demo apps.
const CONSENTED: &[&str] = &[
    "LifecycleWorkflows-Reports.Read.All",
    "LifecycleWorkflows-Workflow.ReadBasic.All",
    "LifecycleWorkflows-Workflow.Read.All",
    "LifecycleWorkflows.Read.All",
    "User.ReadBasic.All",
    "User.Read",
];

/// The platform a redirect URI is registered under.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Platform {
    /// "Single-page application": cross-origin redemption, PKCE, 24-hour refresh tokens.
    Spa,
    /// "Web": a confidential server redeems the code.
    Web,
}

/// A registered app.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Client {
    pub id: &'static str,
    pub name: &'static str,
    pub platform: Platform,
    /// Graph permissions with admin consent.
    pub consented: &'static [&'static str],
}

const CLIENTS: [Client; 3] = [
    Client {
        id: DEMO_CLIENT_ID,
        name: "Lifecycle Workflows viewer (demo)",
        platform: Platform::Spa,
        consented: CONSENTED,
    },
    Client {
        id: WEB_CLIENT_ID,
        name: "Lifecycle Workflows viewer (Web platform)",
        platform: Platform::Web,
        consented: CONSENTED,
    },
    Client {
        id: UNCONSENTED_CLIENT_ID,
        name: "Lifecycle Workflows viewer (no consent)",
        platform: Platform::Spa,
        consented: &[],
    },
];

/// The requested Graph permissions (resource-qualified scopes) without consent.
pub fn missing_consent(client: &Client, scope: &str) -> Vec<String> {
    scope
        .split_whitespace()
        .filter_map(|s| s.rsplit_once('/').map(|(_, p)| p))
        .filter(|p| !p.is_empty() && !p.eq_ignore_ascii_case(".default"))
        .filter(|p| !client.consented.iter().any(|c| c.eq_ignore_ascii_case(p)))
        .map(str::to_string)
        .collect()
}

/// The registered app with this client id (compared without case).
pub fn find(client_id: &str) -> Option<Client> {
    CLIENTS
        .into_iter()
        .find(|c| c.id.eq_ignore_ascii_case(client_id.trim()))
}

/// Whether `uri` is registered for the demo apps: any `http` URI on a
/// loopback host (`127.0.0.1`, `localhost`, `[::1]`), any port and path,
/// without a fragment (Entra's rule for loopback redirect URIs, widened to
/// every path so a site under a sub-path signs in too).
pub fn redirect_registered(uri: &str) -> bool {
    let Some(rest) = uri.strip_prefix("http://") else {
        return false;
    };
    if uri.contains('#') {
        return false;
    }
    let authority = rest.split(['/', '?']).next().unwrap_or_default();
    let host = match authority.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or_default(),
        None => authority.split(':').next().unwrap_or_default(),
    };
    matches!(host, "127.0.0.1" | "localhost" | "::1")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_registered_apps_only() {
        assert_eq!(
            find(DEMO_CLIENT_ID).map(|c| c.platform),
            Some(Platform::Spa)
        );
        assert_eq!(
            find(&WEB_CLIENT_ID.to_uppercase()).map(|c| c.platform),
            Some(Platform::Web)
        );
        assert!(find("00000000-0000-0000-0000-000000000000").is_none());
    }

    #[test]
    fn consent_covers_the_viewers_permissions_except_for_the_unconsented_app() {
        let scope = "openid offline_access https://graph.microsoft.com/LifecycleWorkflows-Reports.Read.All https://graph.microsoft.com/User.ReadBasic.All";
        let demo = find(DEMO_CLIENT_ID).unwrap();
        assert!(missing_consent(&demo, scope).is_empty());
        let none = find(UNCONSENTED_CLIENT_ID).unwrap();
        assert_eq!(
            missing_consent(&none, scope),
            vec!["LifecycleWorkflows-Reports.Read.All", "User.ReadBasic.All"]
        );
        assert_eq!(
            missing_consent(&demo, "https://graph.microsoft.com/Directory.ReadWrite.All"),
            vec!["Directory.ReadWrite.All"]
        );
    }

    #[test]
    fn loopback_redirects_are_registered_others_not() {
        assert!(redirect_registered("http://127.0.0.1:8640/"));
        assert!(redirect_registered("http://localhost:3000/lifecycle/"));
        assert!(redirect_registered("http://[::1]:9/"));
        assert!(!redirect_registered("https://evil.example/"));
        assert!(!redirect_registered("http://127.0.0.1.evil.example/"));
        assert!(!redirect_registered("http://127.0.0.1:1/#frag"));
        assert!(!redirect_registered("javascript:alert(1)"));
    }
}
