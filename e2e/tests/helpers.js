// Shared fixtures for the Löfte end-to-end tests: the server, the browser,
// pages, accessibility checks (axe) and screenshots.
import { spawn } from 'node:child_process';
import zlib from 'node:zlib';
import { mkdtemp, mkdir, rm, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';

const here = path.dirname(fileURLToPath(import.meta.url));
/** The e2e/ folder. */
export const E2E_DIR = path.resolve(here, '..');
/** The lofte binary: $LOFTE_BIN, or ../target/debug/lofte relative to e2e/. */
export const LOFTE_BIN = process.env.LOFTE_BIN
  ? path.resolve(E2E_DIR, process.env.LOFTE_BIN)
  : path.resolve(E2E_DIR, '../target/debug/lofte');
/** Where screenshots go: ../target/e2e relative to e2e/. */
export const SCREENSHOT_DIR = path.resolve(E2E_DIR, '../target/e2e');

const URL_RE = /http:\/\/127\.0\.0\.1:\d+/;
// A demo-account line printed by `serve --demo` before the URL line:
//   "  samordnare@flen.example  HYwZQ-wTbFC-dwmEe-K45fn  (Samordnare)"
const LOGIN_LINE_RE = /^[ \t]+(\S+@\S+)[ \t]+(\S+)[ \t]+\(([^)\n]*)\)[ \t]*$/gm;
const STARTUP_TIMEOUT_MS = 30_000;

/**
 * The demo accounts printed on stdout before the URL line, as
 * { logins: { email: password }, roles: { email: role label } }.
 */
export function parseDemoLogins(stdout) {
  const logins = {};
  const roles = {};
  for (const [, email, password, role] of stdout.matchAll(LOGIN_LINE_RE)) {
    logins[email] = password;
    roles[email] = role;
  }
  return { logins, roles };
}

/**
 * Starts `lofte serve --demo` on a free port (or `bind`) in a fresh data directory,
 * with `env` added to the environment (e.g. LOFTE_OIDC_ISSUER).
 * Resolves to { url, logins, roles, logs(), stop() }: `logins` maps each demo
 * account's e-mail to the password printed for this start (`roles` to its role
 * label); stop() kills the server and removes the data dir.
 */
export async function startServer({ env = {}, bind = '127.0.0.1:0' } = {}) {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'lofte-e2e-'));
  const child = spawn(
    LOFTE_BIN,
    ['--data-dir', dataDir, 'serve', '--demo', '--bind', bind],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1', ...env } },
  );
  let stdout = '';
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
    if (stderr.length > 64_000) stderr = stderr.slice(-32_000);
  });
  child.stdout.setEncoding('utf8');

  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));

  let url;
  try {
    url = await new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`lofte did not print its URL within ${STARTUP_TIMEOUT_MS} ms.\nstdout:\n${stdout}\nstderr:\n${stderr}`)),
        STARTUP_TIMEOUT_MS,
      );
      child.once('error', (err) => {
        clearTimeout(timer);
        reject(new Error(`could not start ${LOFTE_BIN}: ${err.message} (build it with \`cargo build\` or set LOFTE_BIN)`));
      });
      exited.then(({ code, signal }) => {
        clearTimeout(timer);
        reject(new Error(`lofte exited early (code ${code}, signal ${signal}).\nstdout:\n${stdout}\nstderr:\n${stderr}`));
      });
      child.stdout.on('data', (chunk) => {
        stdout += chunk;
        const m = stdout.match(URL_RE);
        if (m) {
          clearTimeout(timer);
          resolve(m[0]);
        }
      });
    });
  } catch (err) {
    child.kill('SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
    throw err;
  }

  // The accounts are printed before the URL, so they are all in `stdout` by now.
  const { logins, roles } = parseDemoLogins(stdout);

  return {
    url,
    logins,
    roles,
    /** The server's data folder (the file mailer writes into mail/ there). */
    dataDir,
    logs: () => ({ stdout, stderr }),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(killer);
      }
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Where the server's maps get their tiles by default (see `map_tiles`). */
export const TILE_HOST = 'https://tile.openstreetmap.org';

/**
 * A light-grey 256×256 PNG with a darker grid, standing in for map tiles: the test
 * machine is offline, and the tests should not depend on a tile server anyway.
 */
function makeTile() {
  const size = 256;
  const raw = Buffer.alloc((size * 3 + 1) * size);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      raw.fill(x % 64 && y % 64 ? 232 : 205, y * (size * 3 + 1) + 1 + x * 3, y * (size * 3 + 1) + 4 + x * 3);
    }
  }
  const chunk = (type, data) => {
    const body = Buffer.concat([Buffer.from(type), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
const TILE = makeTile();
/** A small PNG picture, e.g. to upload as a photo. */
export const SAMPLE_PNG = TILE;

/** Launches Debian's Chromium (never a downloaded browser). */
export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
    ],
  });
}

