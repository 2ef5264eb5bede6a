// End-to-end tests of Löfte's staff area (sign-in, dashboard, the staff view
// of a promise, the edit forms, roles), in a real Chromium.
//
// The demo accounts' passwords are new at every start; startServer() reads
// them from `lofte serve --demo`'s stdout. The server throttles sign-in
// attempts (10 a minute per client address, 5 wrong passwords lock an
// account), so most tests reuse one signed-in session per account
// (app.withSession) and only a few sign in through the form themselves.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  useApp,
  setLanguage,
  signIn,
  clickAndWait,
  expectNoAxeViolations,
  expectStackedTablesFit,
  expectNoHorizontalScroll,
  screenshot,
  SAMPLE_PNG,
} from './helpers.js';

const app = useApp({ before, after });

const COORDINATOR = 'samordnare@flen.example';
const REPORTER = 'polis@katrineholm.example';
const ANALYST = 'analytiker@flen.example';
const PARTNER = 'bostad@flen.example';
const SURVEY_STAFF = '/personal/kommun/0482/trygghetsmatning';

/** Uploads `csv` as a response file on the analysts' survey page; returns the response. */
async function uploadSurvey(page, name, csv) {
  await page.locator('#responses-file').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(csv) });
  const [res] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST'),
    page.locator('form:has(#responses-file) button[type=submit]').click(),
  ]);
  await page.waitForLoadState();
  return res;
}
const WALKS = '/personal/kommun/0482/trygghetsvandringar';

/** Registers one safety walk with a finding (once per file) and returns its page's path. */
let walkPath;
async function walkHref() {
  if (!walkPath) {
    walkPath = await app.withSession(COORDINATOR, async (page) => {
      await page.goto(WALKS);
      await page.fill('#walk_date', '2020-09-10');
      await page.check('#route-flen-centrum');
      await page.check('#route-sveaparken');
      await page.fill('#walk_participants', '12');
      await Promise.all([page.waitForURL(/trygghetsvandringar\/\d+$/), page.locator('form.form button[type=submit]').click()]);
      const path = new URL(page.url()).pathname;
      await page.selectOption('#finding_place', 'sveaparken');
      await page.selectOption('#finding_category', 'lighting');
      await page.fill('#description', 'Två lyktstolpar är trasiga.');
      await page.fill('#owner', 'Kommunen, gatuenheten');
      await Promise.all([page.waitForURL(`**${path}`), page.locator('form.form[action$="/fynd"] button[type=submit]').click()]);
      return path;
    });
  }
  return walkPath;
}
const SURVEY_HEADER = 'respondent_id,year,municipality,area,gender,age_band,weight,otrygg_kvall\n';

const DASHBOARD = '/personal';
const FLEN_2021_STAFF = '/personal/kommun/0482/2021';
const FLEN_2021_EDIT = `${FLEN_2021_STAFF}/andra`;
const FLEN_2021_PUBLIC = '/kommun/0482/2021';
const FLEN_2020_STAFF = '/personal/kommun/0482/2020';
const FLEN_2020_CORRECT = `${FLEN_2020_STAFF}/rattelse`;

// The traffic-control commitment of Flen 2021, from the seed.
const TRAFFIC_100 =
  'att polisen kommer att genomföra minst 100 trafikkontroller enligt 20-minuters metoden med ambitionen att öka närvaron i kransorterna med trafikarbetet.';
const TRAFFIC_120 = TRAFFIC_100.replace('minst 100', 'minst 120');

// ---------------------------------------------------------------------------
// Small page helpers.

const htmlLang = (page) => page.locator('html').getAttribute('lang');
const pathname = (page) => new URL(page.url()).pathname;
const text = async (locator) => (await locator.textContent()).trim();

/** The staff page's commitment items (li.commitment) whose text contains `fragment`. */
function commitmentItems(page, fragment) {
  return page.locator('li.commitment').filter({
    has: page.locator('p:first-child', { hasText: fragment }),
  });
}

/**
 * The address of the form that edits the commitment containing `fragment`,
 * read from the coordinator's staff page (commitment ids are the database's).
 */
let trafficEditPath;
async function trafficEditHref() {
  if (!trafficEditPath) {
    trafficEditPath = await app.withSession(COORDINATOR, async (page) => {
      await page.goto(FLEN_2021_STAFF);
      const item = commitmentItems(page, 'trafikkontroller enligt 20-minuters metoden');
      assert.equal(await item.count(), 1, 'one traffic-control commitment on the staff page');
      return item.getByRole('link', { name: 'Ändra åtagandet' }).getAttribute('href');
    });
    assert.match(trafficEditPath, /^\/personal\/kommun\/0482\/2021\/atagande\/[^/]+$/);
  }
  return trafficEditPath;
}

/**
 * Types "hundra" as the target and submits; asserts the 422 answer with its
 * field error. Resolves to the response.
 */
