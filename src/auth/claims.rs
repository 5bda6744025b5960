//! Decoding a pasted JWT's payload locally (base64url, no signature check)
//! and what it tells the sign-in page: who, until when, which permissions,
//! and what is likely to go wrong before the first call does.

use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::DecodePaddingMode;
use base64::{alphabet, Engine};
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Deserializer};
use serde_json::Value;

use super::cloud::Cloud;
use super::permissions::{self, READ_ROLE_IDS};
use crate::model::lenient;

/// First-party apps whose tokens lack Lifecycle Workflows scopes:
/// Azure CLI and Azure PowerShell.
const AZURE_CLI_APP_IDS: [&str; 2] = [
    "04b07795-8ddb-461a-bbee-02f9e1bf7b46",
    "1950a258-227b-4e31-a9cf-717495945fc2",
];

/// Why a pasted text is not a readable token.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ClaimsError {
    #[error("The token is empty.")]
    Empty,
    #[error("This is not a JWT access token (expected three parts separated by dots).")]
    NotAJwt,
    #[error("The token's payload is not valid base64url.")]
    BadBase64,
    #[error("The token's payload is not a JSON object.")]
    BadJson,
}

/// The claims the viewer reads. Every claim is optional.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
pub struct Claims {
    /// `aud`: one audience or several.
    #[serde(default, deserialize_with = "string_or_list")]
    pub aud: Vec<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub tid: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub oid: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub upn: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub unique_name: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub preferred_username: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub name: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub app_displayname: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub appid: Option<String>,
    /// v2 tokens name the client `azp`.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub azp: Option<String>,
    #[serde(default, deserialize_with = "epoch")]
    pub exp: Option<i64>,
    #[serde(default, deserialize_with = "epoch")]
    pub iat: Option<i64>,
    #[serde(default, deserialize_with = "epoch")]
    pub nbf: Option<i64>,
    /// Delegated scopes, space-separated.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub scp: Option<String>,
    /// Application roles.
    #[serde(default, deserialize_with = "string_or_list")]
    pub roles: Vec<String>,
    /// Entra directory role template ids of the user.
    #[serde(default, deserialize_with = "string_or_list")]
    pub wids: Vec<String>,
}

fn string_or_list<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::String(s) => vec![s],
        Value::Array(items) => items
            .into_iter()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect(),
        _ => Vec::new(),
    })
}

fn epoch<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::Number(n) => n.as_i64().or_else(|| {
            n.as_f64()
                .filter(|f| f.is_finite() && f.abs() < 1e15)
                .map(|f| f as i64)
        }),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    })
}

/// Decodes the payload (middle part) of a JWT without checking its signature.
pub fn decode_payload(token: &str) -> Result<Claims, ClaimsError> {
    let token = super::Secret::new(token);
    let token = token.expose();
    if token.is_empty() {
        return Err(ClaimsError::Empty);
    }
    let parts: Vec<&str> = token.split('.').collect();
    let [_, payload, _] = parts.as_slice() else {
        return Err(ClaimsError::NotAJwt);
    };
    let normalized: String = payload
        .trim()
        .chars()
        .map(|c| match c {
            '+' => '-',
            '/' => '_',
            other => other,
        })
        .collect();
    let engine = GeneralPurpose::new(
        &alphabet::URL_SAFE,
        GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
    );
    let bytes = engine
        .decode(normalized.as_bytes())
        .map_err(|_| ClaimsError::BadBase64)?;
    let json: Value = serde_json::from_slice(&bytes).map_err(|_| ClaimsError::BadJson)?;
    if !json.is_object() {
        return Err(ClaimsError::BadJson);
    }
    Claims::deserialize(json).map_err(|_| ClaimsError::BadJson)
}

