//! Passwords, tokens and their digests. Hashing runs off the async runtime: Argon2id is
//! deliberately slow and would stall every other request on the thread.

use sha2::{Digest, Sha256};

/// Argon2id PHC string for `password`.
pub async fn hash_password(password: String) -> String {
    tokio::task::spawn_blocking(move || password_auth::generate_hash(password))
        .await
        .expect("hashing does not panic")
}

/// Whether `password` matches the PHC string `hash`.
pub async fn verify_password(password: String, hash: String) -> bool {
    tokio::task::spawn_blocking(move || password_auth::verify_password(password, &hash).is_ok())
        .await
        .expect("verifying does not panic")
}

/// Letters and digits that cannot be mistaken for one another when read aloud or typed
/// from a printout (no 0/O, 1/l/I).
const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/// `n` characters of [`ALPHABET`], each drawn from the operating system's random source.
fn random_chars(n: usize) -> String {
    // Rejection sampling keeps every character equally likely: bytes at or above the
    // largest multiple of the alphabet's length are drawn again.
    let limit = 256 - 256 % ALPHABET.len();
    let mut out = String::with_capacity(n);
    let mut bytes = [0u8; 64];
    while out.len() < n {
        getrandom::fill(&mut bytes).expect("the operating system's random source is available");
        for byte in bytes.iter().map(|b| usize::from(*b)).filter(|b| *b < limit) {
            if out.len() == n {
                break;
            }
            out.push(ALPHABET[byte % ALPHABET.len()] as char);
        }
    }
    out
}

/// A fresh password for a new or reset account: 20 characters, about 116 bits.
pub fn generate_password() -> String {
    let c = random_chars(20);
    format!("{}-{}-{}-{}", &c[0..5], &c[5..10], &c[10..15], &c[15..20])
}

/// A fresh API token: `lofte_` and 40 characters, about 232 bits.
pub fn generate_token() -> String {
    format!("lofte_{}", random_chars(40))
}

/// The secret of a single-use link (a password reset): 43 characters, about 250 bits.
pub fn generate_link_secret() -> String {
    random_chars(43)
}

/// What is stored of a token: its SHA-256, hex. Tokens are long and random, so a fast
/// hash is enough (unlike passwords).
pub fn token_digest(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn passwords_hash_and_verify() {
        let hash = hash_password("en lång lösenfras".into()).await;
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password("en lång lösenfras".into(), hash.clone()).await);
        assert!(!verify_password("fel".into(), hash).await);
    }

    #[test]
    fn generated_secrets_are_long_and_distinct() {
        let a = generate_password();
        assert_eq!(a.len(), 23);
        assert_ne!(a, generate_password());
        let t = generate_token();
        assert!(t.starts_with("lofte_") && t.len() == 46);
        assert_eq!(token_digest("abc").len(), 64);
    }

    /// Every character of the alphabet turns up, and none far more often than the rest:
    /// no position of the secret is fixed or biased (as UUID v4's version bits were).
    #[test]
    fn every_character_is_about_equally_likely() {
        let drawn = random_chars(56_000);
        let mut counts = std::collections::HashMap::new();
        for c in drawn.chars() {
            *counts.entry(c).or_insert(0u32) += 1;
        }
        assert_eq!(counts.len(), ALPHABET.len());
        // 1,000 expected each; 5 standard deviations (about 160) either side.
        assert!(
            counts.values().all(|n| (840..=1160).contains(n)),
            "{counts:?}"
        );
    }
}