async function submitInvalidTarget(page, lang) {
  const [label, message, save] =
    lang === 'en' ? ['At least', 'Enter a whole number.', 'Save'] : ['Minst antal', 'Ange ett heltal.', 'Spara'];
  const editUrl = pathname(page);
  await page.locator('#target_at_least').fill('hundra');
  const res = await clickAndWait(page, page.getByRole('button', { name: save, exact: true }));
  assert.equal(res.status(), 422, 'invalid input is answered with 422');
  assert.equal(pathname(page), editUrl, 'the form is shown again at the same address');

  const field = page.locator('#target_at_least');
  assert.equal(await field.inputValue(), 'hundra', 'the typed value is kept');
  assert.equal(await field.getAttribute('aria-invalid'), 'true', '#target_at_least has aria-invalid="true"');
  assert.equal(await text(page.locator('#target_at_least-error')), message, 'the error is shown at the field');
  const describedBy = ((await field.getAttribute('aria-describedby')) ?? '').split(/\s+/);
  assert.ok(describedBy.includes('target_at_least-error'), `aria-describedby ("${describedBy.join(' ')}") names the error`);

  const summary = page.locator('.error-summary');
  assert.equal(await summary.count(), 1, 'one error summary');
  const link = summary.locator('a[href="#target_at_least"]');
  assert.equal(await link.count(), 1, 'the summary links to the field');
  assert.equal(await text(link), `${label}: ${message}`, 'the summary names the field and the problem');
  assert.equal(await page.getByLabel(label, { exact: true }).getAttribute('id'), 'target_at_least', `"${label}" labels the field`);
  // Nothing else was wrong with the untouched form.
  assert.deepEqual(
    await page.locator('[aria-invalid="true"]').evaluateAll((els) => els.map((e) => e.id)),
    ['target_at_least'],
    'only the target field is marked invalid',
  );
  return res;
}

// ---------------------------------------------------------------------------

describe('Demo accounts', () => {
  test('startServer() returns the logins printed by serve --demo', () => {
    assert.deepEqual(Object.keys(app.logins).sort(), ['admin@lofte.example', ANALYST, COORDINATOR, PARTNER, REPORTER].sort());
    for (const [email, password] of Object.entries(app.logins)) {
      assert.match(password, /^[A-Za-z0-9]{5}(-[A-Za-z0-9]{5}){3}$/, `the password of ${email}`);
    }
    assert.equal(app.server.roles[COORDINATOR], 'Samordnare');
    assert.equal(app.server.roles[REPORTER], 'Rapportör');
    assert.equal(app.server.roles[PARTNER], 'Samarbetspartner');
  });
});

