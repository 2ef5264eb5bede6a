//! Sign-in with an organisation's identity provider over OpenID Connect: the
//! authorization code flow with PKCE (S256), a random `state` and `nonce`, and the ID
//! token checked by `openidconnect` (signature against the provider's published keys,
//! issuer, audience, expiry, nonce). Why that crate: it is the maintained Rust
//! implementation of the relying party, and checking tokens by hand is where such code
//! goes wrong.
//!
//! The provider's metadata (with its signing keys) is read when the first person signs
//! in and kept for an hour, then read again, so that keys the provider rotates or
//! withdraws are followed without a restart; an ID token whose signature does not check
//! out drops the kept copy at once. A provider that cannot be reached is tried again at
//! the next sign-in rather than keeping the server from starting.

use openidconnect::core::{CoreAuthenticationFlow, CoreClient, CoreProviderMetadata};
use openidconnect::{
    AuthorizationCode, ClientId, ClientSecret, CsrfToken, EndpointMaybeSet, EndpointNotSet,
    EndpointSet, IssuerUrl, Nonce, OAuth2TokenResponse, PkceCodeChallenge, PkceCodeVerifier,
    RedirectUrl, Scope, TokenResponse,
};
use serde::{Deserialize, Serialize};
use tokio::sync::RwLock;

/// How long the provider's metadata and keys are kept before they are read again.
const METADATA_KEPT: std::time::Duration = std::time::Duration::from_secs(3600);
/// How long a sign-in may take at the provider before its return is refused.
const PENDING_SECONDS: i64 = 10 * 60;

/// The client as discovery leaves it: an authorization endpoint, and a token and a
/// userinfo endpoint if the provider names them.
type Client = CoreClient<
    EndpointSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointMaybeSet,
    EndpointMaybeSet,
>;

/// What an installation configures to let staff sign in with their organisation's
/// identity provider.
#[derive(Debug, Clone)]
pub struct OidcSettings {
    /// The provider's issuer URL; its metadata is at `/.well-known/openid-configuration`.
    pub issuer: String,
    pub client_id: String,
    /// `None` for a public client (PKCE alone).
    pub client_secret: Option<String>,
    /// Where the provider sends the browser back: `{public_url}/logga-in/oidc`.
    pub redirect_url: String,
    /// The sign-in button's words, e.g. "Logga in med Flens kommuns konto"; `None`: the
    /// default wording.
    pub label: Option<String>,
}

/// The relying party: settings, an HTTP client that follows no redirects (the crate's
/// advice against request forgery), and the provider's metadata once read.
pub struct Oidc {
    pub settings: OidcSettings,
    http: openidconnect::reqwest::Client,
    client: RwLock<Option<(Client, std::time::Instant)>>,
}

/// What is kept in the browser's session between sending it to the provider and its
/// return: used once, then removed.
#[derive(Debug, Serialize, Deserialize)]
pub struct Pending {
    state: String,
    nonce: String,
    verifier: String,
    /// Where to go after signing in (a local path, already checked).
    pub next: String,
    /// Unix seconds when the sign-in started.
    started: i64,
}

/// Who the provider says signed in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signed {
    pub issuer: String,
    pub subject: String,
    /// The e-mail address, only when the provider says it verified it.
    pub verified_email: Option<String>,
}

/// Why a sign-in through the provider did not complete.
#[derive(Debug, thiserror::Error)]
pub enum OidcError {
    /// The provider could not be reached or answered nonsense (its metadata, keys or
    /// token endpoint).
    #[error("identity provider unavailable: {0}")]
    Unavailable(String),
    /// The browser's return does not belong to a sign-in started here (no pending
    /// sign-in in the session, or another `state`), or the provider refused the code
    /// (already used, expired, another verifier) or reported an error.
    #[error("sign-in refused: {0}")]
    Refused(String),
}

impl Oidc {
    pub fn new(settings: OidcSettings) -> Result<Oidc, String> {
        IssuerUrl::new(settings.issuer.clone()).map_err(|e| format!("oidc_issuer: {e}"))?;
        RedirectUrl::new(settings.redirect_url.clone()).map_err(|e| format!("public_url: {e}"))?;
        let http = openidconnect::reqwest::ClientBuilder::new()
            .redirect(openidconnect::reqwest::redirect::Policy::none())
            .timeout(std::time::Duration::from_secs(10))
            .build()
            .map_err(|e| e.to_string())?;
        Ok(Oidc {
            settings,
            http,
            client: RwLock::new(None),
        })
    }

