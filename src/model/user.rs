//! A directory user, as far as the viewer needs it (names for subject ids).

use serde::{Deserialize, Serialize};

use super::lenient;

/// `GET /users/{id}?$select=id,displayName,userPrincipalName`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GraphUser {
    #[serde(default, deserialize_with = "lenient::string")]
    pub id: String,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub display_name: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub user_principal_name: Option<String>,
}

impl GraphUser {
    /// Display name, else UPN, else id.
    pub fn name(&self) -> &str {
        self.display_name
            .as_deref()
            .or(self.user_principal_name.as_deref())
            .unwrap_or(&self.id)
    }
}
