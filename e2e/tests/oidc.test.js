// Staff sign in with their organisation's account through OpenID Connect, against a
// real provider on loopback (the `oidc-provider` package, see oidc-provider.js): the
// authorization code flow with PKCE, the subject linked to the account an administrator
// created, and refusals of a wrong state, a replayed code and an unknown person.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { useApp, expectNoAxeViolations, screenshot } from './helpers.js';
import { startProvider, CLIENT_ID, CLIENT_SECRET } from './oidc-provider.js';

/** A free loopback port, so that the provider can know Löfte's address in advance. */
function freePort() {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

// Who signs in at the provider: its login form's user name is the subject.
const people = {
  anna: { email: 'samordnare@flen.example', email_verified: true },
  okand: { email: 'okand@flen.example', email_verified: true },
};
let provider;
const app = useApp({
  before,
  after,
  prepare: async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    provider = await startProvider({
      redirectUri: `${url}/logga-in/oidc`,
      claimsFor: (subject) => people[subject] ?? {},
    });
    return {
      bind: url.replace('http://', ''),
      env: {
        LOFTE_PUBLIC_URL: url,
        LOFTE_OIDC_ISSUER: provider.issuer,
        LOFTE_OIDC_CLIENT_ID: CLIENT_ID,
        LOFTE_OIDC_CLIENT_SECRET: CLIENT_SECRET,
      },
    };
  },
});
after(() => provider?.close());

/** Records the requests Löfte's callback gets, and the `state` of each sign-in started. */
function watch(page) {
  const seen = { callbacks: [], states: [] };
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname === '/logga-in/oidc') seen.callbacks.push(url);
    if (url.origin === provider.issuer && url.pathname === '/auth' && url.searchParams.has('state')) {
      seen.states.push(url.searchParams.get('state'));
    }
  });
  return seen;
}

/** From Löfte's sign-in page, through the provider's login and consent, back to Löfte. */
async function signInAtProvider(page, subject) {
  await page.goto('/logga-in');
  await page.getByRole('link', { name: 'Logga in med organisationens konto' }).click();
  await page.locator('input[name=login]').fill(subject);
  await page.locator('input[name=password]').fill('vilket lösenord som helst');
  await page.locator('button.login-submit').click();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForLoadState();
}

let usedCallback;

test('the sign-in page offers the organisation account; axe finds nothing', () =>
  app.withPage(async (page) => {
    await page.goto('/logga-in');
    await screenshot(page, 'sv-login-organisation-1280');
    await expectNoAxeViolations(page, '/logga-in with OpenID Connect');
  }));

test('a coordinator signs in with the organisation account, and the subject stays linked', async () => {
  await app.withPage(async (page) => {
    const seen = watch(page);
    await signInAtProvider(page, 'anna');
    assert.equal(new URL(page.url()).pathname, '/personal');
    assert.equal((await page.textContent('h1')).trim(), 'Översikt');
    assert.match(await page.textContent('header'), /Demo Samordnare/);
    const callback = seen.callbacks.at(-1);
    assert.ok(callback.searchParams.get('code'), 'the provider sent a code');
    usedCallback = callback;
  });
  // The provider now gives another address for the same person: the link by subject holds.
  people.anna = { email: 'anna.nytt.namn@flen.example', email_verified: true };
  await app.withPage(async (page) => {
    await signInAtProvider(page, 'anna');
    assert.equal(new URL(page.url()).pathname, '/personal');
    assert.match(await page.textContent('header'), /Demo Samordnare/);
  });
});

test('a replayed code and a wrong state are refused, and nobody is signed in', async () => {
  assert.ok(usedCallback, 'the sign-in test ran first');
  // Another browser starts a sign-in of its own, then comes back with the code that
  // was already used, under its own (right) state: the provider refuses the code.
  await app.withPage(async (page) => {
    const seen = watch(page);
    await page.goto('/logga-in/oidc/start?nasta=/personal');
    await page.locator('input[name=login]').waitFor();
    const replay = new URL('/logga-in/oidc', app.url);
    replay.searchParams.set('code', usedCallback.searchParams.get('code'));
    replay.searchParams.set('state', seen.states.at(-1));
    const response = await page.goto(replay.toString());
    assert.equal(response.status(), 400);
    assert.match(await page.textContent('.error-summary'), /kunde inte slutföras/);
    const after = await page.goto('/personal');
    assert.equal(new URL(page.url()).pathname, '/logga-in', `not signed in (${after.status()})`);
  });
  // A return whose state is not the pending one's.
  await app.withPage(async (page) => {
    await page.goto('/logga-in/oidc/start?nasta=/personal');
    await page.locator('input[name=login]').waitFor();
    const response = await page.goto('/logga-in/oidc?code=abc&state=fel');
    assert.equal(response.status(), 400);
    assert.match(await page.textContent('.error-summary'), /kunde inte slutföras/);
  });
  // The right code and state, replayed after the sign-in completed: nothing pending.
  await app.withPage(async (page) => {
    const response = await page.goto(usedCallback.pathname + usedCallback.search);
    assert.equal(response.status(), 400);
  });
});

test('a person without a Löfte account is told to ask an administrator', () =>
  app.withPage(async (page) => {
    await signInAtProvider(page, 'okand');
    assert.equal(new URL(page.url()).pathname, '/logga-in/oidc');
    assert.match(await page.textContent('.error-summary'), /Det finns inget konto i Löfte/);
    await screenshot(page, 'sv-login-organisation-unknown-1280');
    await page.goto('/personal');
    assert.equal(new URL(page.url()).pathname, '/logga-in');
  }));