describe('Coordinator edits a commitment', () => {
  test('sign in, fix a field error, save, see it in the history and on the public page, sign out', () =>
    app.withPage(async (page) => {
      // Sign in through the form.
      let res = await signIn(page, COORDINATOR, app.password(COORDINATOR));
      assert.equal(res.status(), 200);
      assert.equal(pathname(page), DASHBOARD, 'signing in leads to /personal');
      assert.equal(await text(page.locator('h1')), 'Översikt');

      // The header shows who is signed in.
      const header = page.locator('header.site');
      assert.equal(await header.getByRole('link', { name: 'Översikt', exact: true }).getAttribute('href'), DASHBOARD);
      assert.equal(await header.locator('a[href="/personal/konto"]').count(), 1, 'a link to the account page');
      assert.ok((await text(header.locator('a[href="/personal/konto"]'))).length > 0, 'the account link shows the name');
      assert.equal(await header.getByRole('button', { name: 'Logga ut' }).count(), 1, 'a "Logga ut" button');

      // Open Flen 2021 from the dashboard.
      const flen = page.locator('main section', { has: page.locator('h2', { hasText: /^\s*Flens kommun\s*$/ }) });
      assert.equal(await flen.count(), 1, 'one section for Flens kommun');
      await clickAndWait(page, flen.getByRole('link', { name: 'Medborgarlöfte 2021', exact: true }));
      assert.equal(pathname(page), FLEN_2021_STAFF);
      assert.equal(await text(page.locator('h1')), 'Medborgarlöfte 2021');

      // "Ändra åtagandet" on the traffic-control commitment.
      const traffic = commitmentItems(page, 'minst 100 trafikkontroller');
      assert.equal(await traffic.count(), 1, 'one commitment mentions "minst 100 trafikkontroller"');
      await clickAndWait(page, traffic.getByRole('link', { name: 'Ändra åtagandet' }));
      assert.match(pathname(page), /^\/personal\/kommun\/0482\/2021\/atagande\/[^/]+$/);
      assert.equal(await page.locator('#text').inputValue(), TRAFFIC_100, 'the form holds the commitment text');
      assert.equal(await page.locator('#target_at_least').inputValue(), '100');
      assert.equal(await page.locator('#target_activity').inputValue(), 'traffic_control');
      assert.equal(await page.getByLabel('Minst antal', { exact: true }).getAttribute('id'), 'target_at_least', '"Minst antal" labels #target_at_least');

      // A word where a number belongs.
      await submitInvalidTarget(page, 'sv');
      assert.equal(await page.locator('#text').inputValue(), TRAFFIC_100, 'the other fields keep their values');

      // Fix it, and say 120 in the text too.
      await page.getByLabel('Minst antal', { exact: true }).fill('120');
      const textArea = page.locator('#text');
      const current = await textArea.inputValue();
      assert.ok(current.includes('minst 100'), `the text mentions "minst 100": ${current}`);
      await textArea.fill(current.replace('minst 100', 'minst 120'));
      res = await clickAndWait(page, page.getByRole('button', { name: 'Spara', exact: true }));
      assert.equal(res.status(), 200);
      assert.equal(pathname(page), FLEN_2021_STAFF, 'saving leads back to the staff page of the promise');

      // The staff page shows the new text and target.
      assert.equal(await commitmentItems(page, TRAFFIC_120).count(), 1, 'the new text is shown');
      assert.equal(await commitmentItems(page, 'minst 100 trafikkontroller').count(), 0, 'the old text is gone');
      const target = await text(commitmentItems(page, TRAFFIC_120).locator('p.target'));
      assert.ok(target.includes('minst 120 trafikkontroller'), `staff target line: "${target}"`);

      // The history's first row is this change.
      const history = page.locator('section', { has: page.locator('h2', { hasText: /^\s*Historik\s*$/ }) });
      assert.equal(await history.count(), 1, 'a "Historik" section');
      const firstRow = history.locator('table tbody tr').first();
      const cells = (await firstRow.locator('td').allTextContents()).map((t) => t.trim());
      assert.equal(cells.length, 4, `four cells in the first history row: ${JSON.stringify(cells)}`);
      const [when, who, what, detail] = cells;
      assert.match(when, /^\d{4}-\d\d-\d\d \d\d:\d\d$/, 'when');
      assert.equal(what, 'Ett åtagande ändrades', 'what');
      assert.ok(who.length > 0 && who !== 'Systemet', `who is the coordinator, got "${who}"`);
      assert.equal(who, await text(page.locator('header.site a[href="/personal/konto"]')), 'who is the signed-in user');
      assert.ok(detail.includes('minst 120'), `the change mentions "minst 120": "${detail}"`);
      assert.ok(detail.includes('minst 100'), `the change mentions the old "minst 100": "${detail}"`);

      // The promise is published: the public page shows the change at once.
      res = await page.goto(FLEN_2021_PUBLIC);
      assert.equal(res.status(), 200);
      const publicItem = commitmentItems(page, TRAFFIC_120);
      assert.equal(await publicItem.count(), 1, 'the public page shows the new text');
      const publicTarget = await text(publicItem.locator('p.target'));
      assert.ok(
        publicTarget.includes('Mål: minst 120 trafikkontroller'),
        `the public target line says "Mål: minst 120 trafikkontroller", got "${publicTarget}"`,
      );
      assert.equal(
        await commitmentItems(page, 'minst 100 trafikkontroller').count(),
        0,
        'no commitment on the public page says 100 any more',
      );
      // A published promise lists its later changes publicly.
      const changes = page.locator('article.promise section.changes');
      assert.equal(await changes.count(), 1, 'a section listing the changes made after publication');
      const change = await text(changes.locator('li').first());
      assert.ok(change.includes(TRAFFIC_100) && change.includes(TRAFFIC_120), `the public change note names the old and the new text: "${change}"`);

      // Sign out (the public pages' header has no staff links, so from the dashboard).
      await page.goto(DASHBOARD);
      assert.equal(pathname(page), DASHBOARD, 'still signed in');
      await clickAndWait(page, page.locator('header.site').getByRole('button', { name: 'Logga ut' }));
      assert.equal(await page.locator('header.site').getByRole('button', { name: 'Logga ut' }).count(), 0, 'signed out');
      res = await page.goto(DASHBOARD);
      assert.equal(pathname(page), '/logga-in', '/personal sends a signed-out visitor to /logga-in');
      assert.equal(res.status(), 200);
      assert.equal(await text(page.locator('h1')), 'Logga in');
    }));
});

describe('Sign-in', () => {
  test('a wrong password shows "Fel e-postadress eller lösenord." and stays on the login page', () =>
    app.withPage(async (page) => {
      const res = await signIn(page, COORDINATOR, 'fel-losenord-123');
      assert.equal(res.status(), 401);
      assert.equal(pathname(page), '/logga-in');
      assert.equal(await text(page.locator('h1')), 'Logga in');
      assert.equal(await text(page.locator('.error-summary')), 'Fel e-postadress eller lösenord.');
      assert.equal(await page.locator('#email').inputValue(), COORDINATOR, 'the e-mail address is kept');
      assert.equal(await page.locator('#password').inputValue(), '', 'the password is not sent back');
      assert.equal(await page.locator('header.site').getByRole('button', { name: 'Logga ut' }).count(), 0, 'not signed in');

      await page.goto(DASHBOARD);
      assert.equal(pathname(page), '/logga-in', 'still signed out');
    }));
});

