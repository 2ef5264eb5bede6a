// A real OpenID Connect provider on loopback for the sign-in tests: the `oidc-provider`
// package (a certified implementation) with its development login pages, one client
// (Löfte) that must use PKCE, and accounts whose claims the test chooses.
import http from 'node:http';
import Provider from 'oidc-provider';

export const CLIENT_ID = 'lofte';
export const CLIENT_SECRET = 'a-client-secret-for-tests-only-0123456789';

/**
 * Starts the provider on a free loopback port. `redirectUri` is Löfte's callback;
 * `claimsFor(subject)` gives the claims of whoever signs in as `subject` (the login
 * form's user name). Resolves to { issuer, close() }.
 */
export async function startProvider({ redirectUri, claimsFor }) {
  let handler = (_req, res) => res.end();
  const server = http.createServer((req, res) => handler(req, res));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        redirect_uris: [redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    pkce: { required: () => true },
    claims: { openid: ['sub'], email: ['email', 'email_verified'] },
    findAccount: async (_ctx, subject) => ({
      accountId: subject,
      claims: async () => ({ sub: subject, ...claimsFor(subject) }),
    }),
    features: { devInteractions: { enabled: true } },
    cookies: { keys: ['a-cookie-key-for-tests-only'] },
  });
  handler = provider.callback();
  return {
    issuer,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
