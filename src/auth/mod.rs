//! Who is signed in: the token's decoded claims and the warnings they raise,
//! the national clouds, and the typed session every sign-in path fills.

pub mod admin_center;
pub mod claims;
pub mod cloud;
pub mod session;

pub use crate::graph::Secret;
pub use claims::{Claims, ClaimsError, TokenInfo, TokenWarning};
pub use cloud::Cloud;
pub use session::{Session, SessionError, TokenSource};