describe('Reporter', () => {
  test('sees the staff view of Flen 2021 without edit links or workflow, and an edit URL is 403', async () => {
    const editPath = await trafficEditHref();
    await app.withSession(REPORTER, async (page) => {
      let res = await page.goto(FLEN_2021_STAFF);
      assert.equal(res.status(), 200);
      assert.equal(await text(page.locator('h1')), 'Medborgarlöfte 2021');
      assert.equal(await page.locator('li.commitment').count(), 12, 'all twelve commitments are shown');
      assert.equal(await page.getByRole('link', { name: 'Ändra åtagandet' }).count(), 0, 'no "Ändra åtagandet" links');
      assert.equal(await page.locator('a[href*="/atagande/"]').count(), 0, 'no links to commitment forms');
      assert.equal(await page.getByRole('link', { name: 'Ändra löftets uppgifter' }).count(), 0, 'no "Ändra löftets uppgifter" link');
      assert.equal(await page.locator('h2', { hasText: 'Arbetsgång' }).count(), 0, 'no "Arbetsgång" section');
      assert.equal(await page.locator('form[action$="/status"]').count(), 0, 'no workflow forms');
      assert.equal(await page.locator('main button').count(), 0, 'no buttons in the page content');

      for (const path of [editPath, FLEN_2021_EDIT]) {
        res = await page.goto(path);
        assert.equal(res.status(), 403, `GET ${path} is refused`);
        assert.equal(await text(page.locator('h1')), 'Du har inte behörighet', `the heading of ${path}`);
        assert.equal(await page.locator('form.form').count(), 0, `no edit form at ${path}`);
      }
    });
  });
});

describe('Analyst', () => {
  test('uploads survey responses in the browser: a bad file is refused with line and column, a good one shows on the public page', async () => {
    await app.withSession(ANALYST, async (page) => {
      await page.goto(DASHBOARD);
      await clickAndWait(page, page.getByRole('link', { name: 'Trygghetsmätning' }));
      assert.equal(pathname(page), SURVEY_STAFF);
      assert.match(await text(page.locator('table tbody')), /flen-trygghetsmatning-2019-2022-syntetisk\.csv/);

      let res = await uploadSurvey(page, 'fel.csv', `${SURVEY_HEADER}X1,2023,0482,1,1,1,,7\nX1,2023,0482,1,1,1,1.0,2\n`);
      assert.equal(res.status(), 422);
      const problems = await page.locator('.error-summary li').allTextContents();
      assert.deepEqual(problems, [
        'Rad 2, kolumn weight: Måste fyllas i.',
        'Rad 2, kolumn otrygg_kvall: ”7” finns inte i kodboken. Tillåtna värden: 1, 2, 3, 4, 5, 9.',
        'Rad 3, kolumn respondent_id: Samma svarande-id finns redan på rad 2.',
      ]);

      res = await uploadSurvey(page, 'svar-2023.csv', `${SURVEY_HEADER}X1,2023,0482,1,1,1,1.0,2\nX2,2023,0482,2,2,3,1.5,4\n`);
      assert.equal(res.status(), 200);
      assert.equal(await text(page.locator('.note.saved')), '2 svar inlästa (2023: 2).');

      // Two answers are far too few to show: the public page has the year, without a number.
      await page.goto('/kommun/0482/trygghet');
      const row = page.locator('.survey-table').first().locator('tbody tr', { hasText: '2023' });
      assert.match(await text(row), /för få svar/);
      assert.doesNotMatch(await text(row), /%/);
    });
  });
});

describe('Small screens', () => {
  for (const lang of ['sv', 'en']) {
    test(`no horizontal scrolling at 360×740 on the staff promise page and the commitment form (${lang})`, async () => {
      const editPath = await trafficEditHref();
      await app.withSession(COORDINATOR, { viewport: { width: 360, height: 740 } }, async (page) => {
        if (lang === 'en') await setLanguage(page, 'en', DASHBOARD);
        for (const path of [FLEN_2021_STAFF, editPath]) {
          const res = await page.goto(path);
          assert.equal(res.status(), 200);
          assert.equal(await htmlLang(page), lang);
          await expectNoHorizontalScroll(page, `${path} (${lang})`);
        }
        await submitInvalidTarget(page, lang);
        await expectNoHorizontalScroll(page, `${editPath} with field errors (${lang})`);
      });
    });
  }
});

