//! Who is signed in: the bearer token (kept secret), its decoded claims and
//! the warnings they raise, the national clouds, and the session struct.

pub mod claims;
pub mod cloud;
pub mod secret;
pub mod session;

pub use claims::{Claims, ClaimsError, TokenInfo, TokenWarning};
pub use cloud::Cloud;
pub use secret::Secret;
pub use session::Session;