/// Something the sign-in page should tell before the first call fails.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenWarning {
    /// `aud` is not the chosen cloud's Graph.
    AudienceMismatch { audience: String, expected: String },
    /// `exp` is in the past.
    Expired { at: DateTime<Utc> },
    /// Fewer than ten minutes left.
    ExpiresSoon { minutes: i64 },
    /// No permission that reads runs and results.
    NoReportsPermission,
    /// No permission that lists workflows (runs can still be opened by id).
    NoWorkflowListPermission,
    /// No permission to read users: subjects show as ids.
    NoUserReadPermission,
    /// A delegated token whose `wids` lack Global Reader / Lifecycle Workflows Administrator.
    MissingDirectoryRole,
    /// An Azure CLI / Azure PowerShell token.
    AzureCliToken,
}

impl TokenWarning {
    /// Calls will fail with this warning (as opposed to degrade).
    pub fn is_blocking(&self) -> bool {
        matches!(
            self,
            TokenWarning::AudienceMismatch { .. }
                | TokenWarning::Expired { .. }
                | TokenWarning::NoReportsPermission
        )
    }

    /// What to tell the administrator.
    pub fn message(&self) -> String {
        match self {
            TokenWarning::AudienceMismatch { audience, expected } => format!(
                "This token is for {audience}, not {expected}. Get a token for the chosen cloud's Microsoft Graph, or choose the matching cloud."
            ),
            TokenWarning::Expired { at } => format!(
                "This token expired at {} UTC. Get a fresh one.",
                at.format("%Y-%m-%d %H:%M")
            ),
            TokenWarning::ExpiresSoon { minutes } => format!(
                "This token expires in {minutes} min; loading large runs may not finish."
            ),
            TokenWarning::NoReportsPermission => "This token lacks LifecycleWorkflows-Reports.Read.All (or LifecycleWorkflows.Read.All): runs and results cannot be read. A signed-in user also needs the Global Reader or Lifecycle Workflows Administrator role.".to_string(),
            TokenWarning::NoWorkflowListPermission => "This token cannot list workflows (needs LifecycleWorkflows-Workflow.ReadBasic.All or LifecycleWorkflows.Read.All); open a workflow by its id instead.".to_string(),
            TokenWarning::NoUserReadPermission => "This token cannot read users (needs User.ReadBasic.All): people will show as object ids.".to_string(),
            TokenWarning::MissingDirectoryRole => "The signed-in user does not seem to hold the Global Reader or Lifecycle Workflows Administrator role, which delegated access needs.".to_string(),
            TokenWarning::AzureCliToken => "This looks like an Azure CLI or Azure PowerShell token. Those usually lack the Lifecycle Workflows permissions; use Graph Explorer, Microsoft Graph PowerShell or an app registration with LifecycleWorkflows-Reports.Read.All.".to_string(),
        }
    }
}

/// A decoded token and the questions the app asks about it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TokenInfo {
    pub claims: Claims,
    /// `scp` split on spaces.
    pub scopes: Vec<String>,
}

impl TokenInfo {
    /// Decodes `token` (see [`decode_payload`]).
    pub fn from_token(token: &str) -> Result<TokenInfo, ClaimsError> {
        Ok(TokenInfo::from_claims(decode_payload(token)?))
    }

    /// Wraps decoded claims.
    pub fn from_claims(claims: Claims) -> TokenInfo {
        let scopes = claims
            .scp
            .as_deref()
            .unwrap_or_default()
            .split_whitespace()
            .map(str::to_string)
            .collect();
        TokenInfo { claims, scopes }
    }

    /// The signed-in user's name, else the app's, else `"unknown"`.
    pub fn who(&self) -> String {
        let c = &self.claims;
        [
            &c.upn,
            &c.unique_name,
            &c.preferred_username,
            &c.name,
            &c.app_displayname,
            &c.appid,
            &c.azp,
        ]
        .into_iter()
        .find_map(|v| v.clone())
        .unwrap_or_else(|| "unknown".to_string())
    }