describe('Logging from a phone', () => {
  test('the save button is in reach on the first screen and after choosing a place', () =>
    app.withSession(REPORTER, { viewport: { width: 390, height: 844 } }, async (page) => {
      await page.goto('/personal/kommun/0482/logga');
      const save = page.getByRole('button', { name: 'Spara' });
      const inView = async () => {
        const box = await save.boundingBox();
        return box.y >= 0 && box.y + box.height <= 844;
      };
      assert.ok(await inView(), 'save is visible without scrolling');
      await page.getByLabel('Malmköping').check();
      assert.ok(await inView(), 'save is still visible after scrolling to the places');
      assert.equal(await page.locator('label[for=when]').innerText(), 'När började det?');
    }));

  test('the list of logged work reads on a phone without a sideways swipe, each value named', () =>
    app.withSession(COORDINATOR, { viewport: { width: 360, height: 740 } }, async (page) => {
      const res = await page.goto('/personal/kommun/0482/logga/aktiviteter');
      assert.equal(res.status(), 200);
      await expectStackedTablesFit(page, 'logged work');
      // Each row is a block of its own, its cells named by their column.
      const row = page.locator('tbody tr').first();
      const named = await row.locator('td').evaluateAll((cells) =>
        cells.map((td) => getComputedStyle(td, '::before').content));
      assert.deepEqual(named.slice(0, 3), ['"När: "', '"Vad: "', '"Var: "']);
      const [when, what] = await row.locator('td').evaluateAll((cells) => cells.slice(0, 2).map((td) => td.getBoundingClientRect().top));
      assert.ok(what > when, 'what is under when, not beside it');
      await expectNoAxeViolations(page, 'logged work at 360 px');
      // On a wide screen it is a table again, without the names.
      await page.setViewportSize({ width: 1280, height: 800 });
      assert.equal(await row.locator('td').first().evaluate((td) => getComputedStyle(td, '::before').content), 'none');
    }));
});

describe('Correcting a closed promise', () => {
  test('in closed 2020 a text is corrected with a note and an English version is added; both sites show it with the date', () =>
    app.withPage(async (page) => {
      await signIn(page, COORDINATOR, app.password(COORDINATOR));
      // The demo's 2020 is closed: its final report is published.
      await page.goto(FLEN_2020_STAFF);
      assert.equal(await text(page.locator('p.meta .badge')), 'Avslutat');
      assert.equal(await page.getByRole('link', { name: 'Ändra löftets uppgifter' }).count(), 0, 'a closed promise is not edited');
      await clickAndWait(page, page.getByRole('link', { name: 'Rätta texterna', exact: true }));
      assert.equal(pathname(page), FLEN_2020_CORRECT);
      assert.equal(await text(page.locator('h1')), 'Rätta texterna i Medborgarlöfte 2020');

      // The first commitment, with an English version, but no note: refused, kept.
      const first = page.locator('textarea[name="commitment_0"]');
      const original = await first.inputValue();
      await first.fill(`${original} (rättad)`);
      await page.locator('textarea[name="english_commitment_0"]').fill('Together we hold safety walks.');
      let res = await clickAndWait(page, page.getByRole('button', { name: 'Publicera rättelsen' }));
      assert.equal(res.status(), 422);
      assert.equal(await text(page.locator('.error-summary li')), 'Vad rättades?: Måste fyllas i.');
      assert.equal(await page.locator('textarea[name="english_commitment_0"]').inputValue(), 'Together we hold safety walks.');
      assert.equal(await page.locator('textarea[name="english_commitment_0"]').getAttribute('lang'), 'en');

      await page.getByLabel('Vad rättades?').fill('Förtydligande i åtagande 1.');
      res = await clickAndWait(page, page.getByRole('button', { name: 'Publicera rättelsen' }));
      assert.equal(res.status(), 200);
      assert.equal(pathname(page), FLEN_2020_STAFF);
      assert.equal(await text(page.locator('p.saved')), 'Rättelsen är publicerad, med dagens datum.');

      // Residents see the corrected text and the note under the changes.
      await page.goto('/kommun/0482/2020');
      assert.equal(await commitmentItems(page, `${original} (rättad)`).count(), 1);
      const changes = page.locator('section.changes');
      assert.ok((await text(changes)).includes('Rättat: Förtydligande i åtagande 1.'));
      await setLanguage(page, 'en', '/kommun/0482/2020');
      assert.equal(await text(page.locator('li.commitment > p').first()), 'Together we hold safety walks.');
      assert.equal(await text(page.locator('article.promise > p.note').first()), 'Texts without an English version are shown in Swedish.');
      await expectNoAxeViolations(page, 'the English page of a promise partly in English');
    }));
});

describe('Hints for commitments that can be followed up', () => {
  test('the staff promise page opens a commitment\'s hints, and they pass axe', () =>
    app.withPage(async (page) => {
      await signIn(page, COORDINATOR, app.password(COORDINATOR));
      await page.goto(FLEN_2021_STAFF);
      const hints = page.locator('li.commitment details.hints').first();
      await hints.locator('summary').click();
      assert.match(await text(hints.locator('summary')), /^Tips för ett åtagande som går att följa upp \(\d+\)$/);
      assert.ok((await hints.locator('li').count()) > 0, 'an opened hint list lists hints');
      await expectNoAxeViolations(page, 'the staff promise page with hints open');
    }));
});

