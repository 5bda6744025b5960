//! Who is signed in: the token's decoded claims and the warnings they raise,
//! the national clouds, the typed session every sign-in path fills, and the
//! browser sign-in's pure protocol (PKCE, authorize URL, answers, errors).

pub mod admin_center;
pub mod authorize;
pub mod claims;
pub mod cloud;
pub mod entra_error;
pub mod permissions;
pub mod pkce;
pub mod session;

pub use crate::graph::Secret;
pub use claims::{Claims, ClaimsError, TokenInfo, TokenWarning};
pub use cloud::Cloud;
pub use session::{Session, SessionError, TokenSource};
