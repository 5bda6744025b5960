//! The signed-in session: cloud, API version, the token (a [`Secret`]), what
//! its claims say and how it arrived. Plain data: the app holds one in its
//! session context; a pasted token, the demo tenant's token, a browser
//! sign-in and a token handed over by a host portal all build this type.

use chrono::{DateTime, Utc};

use super::claims::{ClaimsError, TokenInfo, TokenWarning};
use super::cloud::Cloud;
use crate::graph::{ApiVersion, GraphBase, GraphClient, Secret};

/// How the token reached the viewer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenSource {
    /// Pasted on the sign-in screen.
    Pasted,
    /// Fetched from the demo tenant's token URL (`config.json`).
    DemoTenant,
    /// Redeemed by the viewer's own browser sign-in.
    BrowserSignIn,
    /// Handed over by the portal that embeds the viewer.
    HostPortal,
}

/// Why a session could not be started.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SessionError {
    #[error("Paste an access token first.")]
    EmptyToken,
    #[error("Enter the Graph endpoint as a full URL, e.g. http://127.0.0.1:8081.")]
    BadEndpoint,
    #[error("This is not a readable JWT access token: {0} Paste the whole token (three dot-separated parts).")]
    Unreadable(ClaimsError),
}

/// Who is signed in, where.
#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    pub cloud: Cloud,
    pub api_version: ApiVersion,
    pub token: Secret,
    /// The token's claims, decoded once.
    pub info: TokenInfo,
    pub source: TokenSource,
}

impl Session {
    /// Starts a session from a pasted token (a leading `Bearer ` and
    /// whitespace are dropped); fails when the token is not a readable JWT.
    pub fn new(
        cloud: Cloud,
        api_version: ApiVersion,
        token: &str,
    ) -> Result<Session, SessionError> {
        Session::from_secret(cloud, api_version, Secret::new(token), TokenSource::Pasted)
    }

    /// Starts a session from a token that arrived by `source`.
    pub fn from_secret(
        cloud: Cloud,
        api_version: ApiVersion,
        token: Secret,
        source: TokenSource,
    ) -> Result<Session, SessionError> {
        if token.is_empty() {
            return Err(SessionError::EmptyToken);
        }
        let base = cloud.graph_base_url().to_ascii_lowercase();
        if !(base.starts_with("https://") || base.starts_with("http://")) {
            return Err(SessionError::BadEndpoint);
        }
        let info = TokenInfo::from_token(token.expose()).map_err(SessionError::Unreadable)?;
        Ok(Session {
            cloud,
            api_version,
            token,
            info,
            source,
        })
    }

    /// Graph root and version of this session.
    pub fn graph_base(&self) -> GraphBase {
        GraphBase::new(&self.cloud.graph_base_url(), self.api_version)
    }

    /// A client for this session (browser transport).
    pub fn client(&self) -> GraphClient {
        GraphClient::new(self.graph_base(), self.token.clone())
    }

    /// The token's warnings for this session's cloud.
    pub fn warnings(&self, now: DateTime<Utc>) -> Vec<TokenWarning> {
        self.info.warnings(&self.cloud, now)
    }

    /// Whether the token has expired.
    pub fn is_expired(&self, now: DateTime<Utc>) -> bool {
        self.info.is_expired(now)
    }
}