    /// An application (app-only) token: roles, no delegated scopes.
    pub fn is_app_only(&self) -> bool {
        self.scopes.is_empty() && !self.claims.roles.is_empty()
    }

    /// The client application id (`appid` or `azp`).
    pub fn client_app_id(&self) -> Option<&str> {
        self.claims.appid.as_deref().or(self.claims.azp.as_deref())
    }

    /// `exp` as a date.
    pub fn expires_at(&self) -> Option<DateTime<Utc>> {
        DateTime::from_timestamp(self.claims.exp?, 0)
    }

    /// Time left (negative once expired).
    pub fn expires_in(&self, now: DateTime<Utc>) -> Option<Duration> {
        Some(self.expires_at()?.signed_duration_since(now))
    }

    /// Whether `exp` has passed (a token without `exp` is not called expired).
    pub fn is_expired(&self, now: DateTime<Utc>) -> bool {
        self.expires_at().is_some_and(|at| at <= now)
    }

    /// Scopes and roles together.
    pub fn permissions(&self) -> impl Iterator<Item = &str> {
        self.scopes
            .iter()
            .chain(self.claims.roles.iter())
            .map(String::as_str)
    }

    /// Whether the token carries `name` as scope or role (case-insensitive).
    pub fn has_permission(&self, name: &str) -> bool {
        self.permissions().any(|p| p.eq_ignore_ascii_case(name))
    }

    /// Runs, results, task reports and summaries.
    pub fn can_read_reports(&self) -> bool {
        permissions::REPORTS.is_met_by(self)
    }

    /// The workflow list and workflow details.
    pub fn can_list_workflows(&self) -> bool {
        permissions::WORKFLOW_LIST.is_met_by(self)
    }

    /// Any Lifecycle Workflows read access (reports or the workflow list).
    pub fn has_lwf_read(&self) -> bool {
        self.can_read_reports() || self.can_list_workflows()
    }

    /// User names for subject ids.
    pub fn can_read_users(&self) -> bool {
        permissions::USERS.is_met_by(self)
    }

    /// Issued to Azure CLI or Azure PowerShell.
    pub fn is_azure_cli_token(&self) -> bool {
        self.client_app_id()
            .is_some_and(|id| AZURE_CLI_APP_IDS.iter().any(|c| c.eq_ignore_ascii_case(id)))
    }

    /// Everything worth telling before the first call, most serious first.
    pub fn warnings(&self, cloud: &Cloud, now: DateTime<Utc>) -> Vec<TokenWarning> {
        let mut out = Vec::new();
        if let Some(at) = self.expires_at() {
            if at <= now {
                out.push(TokenWarning::Expired { at });
            } else if at - now < Duration::minutes(10) {
                out.push(TokenWarning::ExpiresSoon {
                    minutes: (at - now).num_minutes(),
                });
            }
        }
        if !self.claims.aud.is_empty() && !self.claims.aud.iter().any(|a| cloud.accepts_audience(a))
        {
            out.push(TokenWarning::AudienceMismatch {
                audience: self.claims.aud.join(", "),
                expected: cloud.graph_base_url(),
            });
        }
        if !self.can_read_reports() {
            out.push(TokenWarning::NoReportsPermission);
        }
        if !self.can_list_workflows() {
            out.push(TokenWarning::NoWorkflowListPermission);
        }
        if !self.is_app_only() && !self.claims.wids.is_empty() && !self.has_lw_role() {
            out.push(TokenWarning::MissingDirectoryRole);
        }
        if !self.can_read_users() {
            out.push(TokenWarning::NoUserReadPermission);
        }
        if self.is_azure_cli_token() {
            out.push(TokenWarning::AzureCliToken);
        }
        out
    }

    fn has_lw_role(&self) -> bool {
        self.claims
            .wids
            .iter()
            .any(|w| READ_ROLE_IDS.iter().any(|r| r.eq_ignore_ascii_case(w)))
    }
}