/**
 * Suite fixture. Call once at the top level of a test file with node:test's
 * `before`/`after`; returns an object whose `url`, `browser` are filled in
 * before the tests run.
 *
 *   const app = useApp({ before, after });
 *   test('…', () => app.withPage(async (page) => { await page.goto(app.url + '/'); }));
 *
 * `prepare`, if given, runs first and returns startServer()'s options.
 */
export function useApp({ before, after, prepare }) {
  const sessions = new Map();
  const app = {
    url: undefined,
    browser: undefined,
    server: undefined,
    /** The demo accounts' passwords for this server, by e-mail. */
    logins: undefined,
    /**
     * Runs fn(page, context) in a fresh browser context (fresh cookies),
     * closing it afterwards. `options` go to browser.newContext(). Map tiles are
     * answered locally; `context.tileRequests` counts the requests that got through
     * the page's content security policy.
     */
    async withPage(options, fn) {
      if (typeof options === 'function') [options, fn] = [{}, options];
      const context = await app.browser.newContext({
        viewport: { width: 1280, height: 800 },
        baseURL: app.url,
        ...options,
      });
      context.tileRequests = 0;
      await context.route(`${TILE_HOST}/**`, (route) => {
        context.tileRequests += 1;
        return route.fulfill({ body: TILE, contentType: 'image/png' });
      });
      try {
        const page = await context.newPage();
        return await fn(page, context);
      } finally {
        await context.close();
      }
    },
    /**
     * Like withPage, but the context starts signed in as `email`. The account
     * signs in through the form once per file (the server throttles sign-in
     * attempts per client address); later calls reuse its cookies. Do not
     * sign out in such a context: that ends the shared session.
     */
    async withSession(email, options, fn) {
      if (typeof options === 'function') [options, fn] = [{}, options];
      if (!sessions.has(email)) {
        sessions.set(email, app.withPage(async (page, context) => {
          const res = await signIn(page, email, app.password(email));
          assert.equal(new URL(page.url()).pathname, '/personal', `${email} signs in (status ${res?.status()})`);
          return context.storageState();
        }));
      }
      let storageState;
      try {
        storageState = await sessions.get(email);
      } catch (err) {
        sessions.delete(email);
        throw err;
      }
      return app.withPage({ storageState, ...options }, fn);
    },
    /** The password printed for a demo account; fails if there is none. */
    password(email) {
      const password = app.logins?.[email];
      assert.ok(password, `lofte serve --demo printed no password for ${email}:\n${app.server?.logs().stdout}`);
      return password;
    },
  };
  before(async () => {
    app.server = await startServer(prepare ? await prepare() : {});
    app.url = app.server.url;
    app.logins = app.server.logins;
    app.browser = await launchBrowser();
  });
  after(async () => {
    await app.browser?.close();
    await app.server?.stop();
  });
  return app;
}

/** Switches the context's UI language the way a visitor would: via /sprak/<lang>. */
export async function setLanguage(page, lang, back = '/') {
  await page.goto(`/sprak/${lang}?tillbaka=${encodeURIComponent(back)}`);
}

/**
 * Clicks `target` (a locator) and waits for the navigation it starts, e.g. a
 * form submission. Resolves to the final main-frame response (after redirects).
 */
export async function clickAndWait(page, target) {
  const [response] = await Promise.all([page.waitForNavigation(), target.click()]);
  return response;
}

/**
 * Signs in through /logga-in the way a person would. Resolves to the response
 * of the page the form lands on (/personal on success, the form again on failure).
 */
export async function signIn(page, email, password) {
  await page.goto('/logga-in');
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(password);
  return clickAndWait(page, page.locator('main form button[type="submit"]'));
}

/** Fails when the page scrolls sideways, i.e. it is wider than its viewport. */
export async function expectNoHorizontalScroll(page, name) {
  const { scrollWidth, clientWidth, wide } = await page.evaluate(() => {
    const root = document.documentElement;
    const limit = root.clientWidth;
    // The widest elements that stick out, to tell the reader what to fix.
    const wide = [...document.querySelectorAll('body *')]
      .map((el) => ({ el, right: el.getBoundingClientRect().right }))
      .filter(({ right }) => right > limit + 0.5)
      .sort((a, b) => b.right - a.right)
      .slice(0, 5)
      .map(({ el, right }) => `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : ''} (right edge ${Math.round(right)})`);
    return { scrollWidth: root.scrollWidth, clientWidth: limit, wide };
  });
  assert.ok(
    scrollWidth <= clientWidth,
    `${name} (${page.url()}) scrolls sideways: document.documentElement.scrollWidth is ${scrollWidth}, wider than ${clientWidth}; widest elements: ${wide.join(', ') || '(none found)'}`,
  );
}

