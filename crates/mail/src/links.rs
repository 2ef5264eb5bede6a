//! The links in residents' messages: to confirm a follow, to unsubscribe from or manage
//! everything stored about a follower's address, and to answer "Blev det gjort?" about
//! an input. Each is signed (HMAC-SHA-256 with the
//! installation's key, shared by every instance through the database), so the sender can
//! make them for any follower without storing a secret per address, and an altered link
//! is refused. A link names a row and the second it was made; a follower who
//! unsubscribed and came back is a new row, and their old links lead nowhere.

use hmac::{Hmac, Mac};
use lofte_db::follows::PendingFollow;
use lofte_db::mail::FollowerKey;
use sha2::Sha256;

/// Bytes of the tag a link carries (128 bits).
const TAG_BYTES: usize = 16;

/// The key that signs followers' links.
#[derive(Clone)]
pub struct LinkKey([u8; 32]);

impl std::fmt::Debug for LinkKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("LinkKey(…)")
    }
}

/// What a link is for; part of what is signed, so one kind cannot stand for another.
#[derive(Clone, Copy)]
enum Purpose {
    Confirm,
    Follower,
    Answer,
}

impl LinkKey {
    /// The installation's key from the database, made on first use.
    pub async fn load(db: &lofte_db::Db) -> lofte_db::Result<LinkKey> {
        let mut candidate = [0u8; 32];
        getrandom::fill(&mut candidate).expect("the operating system's random source works");
        let stored = db
            .installation_key("follower_links", &hex(&candidate))
            .await?;
        LinkKey::from_hex(&stored)
            .ok_or_else(|| lofte_db::Error::Corrupt("installation key follower_links".into()))
    }

    fn from_hex(s: &str) -> Option<LinkKey> {
        let bytes = unhex(s)?;
        Some(LinkKey(bytes.try_into().ok()?))
    }

    /// A key for tests.
    pub fn fixed(bytes: [u8; 32]) -> LinkKey {
        LinkKey(bytes)
    }

    fn mac(&self, purpose: Purpose, id: i32, since: i64) -> Hmac<Sha256> {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.0).expect("any key length works");
        let purpose = match purpose {
            Purpose::Confirm => "confirm",
            Purpose::Follower => "follower",
            Purpose::Answer => "answer",
        };
        mac.update(format!("{purpose}:{id}:{since}").as_bytes());
        mac
    }

    fn token(&self, purpose: Purpose, id: i32, since: i64) -> String {
        let tag = self.mac(purpose, id, since).finalize().into_bytes();
        format!("{id}.{since}.{}", hex(&tag[..TAG_BYTES]))
    }

    fn parse(&self, purpose: Purpose, token: &str) -> Option<(i32, i64)> {
        let mut parts = token.split('.');
        let (id, since, tag) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() || tag.len() != 2 * TAG_BYTES {
            return None;
        }
        let (id, since) = (id.parse().ok()?, since.parse().ok()?);
        // Compared in constant time.
        self.mac(purpose, id, since)
            .verify_truncated_left(&unhex(tag)?)
            .ok()?;
        Some((id, since))
    }

    /// The token of the link that confirms `pending`.
    pub fn confirm_token(&self, pending: PendingFollow) -> String {
        self.token(Purpose::Confirm, pending.id, pending.since)
    }

    /// The follow a confirmation token names, if the token is unaltered.
    pub fn parse_confirm_token(&self, token: &str) -> Option<PendingFollow> {
        let (id, since) = self.parse(Purpose::Confirm, token)?;
        Some(PendingFollow { id, since })
    }

    /// The token of a follower's unsubscribe and manage links.
    pub fn follower_token(&self, follower: FollowerKey) -> String {
        self.token(Purpose::Follower, follower.id, follower.since)
    }

    /// The follower a token names, if the token is unaltered.
    pub fn parse_follower_token(&self, token: &str) -> Option<FollowerKey> {
        let (id, since) = self.parse(Purpose::Follower, token)?;
        Some(FollowerKey { id, since })
    }

    /// The token of the link that answers "Blev det gjort?" about input `input`, whose
    /// resident left their address at `since` (Unix seconds).
    pub fn answer_token(&self, input: i32, since: i64) -> String {
        self.token(Purpose::Answer, input, since)
    }

    /// The input and address time an answer token names, if the token is unaltered.
    pub fn parse_answer_token(&self, token: &str) -> Option<(i32, i64)> {
        self.parse(Purpose::Answer, token)
    }
}

/// Where a follower's links lead on the public site.
pub mod paths {
    /// The page to confirm a follow.
    pub fn confirm(token: &str) -> String {
        format!("/folj/bekrafta/{token}")
    }

    /// The page that shows and deletes everything stored about the address.
    pub fn manage(token: &str) -> String {
        format!("/folj/{token}")
    }

    /// The one-click unsubscribe (RFC 8058: a POST; a GET shows a button).
    pub fn unsubscribe(token: &str) -> String {
        format!("/folj/{token}/avsluta")
    }

    /// The page that asks "Blev det gjort?" (a GET shows the buttons; a POST answers).
    pub fn answer(token: &str) -> String {
        format!("/synpunkt/svar/{token}")
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(s: &str) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) || !s.is_ascii() {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_works_for_what_it_was_made_for_only() {
        let key = LinkKey::fixed([7; 32]);
        let follower = FollowerKey {
            id: 42,
            since: 1_765_000_000,
        };
        let token = key.follower_token(follower);
        assert_eq!(key.parse_follower_token(&token), Some(follower));
        // Not as a confirmation, not with another key, not altered anywhere.
        assert_eq!(key.parse_confirm_token(&token), None);
        assert_eq!(key.parse_answer_token(&token), None);
        assert_eq!(LinkKey::fixed([8; 32]).parse_follower_token(&token), None);
        assert_eq!(
            key.parse_follower_token(&token.replacen("42", "43", 1)),
            None
        );
        let mut flipped = token.clone();
        let last = flipped.pop().unwrap();
        flipped.push(if last == '0' { '1' } else { '0' });
        assert_eq!(key.parse_follower_token(&flipped), None);
        assert_eq!(key.parse_follower_token(&token[..token.len() - 2]), None);
        assert_eq!(key.parse_follower_token("42.1765000000"), None);
        assert_eq!(key.parse_follower_token("å.b.c"), None);
    }
}