    /// The client with the provider's metadata, read again when older than an hour.
    async fn client(&self) -> Result<Client, OidcError> {
        if let Some((client, read)) = &*self.client.read().await
            && read.elapsed() < METADATA_KEPT
        {
            return Ok(client.clone());
        }
        let issuer = IssuerUrl::new(self.settings.issuer.clone())
            .map_err(|e| OidcError::Unavailable(e.to_string()))?;
        let metadata = CoreProviderMetadata::discover_async(issuer, &self.http)
            .await
            .map_err(|e| OidcError::Unavailable(e.to_string()))?;
        let redirect = RedirectUrl::new(self.settings.redirect_url.clone())
            .map_err(|e| OidcError::Unavailable(e.to_string()))?;
        let client = CoreClient::from_provider_metadata(
            metadata,
            ClientId::new(self.settings.client_id.clone()),
            self.settings.client_secret.clone().map(ClientSecret::new),
        )
        .set_redirect_uri(redirect);
        *self.client.write().await = Some((client.clone(), std::time::Instant::now()));
        Ok(client)
    }

    /// Forgets the kept metadata, so that the next sign-in reads the provider's keys again.
    async fn forget_metadata(&self) {
        *self.client.write().await = None;
    }

    /// Where to send the browser to sign in, and what to keep in its session meanwhile.
    pub async fn start(&self, next: String) -> Result<(String, Pending), OidcError> {
        let client = self.client().await?;
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let (url, state, nonce) = client
            .authorize_url(
                CoreAuthenticationFlow::AuthorizationCode,
                CsrfToken::new_random,
                Nonce::new_random,
            )
            .add_scope(Scope::new("email".to_owned()))
            .set_pkce_challenge(challenge)
            .url();
        Ok((
            url.to_string(),
            Pending {
                state: state.secret().clone(),
                nonce: nonce.secret().clone(),
                verifier: verifier.secret().clone(),
                next,
                started: chrono::Utc::now().timestamp(),
            },
        ))
    }

    /// Completes a sign-in the browser came back from with `code` and `state`: the
    /// state must be the pending one's, the code is exchanged with the PKCE verifier,
    /// and the ID token checked with the nonce.
    pub async fn finish(
        &self,
        pending: &Pending,
        code: &str,
        state: &str,
    ) -> Result<Signed, OidcError> {
        if !constant_time_eq(state.as_bytes(), pending.state.as_bytes()) {
            return Err(OidcError::Refused("state does not match".into()));
        }
        if chrono::Utc::now().timestamp() - pending.started > PENDING_SECONDS {
            return Err(OidcError::Refused("the sign-in took too long".into()));
        }
        let client = self.client().await?;
        let tokens = client
            .exchange_code(AuthorizationCode::new(code.to_owned()))
            .map_err(|e| OidcError::Unavailable(e.to_string()))?
            .set_pkce_verifier(PkceCodeVerifier::new(pending.verifier.clone()))
            .request_async(&self.http)
            .await
            .map_err(|e| match e {
                openidconnect::RequestTokenError::ServerResponse(r) => {
                    OidcError::Refused(format!("token endpoint: {r}"))
                }
                other => OidcError::Unavailable(other.to_string()),
            })?;
        let token = tokens
            .id_token()
            .ok_or_else(|| OidcError::Refused("no ID token".into()))?;
        let claims = match token.claims(
            &client.id_token_verifier(),
            &Nonce::new(pending.nonce.clone()),
        ) {
            Ok(claims) => claims,
            Err(e) => {
                // Perhaps signed with a key the provider rotated in since we read its
                // keys: the next sign-in reads them again.
                self.forget_metadata().await;
                return Err(OidcError::Refused(format!("ID token: {e}")));
            }
        };
        let mut verified_email = claims
            .email()
            .filter(|_| claims.email_verified() == Some(true))
            .map(|e| e.to_string());
        // Providers that follow the core specification to the letter give the e-mail
        // only at the userinfo endpoint (the ID token then holds little but `sub`).
        if verified_email.is_none()
            && let Ok(request) = client.user_info(
                tokens.access_token().clone(),
                Some(claims.subject().clone()),
            )
        {
            let info: openidconnect::core::CoreUserInfoClaims = request
                .request_async(&self.http)
                .await
                .map_err(|e| OidcError::Unavailable(format!("userinfo: {e}")))?;
            verified_email = info
                .email()
                .filter(|_| info.email_verified() == Some(true))
                .map(|e| e.to_string());
        }
        Ok(Signed {
            issuer: claims.issuer().to_string(),
            subject: claims.subject().to_string(),
            verified_email,
        })
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