/**
 * Fails when a table of records (class "stack") is wider than its region, i.e. needs a
 * sideways swipe inside the page (expectNoHorizontalScroll does not see that: the region
 * scrolls, not the page). Call it at a phone's width.
 */
export async function expectStackedTablesFit(page, name) {
  const wide = await page.evaluate(() => [...document.querySelectorAll('table.stack')]
    .map((table) => ({ table, region: table.closest('.table-wrap') ?? table.parentElement }))
    .filter(({ region }) => region.scrollWidth > region.clientWidth + 0.5)
    .map(({ table, region }) => `${table.querySelector('caption')?.textContent.trim() ?? table.className} (${region.scrollWidth} px in ${region.clientWidth})`));
  assert.deepEqual(wide, [], `${name} (${page.url()}): tables that need a sideways swipe`);
}

/**
 * Runs axe with the WCAG 2.0/2.1 A and AA rules and fails, listing every
 * violation (id, impact, help and target selectors of each node).
 */
export async function expectNoAxeViolations(page, name) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const violations = results.violations;
  if (violations.length === 0) return;
  const lines = violations.map((v) => {
    const targets = v.nodes.map((n) => `      - ${JSON.stringify(n.target)}${n.failureSummary ? `\n        ${n.failureSummary.replace(/\n/g, '\n        ')}` : ''}`);
    return `  • ${v.id} [${v.impact}] ${v.help} (${v.helpUrl})\n${targets.join('\n')}`;
  });
  assert.fail(`axe found ${violations.length} violation(s) on ${name} (${page.url()}):\n${lines.join('\n')}`);
}

/** Saves a full-page PNG as ../target/e2e/<name>.png and returns its path. */
export async function screenshot(page, name) {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name.replace(/[^\w.-]+/g, '_')}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** The texts (first <p>) of the commitments under the party whose <h3> is exactly `heading`. */
export function partySection(page, heading) {
  return page.locator('section.party', {
    has: page.locator('h3', { hasText: new RegExp(`^\\s*${escapeRegExp(heading)}\\s*$`) }),
  });
}

export async function commitmentTexts(section) {
  const texts = await section.locator('li.commitment > p:first-child').allTextContents();
  return texts.map((t) => t.trim());
}

export function escapeRegExp(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// Reading the demo's written e-mail (mail/<id>.eml under the data folder) as a mail
// client would.

/** Undoes quoted-printable (RFC 2045) as lettre writes it: soft breaks and =XX bytes. */
function unquote(body) {
  const bytes = [];
  const text = body.replace(/=\r?\n/g, '');
  for (let i = 0; i < text.length; i += 1) {
    if (text[i] === '=' && /^[0-9A-F]{2}$/.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(text[i], 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** A written message: its headers (unfolded) and its plain-text part. */
function parseMessage(eml) {
  const [head] = eml.split(/\r?\n\r?\n/);
  const headers = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const at = line.indexOf(':');
    if (at > 0) headers[line.slice(0, at).toLowerCase()] = line.slice(at + 1).trim();
  }
  const boundary = /boundary="([^"]+)"/.exec(headers['content-type'] ?? '')?.[1];
  const plain = eml.split(`--${boundary}`).find((part) => /Content-Type: text\/plain/.test(part)) ?? '';
  const body = plain.slice(plain.search(/\r?\n\r?\n/)).trim();
  return { headers, text: unquote(body) };
}

/**
 * Waits until the mail folder under `dataDir` holds `count` messages to `to` (the
 * demo's staff get their weekly reminders too); returns those, oldest first, each as
 * { headers, text } (the plain-text part).
 */
export async function mailTo(dataDir, to, count) {
  const dir = path.join(dataDir, 'mail');
  for (let tries = 0; tries < 100; tries += 1) {
    const names = (await readdir(dir).catch(() => []))
      .filter((n) => n.endsWith('.eml'))
      .sort((a, b) => parseInt(a, 10) - parseInt(b, 10));
    const all = await Promise.all(names.map(async (n) => parseMessage(await readFile(path.join(dir, n), 'utf8'))));
    const theirs = all.filter((m) => m.headers.to === to);
    if (theirs.length >= count) return theirs;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`waited for ${count} messages to ${to} in ${dir}`);
}