describe('The tertial analysis of the situation picture', () => {
  test('the coordinator writes, previews and publishes it; residents read it with small counts held back', () =>
    app.withPage(async (page) => {
      await signIn(page, COORDINATOR, app.password(COORDINATOR));
      await page.goto('/personal/kommun/0482/lagesbild/analyser/2021/t3');
      await page.locator('#analysis').fill('Störningarna från motorfordon minskade vid resecentrum. (Exempeltext.)');
      await clickAndWait(page, page.locator('button[value=preview]'));
      assert.equal(new URL(page.url()).pathname, '/personal/kommun/0482/lagesbild/analyser/2021/t3/forhandsvisning');
      await expectNoAxeViolations(page, 'the preview of a tertial analysis');
      await clickAndWait(page, page.locator('form[action$="/publicera"] button'));
      assert.equal(new URL(page.url()).pathname, '/kommun/0482/lagesbild/2021/t3');
      assert.equal(await text(page.locator('h1')), 'Lägesbild tertial 3 2021');
      assert.match(await page.locator('.document').innerText(), /Störningarna från motorfordon minskade vid resecentrum/);
      await expectNoAxeViolations(page, 'a published tertial analysis');
      await expectNoHorizontalScroll(page, 'a published tertial analysis');
    }));
});

describe('Accessibility (axe, WCAG 2.1 A/AA) and screenshots', () => {
  // [name, who (null: signed out), how to get there, expected status, expected <h1>]
  const pages = [
    ['login', null, (page) => page.goto('/logga-in'), 200, { sv: 'Logga in', en: 'Sign in' }],
    [
      'login-error',
      null,
      (page) => signIn(page, COORDINATOR, 'fel-losenord-456'),
      401,
      { sv: 'Logga in', en: 'Sign in' },
    ],
    ['dashboard', COORDINATOR, (page) => page.goto(DASHBOARD), 200, { sv: 'Översikt', en: 'Overview' }],
    [
      'incident-form',
      COORDINATOR,
      (page) => page.goto('/personal/kommun/0482/handelse'),
      200,
      { sv: 'Rapportera en händelse', en: 'Report an incident' },
    ],
    [
      'incidents-review',
      COORDINATOR,
      (page) => page.goto('/personal/kommun/0482/handelser'),
      200,
      { sv: 'Veckans händelserapporter', en: "This week's incident reports" },
    ],
    [
      'situation',
      COORDINATOR,
      (page) => page.goto('/personal/kommun/0482/lagesbild'),
      200,
      { sv: 'Lägesbild för Flen', en: 'Situation picture for Flen' },
    ],
    [
      'situation-category',
      COORDINATOR,
      (page) => page.goto('/personal/kommun/0482/lagesbild?ar=2021&kategori=motor_vehicles'),
      200,
      { sv: 'Lägesbild för Flen', en: 'Situation picture for Flen' },
    ],
    [
      'analyses',
      COORDINATOR,
      (page) => page.goto('/personal/kommun/0482/lagesbild/analyser'),
      200,
      { sv: 'Analyser av lägesbilden', en: 'Analyses of the situation picture' },
    ],
    [
      'analysis-form',
      COORDINATOR,
      (page) => page.goto('/personal/kommun/0482/lagesbild/analyser/2021/t1'),
      200,
      { sv: 'Lägesbild tertial 1 2021', en: 'Situation picture tertial 1 2021' },
    ],
    ['partner-dashboard', PARTNER, (page) => page.goto(DASHBOARD), 200, { sv: 'Översikt', en: 'Overview' }],
    [
      'partner-reports',
      PARTNER,
      (page) => page.goto('/personal/kommun/0482/handelser'),
      200,
      { sv: 'Våra händelserapporter', en: 'Our incident reports' },
    ],
    ['promise', COORDINATOR, (page) => page.goto(FLEN_2021_STAFF), 200, { sv: 'Medborgarlöfte 2021', en: 'Medborgarlöfte 2021' }],
    [
      'commitment-edit',
      COORDINATOR,
      async (page) => page.goto(await trafficEditHref()),
      200,
      { sv: 'Ändra åtagande', en: 'Edit commitment' },
    ],
    [
      'commitment-edit-errors',
      COORDINATOR,
      async (page, lang) => {
        await page.goto(await trafficEditHref());
        return submitInvalidTarget(page, lang);
      },
      422,
      { sv: 'Ändra åtagande', en: 'Edit commitment' },
    ],
    [
      'promise-edit',
      COORDINATOR,
      (page) => page.goto(FLEN_2021_EDIT),
      200,
      { sv: 'Ändra Medborgarlöfte 2021', en: 'Edit Medborgarlöfte 2021' },
    ],
    // The demo's 2020 is closed.
    [
      'promise-correct',
      COORDINATOR,
      (page) => page.goto(FLEN_2020_CORRECT),
      200,
      { sv: 'Rätta texterna i Medborgarlöfte 2020', en: 'Correct the texts of Medborgarlöfte 2020' },
    ],
    [
      'promise-correct-errors',
      COORDINATOR,
      async (page) => {
        await page.goto(FLEN_2020_CORRECT);
        await page.locator('input[name="title"]').fill('');
        return clickAndWait(page, page.locator('main form button[type=submit]'));
      },
      422,
      { sv: 'Rätta texterna i Medborgarlöfte 2020', en: 'Correct the texts of Medborgarlöfte 2020' },
    ],
    ['account', COORDINATOR, (page) => page.goto('/personal/konto'), 200, { sv: 'Mitt konto', en: 'My account' }],
    ['log-activity', REPORTER, (page) => page.goto('/personal/kommun/0482/logga'), 200, { sv: 'Logga aktivitet', en: 'Log an activity' }],
    [
      'follow-up',
      COORDINATOR,
      (page) => page.goto('/personal/kommun/0482/2021/uppfoljning/t3'),
      200,
      { sv: 'Uppföljning tertial 3 2021 – Medborgarlöfte 2021', en: 'Follow-up tertial 3 2021 – Medborgarlöfte 2021' },
    ],
    [
      'final-report',
      COORDINATOR,
      (page) => page.goto('/personal/kommun/0482/2021/uppfoljning/slutredovisning'),
      200,
      { sv: 'Slutredovisning 2021 – Medborgarlöfte 2021', en: 'Final report 2021 – Medborgarlöfte 2021' },
    ],
    ['activity-types', COORDINATOR, (page) => page.goto('/personal/kommun/0482/aktivitetstyper'), 200, { sv: 'Aktivitetstyper', en: 'Activity types' }],
    [
      'activity-types-errors',
      COORDINATOR,
      async (page) => {
        await page.goto('/personal/kommun/0482/aktivitetstyper');
        await page.locator('#name_sv_one').fill('hundpatrull');
        const [res] = await Promise.all([
          page.waitForResponse((r) => r.request().method() === 'POST'),
          page.locator('form.form button[type=submit]').click(),
        ]);
        await page.waitForLoadState();
        return res;
      },
      422,
      { sv: 'Aktivitetstyper', en: 'Activity types' },
    ],
    ['walks', COORDINATOR, (page) => page.goto(WALKS), 200, { sv: 'Trygghetsvandringar', en: 'Safety walks' }],
    ['walk', COORDINATOR, async (page) => page.goto(await walkHref()), 200, { sv: 'Trygghetsvandring 2020-09-10', en: 'Safety walk 2020-09-10' }],
    ['dialogues', COORDINATOR, (page) => page.goto('/personal/kommun/0482/dialoger'), 200, { sv: 'Medborgardialoger', en: 'Citizen dialogues' }],
    [
      'inputs-queue',
      COORDINATOR,
      async (page) => {
        // One input waiting with a typed address and a marked point, so that the fields
        // for editing them and choosing what the public sees are checked too.
        const sent = await page.request.post('/kommun/0482/tyck-till', {
          form: {
            input_locality: 'flen',
            input_address: 'Storgatan 3',
            input_category: 'lighting',
            input_text: 'Mörkt vid porten.',
            input_lat: '59.0574',
            input_lon: '16.5887',
            website: '',
          },
          maxRedirects: 0,
        });
        assert.equal(sent.status(), 303);
        return page.goto('/personal/kommun/0482/synpunkter');
      },
      200,
      { sv: 'Synpunkter att granska', en: 'Inputs to moderate' },
    ],
    ['survey-staff', ANALYST, (page) => page.goto(SURVEY_STAFF), 200, { sv: 'Trygghetsmätning', en: 'Safety survey' }],
    [
      'survey-staff-errors',
      ANALYST,
      async (page) => {
        await page.goto(SURVEY_STAFF);
        return uploadSurvey(page, 'fel.csv', `${SURVEY_HEADER}X1,2023,0482,1,1,1,,7\n`);
      },
      422,
      { sv: 'Trygghetsmätning', en: 'Safety survey' },
    ],
    ['new-promise', COORDINATOR, (page) => page.goto('/personal/kommun/0482/nytt'), 200, { sv: 'Nytt medborgarlöfte', en: 'New citizen promise' }],
    ['promise-preview', COORDINATOR, (page) => page.goto('/personal/kommun/0482/2021/forhandsvisning'), 200, { sv: 'Flen – medborgarlöften', en: 'Flen – citizen promises' }],
    ['logged-activities', COORDINATOR, (page) => page.goto('/personal/kommun/0482/logga/aktiviteter'), 200, { sv: 'Loggade aktiviteter', en: 'Logged activities' }],
    [
      'logged-activity-correct',
      COORDINATOR,
      async (page) => {
        await page.goto('/personal/kommun/0482/logga/aktiviteter');
        const href = await page.locator('tbody a').first().getAttribute('href');
        return page.goto(href);
      },
      200,
      { sv: 'Ändra en loggad aktivitet', en: 'Change a logged activity' },
    ],
    [
      'logged-activity-delete',
      COORDINATOR,
      async (page) => {
        await page.goto('/personal/kommun/0482/logga/aktiviteter');
        const href = await page.locator('tbody a').first().getAttribute('href');
        return page.goto(`${href}/ta-bort`);
      },
      200,
      { sv: 'Ta bort aktiviteten?', en: 'Delete the activity?' },
    ],
    [
      'forbidden',
      REPORTER,
      async (page) => page.goto(await trafficEditHref()),
      403,
      { sv: 'Du har inte behörighet', en: 'You are not allowed to do this' },
    ],
  ];
  for (const lang of ['sv', 'en']) {
    for (const [name, who, open, status, h1] of pages) {
      test(`staff ${name} (${lang})`, async () => {
        const run = async (page) => {
          if (lang === 'en') await setLanguage(page, 'en');
          const res = await open(page, lang);
          assert.equal(res.status(), status, `status of ${name}`);
          assert.equal(await htmlLang(page), lang);
          assert.equal(await text(page.locator('h1')), h1[lang], `<h1> of ${name}`);
          // Screenshots first, so they exist even when axe fails.
          await screenshot(page, `staff-${lang}-${name}-1280`);
          await page.setViewportSize({ width: 360, height: 740 });
          await screenshot(page, `staff-${lang}-${name}-360`);
          await expectStackedTablesFit(page, `staff ${name} (${lang}) at 360 px`);
          // axe at both widths: at 360 px some content (tables) becomes scrollable.
          const failures = [];
          for (const [width, height] of [[1280, 800], [360, 740]]) {
            await page.setViewportSize({ width, height });
            try {
              await expectNoAxeViolations(page, `staff ${name} (${lang}) at ${width} px`);
            } catch (err) {
              failures.push(err.message);
            }
          }
          if (failures.length) assert.fail(failures.join('\n'));
        };
        if (who) await app.withSession(who, run);
        else await app.withPage(run);
      });
    }
  }

  test('the header\'s language link switches the staff area to English and back', () =>
    app.withSession(COORDINATOR, async (page) => {
      await page.goto(FLEN_2021_STAFF);
      assert.equal(await htmlLang(page), 'sv');
      await clickAndWait(page, page.locator('a.lang-switch'));
      assert.equal(pathname(page), FLEN_2021_STAFF, 'back on the same page');
      assert.equal(await htmlLang(page), 'en');
      assert.equal(await page.getByRole('link', { name: 'Edit the commitment' }).count(), 12);
      assert.equal(await page.locator('h2', { hasText: /^\s*History\s*$/ }).count(), 1);
      const header = page.locator('header.site');
      assert.equal(await header.getByRole('link', { name: 'Overview', exact: true }).count(), 1);
      assert.equal(await header.getByRole('button', { name: 'Sign out' }).count(), 1);
      await clickAndWait(page, page.locator('a.lang-switch'));
      assert.equal(pathname(page), FLEN_2021_STAFF);
      assert.equal(await htmlLang(page), 'sv');
      assert.equal(await page.getByRole('link', { name: 'Ändra åtagandet' }).count(), 12);
    }));
});

