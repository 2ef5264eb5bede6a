//! Signing in: accounts with Argon2id passwords, sessions stored in the application's own
//! database (so several instances share them), and API tokens for machine clients.

mod backend;
mod secrets;
mod store;

pub use backend::{AuthSession, Backend, Credentials, StaffUser};
pub use secrets::{
    generate_password, generate_token, hash_password, token_digest, verify_password,
};
pub use store::DbSessionStore;