describe('Photos of safety-walk findings', () => {
  test('a photo added to a finding shows on the walk and the public list; a PDF is refused with a message', async () => {
    const walk = await walkHref();
    await app.withSession(COORDINATOR, async (page) => {
      await page.goto(walk);
      const upload = page.locator('form.photo-upload').first();
      await upload.locator('input[type=file]').setInputFiles({ name: 'rapport.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7 not a picture') });
      const refused = await clickAndWait(page, upload.locator('button[type=submit]'));
      assert.equal(refused.status(), 422);
      assert.equal(
        await text(page.locator('form.photo-upload .field-error')),
        'Filen är inte en bild. Välj ett foto i formatet JPEG eller PNG.',
      );
      await expectNoAxeViolations(page, 'walk with a refused photo');
      const again = page.locator('form.photo-upload').first();
      await again.locator('input[type=file]').setInputFiles({ name: 'lyktstolpe.png', mimeType: 'image/png', buffer: SAMPLE_PNG });
      const saved = await clickAndWait(page, again.locator('button[type=submit]'));
      assert.equal(saved.status(), 200);
      const photo = page.locator('img.finding-photo').first();
      await photo.waitFor();
      assert.ok(await photo.evaluate((img) => img.complete && img.naturalWidth === 256), 'the photo loads');
      assert.equal(await text(page.locator('form.photo-upload button').first()), 'Byt foto');
      await screenshot(page, 'staff-sv-walk-photo-1280');
    });
    await app.withPage(async (page) => {
      await page.goto('/kommun/0482/synpunkter');
      const photo = page.locator('.finding img.finding-photo');
      // The photo loads lazily, as a reader scrolls to it (the list above may be long).
      await photo.first().scrollIntoViewIfNeeded();
      await photo.first().waitFor();
      assert.match(await photo.first().getAttribute('alt'), /^Foto från trygghetsvandringen: Belysning · Sveaparken/);
      await page.waitForFunction(
        (img) => img.complete && img.naturalWidth > 0,
        await photo.first().elementHandle(),
      );
    });
  });
});
