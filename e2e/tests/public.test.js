// End-to-end tests of Löfte's public pages, in a real Chromium.
// The expected commitment texts are typed from the seed
// /work/shared/seeds/000_4c834f26a60ea8e3.txt (Flen – medborgarlöften).
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  useApp,
  setLanguage,
  expectNoAxeViolations,
  expectStackedTablesFit,
  clickAndWait,
  screenshot,
  partySection,
  commitmentTexts,
} from './helpers.js';

const app = useApp({ before, after });

// ---------------------------------------------------------------------------
// Expected content, from the seed.

const FLEN_2021 = {
  Tillsammans: [
    'Polisen och kommunen lovar att tillsammans utveckla arbetet som syftar till att tidigt bryta ungdomars väg in i missbruk och kriminalitet.',
    'Polisen och kommunen lovar att tillsammans arbeta för att öka den upplevda tryggheten i offentliga miljöer.',
    'Polisen och kommunen lovar att arbeta med åtgärder för att minska störning från motorfordon på de tider och platser som problemen är störst.',
  ],
  'Polisen lovar': [
    'att bedriva ett aktivt arbete mot narkotika i Flens kommun och specifikt jobba för att minska öppen droghandel.',
    'att polisen ska öka patrullering till fots eller på cykel på de platser som Flens invånare känner sig otrygga eller är utsatta för brott.',
    'att polisen kommer att genomföra minst 100 trafikkontroller enligt 20-minuters metoden med ambitionen att öka närvaron i kransorterna med trafikarbetet.',
  ],
  'Flens kommun lovar': [
    'att fortsätta stärka samverkan med föreningslivet i enlighet med Idrottspolitiska programmet, med målet att erbjuda alla ungdomar meningsfulla aktiviteter på fritiden.',
    'att i samverkan med civilsamhället arbeta för ökad vuxennärvaro på platser där unga finns.',
    'att utveckla sitt arbete med att erbjuda föräldraskapsstödjande insatser till vårdnadshavare.',
    'att arbeta för att skapa en trygg förskola och skola fri från kränkningar och våldsuttryck.',
    'att arbeta förebyggande enligt handlingsplanen för våld i nära relationer och hedersrelaterat våld och förtryck.',
    'att bedriva ett förebyggande arbete kring alkohol, narkotika, tobak och doping utifrån den lokala ANDT-handlingsplanen.',
  ],
};
const OUTCOME_2021 =
  'År 2022 ska en generell ökning av den upplevda tryggheten gå att avläsa i trygghetsmätningar och medborgardialoger.';

const FLEN_2020 = {
  Tillsammans: [
    'Polisen och kommunen lovar att tillsammans utveckla arbetet som syftar till att tidigt bryta ungdomars väg in i missbruk och kriminalitet (t. ex. arbetsgrupper med polis, skola och soc för barn i riskzon, gemensamma orosbesök, ANDT-utbildningsinsatser i skolan).',
    'Polisen och kommunen lovar att tillsammans genomföra minst fyra trygghetsvandringar under 2020.',
  ],
  'Polisen lovar': [
    'att bedriva ett aktivt arbete mot narkotika och öppen droghandel i lokalsamhället',
    'att polisen genom synlighet och återkommande fotpatrull (enligt 15 minuters metoden) i Flens centrum ska skapa trygghet och förebygga brott.',
    'att polisen kommer att genomföra minst 100 trafikkontroller enligt 20-minuters metoden i Flens kommun.',
  ],
  'Flens kommun lovar': [
    'att fortsätta stärka samverkan med föreningslivet i enlighet med Idrottspolitiska programmet, med målet att erbjuda alla ungdomar organiserade aktiviteter på fritiden.',
    'att fortsätta sitt arbete med att erbjuda föräldraskapsstödjande insatser till vårdnadshavare.',
    'att fortsätta med konceptet Trygg vuxen 2.0 som ska fokusera på områden där unga finns. Minst 50 Trygg vuxen-aktiviteter ska äga rum under 2020.',
    'att arbeta aktivt med förebyggande arbete kring alkohol, narkotika, tobak och doping utifrån den lokala ANDT-handlingsplanen.',
    'att fortsätta sitt aktiva arbete med tillsyn av alkohol och tobak.',
    'att ta fram en handlingsplan för våld i nära relationer och hedersrelaterat våld och förtryck.',
    'att arbeta aktivt med att skapa trygga offentliga miljöer för att öka den upplevda tryggheten.',
    'att vidta åtgärder för att minska möjligheten till felbeteende i trafiken i form av hastighetsöverträdelser på de vägar där kommunen har ansvar.',
  ],
};
const OUTCOME_2020 =
  'År 2021 ska en generell ökning av den upplevda tryggheten gå att avläsa i trygghetsmätningar och medborgardialoger.';

const SV_PARTIES = ['Tillsammans', 'Polisen lovar', 'Flens kommun lovar'];
const EN_PARTIES = ['Together', 'The Police promise', 'Flens kommun promises'];

// ---------------------------------------------------------------------------
// Small page helpers.

const htmlLang = (page) => page.locator('html').getAttribute('lang');

async function partyHeadings(page) {
  return (await page.locator('section.party > h3').allTextContents()).map((t) => t.trim());
}

/** Asserts every party section holds exactly the expected commitments, in order. */
async function assertCommitments(page, expected, headings = Object.keys(expected)) {
  assert.deepEqual(await partyHeadings(page), headings, 'party headings, in order');
  const parties = Object.keys(expected);
  for (let i = 0; i < parties.length; i++) {
    const section = partySection(page, headings[i]);
    assert.equal(await section.count(), 1, `exactly one <section class="party"> headed "${headings[i]}"`);
    assert.deepEqual(
      await commitmentTexts(section),
      expected[parties[i]],
      `commitments under "${headings[i]}"`,
    );
  }
}

/** The text of the target line (p.target) of the commitment whose text is exactly `commitment`. */
async function targetOf(page, commitment) {
  const items = page.locator('li.commitment').filter({
    has: page.locator('p:first-child', { hasText: commitment }),
  });
  assert.equal(await items.count(), 1, `one commitment reading "${commitment}"`);
  const target = items.locator('p.target');
  assert.equal(await target.count(), 1, `a target line under "${commitment}"`);
  return (await target.textContent()).trim();
}

function assertMentions(text, words, what) {
  for (const w of words) assert.ok(text.includes(w), `${what} should mention "${w}", got: "${text}"`);
}

async function assertParagraph(page, text) {
  const p = page.locator('article.promise p').filter({ hasText: text });
  assert.ok((await p.count()) >= 1, `the promise shows "${text}"`);
  assert.ok(await p.first().isVisible(), `"${text}" is visible`);
}

// ---------------------------------------------------------------------------

describe('Flen: promise content', () => {
  test('2021 page shows every commitment of the seed under its party', () =>
    app.withPage(async (page) => {
      const res = await page.goto('/kommun/0482/2021');
      assert.equal(res.status(), 200);
      assert.equal(await htmlLang(page), 'sv');
      assert.equal((await page.locator('article.promise h2').textContent()).trim(), 'Medborgarlöfte 2021');
      await assertCommitments(page, FLEN_2021);

      const traffic = await targetOf(page, FLEN_2021['Polisen lovar'][2]);
      assertMentions(traffic, ['minst 100 trafikkontroller', '20-minutersmetoden', 'kransorterna'], 'the traffic-control target');

      // The motor-vehicle commitment is measured in the situation picture and asks
      // whether the controls went where the problems were.
      const motor = page.locator('li.commitment').filter({ hasText: FLEN_2021.Tillsammans[2] });
      assert.match(await motor.locator('.indicator').innerText(), /Mätt i lägesbilden: Störning från motorfordon kl\. 18–02/);
      assert.match(await motor.locator('.targeting').innerText(), /Gick arbetet dit problemen var\?/);

      await assertParagraph(page, OUTCOME_2021);
    }));

  test('municipality page shows the newest promise (2021)', () =>
    app.withPage(async (page) => {
      const res = await page.goto('/kommun/0482');
      assert.equal(res.status(), 200);
      assert.equal((await page.locator('article.promise h2').textContent()).trim(), 'Medborgarlöfte 2021');
      await assertCommitments(page, FLEN_2021);
    }));

  test('start page links to Flen', () =>
    app.withPage(async (page) => {
      await page.goto('/');
      const link = page.locator('main a[href="/kommun/0482"]');
      assert.equal((await link.textContent()).trim(), 'Flen');
      await link.click();
      await page.waitForURL('**/kommun/0482');
      assert.equal((await page.locator('h1').textContent()).trim(), 'Flen – medborgarlöften');
    }));

  test('2020 page shows every commitment of the seed under its party', () =>
    app.withPage(async (page) => {
      const res = await page.goto('/kommun/0482/2020');
      assert.equal(res.status(), 200);
      assert.equal((await page.locator('article.promise h2').textContent()).trim(), 'Medborgarlöfte 2020');
      await assertCommitments(page, FLEN_2020);

      assertMentions(await targetOf(page, FLEN_2020.Tillsammans[1]), ['minst 4 trygghetsvandringar'], 'the safety-walk target');
      assertMentions(await targetOf(page, FLEN_2020['Flens kommun lovar'][2]), ['minst 50 Trygg vuxen-aktiviteter'], 'the Trygg vuxen target');
      assertMentions(await targetOf(page, FLEN_2020['Polisen lovar'][2]), ['minst 100 trafikkontroller'], 'the traffic-control target');
      assertMentions(await targetOf(page, FLEN_2020['Polisen lovar'][1]), ['15-minutersmetoden', 'Flens centrum'], 'the foot-patrol line');

      await assertParagraph(page, OUTCOME_2020);
    }));
});

describe('Language switch', () => {
  test('English UI keeps the Swedish promise text, is remembered, and switches back', () =>
    app.withPage(async (page) => {
      await page.goto('/kommun/0482/2021');
      const toEnglish = page.locator('a.lang-switch');
      assert.equal((await toEnglish.textContent()).trim(), 'English');
      await toEnglish.click();
      await page.waitForFunction(() => document.documentElement.lang === 'en');
      assert.equal(new URL(page.url()).pathname, '/kommun/0482/2021', 'redirected back to the same page');
      assert.equal(await htmlLang(page), 'en');

      await assertCommitments(page, FLEN_2021, EN_PARTIES);
      const langs = await page
        .locator('li.commitment > p:first-child')
        .evaluateAll((ps) => ps.map((p) => p.closest('[lang]')?.getAttribute('lang')));
      assert.equal(langs.length, 12);
      assert.deepEqual(langs, Array(12).fill('sv'), 'every commitment text is inside an element with lang="sv"');
      const headingLangs = await page
        .locator('section.party > h3')
        .evaluateAll((hs) => hs.map((h) => h.closest('[lang]')?.getAttribute('lang')));
      assert.deepEqual(headingLangs, ['en', 'en', 'en'], 'English party headings are marked lang="en"');

      // The cookie is remembered on other pages.
      await page.goto('/');
      assert.equal(await htmlLang(page), 'en');
      const toSwedish = page.locator('a.lang-switch');
      assert.equal((await toSwedish.textContent()).trim(), 'Svenska');
      assert.equal(await toSwedish.getAttribute('lang'), 'sv');

      await toSwedish.click();
      await page.waitForFunction(() => document.documentElement.lang === 'sv');
      assert.equal(new URL(page.url()).pathname, '/');
      assert.equal(await htmlLang(page), 'sv');
      assert.equal((await page.locator('a.lang-switch').textContent()).trim(), 'English');

      await page.goto('/kommun/0482/2021');
      assert.equal(await htmlLang(page), 'sv');
      assert.deepEqual(await partyHeadings(page), SV_PARTIES);
    }));
});

describe('Not found', () => {
  for (const path of ['/kommun/9999', '/kommun/0482/1999']) {
    test(`${path} is a 404 page, in Swedish and in English`, () =>
      app.withPage(async (page) => {
        let res = await page.goto(path);
        assert.equal(res.status(), 404);
        assert.equal(await htmlLang(page), 'sv');
        assert.equal((await page.locator('h1').textContent()).trim(), 'Sidan finns inte');

        res = await page.goto(`/sprak/en?tillbaka=${encodeURIComponent(path)}`);
        assert.equal(res.status(), 404, 'after switching language, the same address is still a 404');
        assert.equal(await htmlLang(page), 'en');
        assert.equal((await page.locator('h1').textContent()).trim(), 'Page not found');
      }));
  }
});

describe('Robustness', () => {
  test('works without JavaScript', () =>
    app.withPage({ javaScriptEnabled: false }, async (page) => {
      await page.goto('/kommun/0482/2021');
      await assertCommitments(page, FLEN_2021);
      await page.locator('a.lang-switch').click();
      await page.waitForURL('**/kommun/0482/2021');
      assert.equal(await htmlLang(page), 'en');
      await assertCommitments(page, FLEN_2021, EN_PARTIES);
      await page.locator('a.lang-switch').click();
      await page.waitForURL('**/kommun/0482/2021');
      assert.equal(await htmlLang(page), 'sv');
      assert.deepEqual(await partyHeadings(page), SV_PARTIES);
    }));

  for (const lang of ['sv', 'en']) {
    test(`no horizontal scrolling at 360×740 on the 2021 page (${lang})`, () =>
      app.withPage({ viewport: { width: 360, height: 740 } }, async (page) => {
        if (lang === 'en') await setLanguage(page, 'en');
        await page.goto('/kommun/0482/2021');
        assert.equal(await htmlLang(page), lang);
        const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(scrollWidth <= 360, `document.documentElement.scrollWidth is ${scrollWidth}, wider than 360`);
      }));
  }
});

describe('Residents have their say', () => {
  test('an input sent without JavaScript is moderated and then shows in the public list', async () => {
    const text = `Mörkt vid gångtunneln ${Date.now()}`;
    await app.withPage({ javaScriptEnabled: false }, async (page) => {
      await page.goto('/kommun/0482/tyck-till');
      await page.selectOption('#input_locality', { label: 'Malmköping' });
      await page.selectOption('#input_category', { label: 'Belysning' });
      await page.fill('#input_address', 'Gångtunneln vid Storgatan');
      await page.fill('#input_text', text);
      await Promise.all([page.waitForURL(/\/tyck-till\/tack(\?|$)/), page.click('form.form button[type=submit]')]);
      assert.equal(await page.locator('h1').textContent(), 'Tack för ditt inlägg');
      await page.goto('/kommun/0482/synpunkter');
      assert.equal(await page.getByText(text).count(), 0, 'not shown before moderation');
    });
    await app.withSession('samordnare@flen.example', async (page) => {
      await page.goto('/personal/kommun/0482/synpunkter');
      const item = page.locator('.input-item', { has: page.locator('textarea', { hasText: text }) });
      await Promise.all([page.waitForLoadState(), item.getByRole('button', { name: 'Publicera' }).click()]);
      await page.waitForSelector('.note.saved');
    });
    await app.withPage(async (page) => {
      await page.goto('/kommun/0482/synpunkter?ort=malmkoping&kategori=lighting');
      assert.equal(await page.locator('.input-text', { hasText: text }).count(), 1, 'shown after moderation');
    });
  });
});

describe('Residents have their say on the map', () => {
  /** Clicks the map at a fraction of its width and height, as a person would. */
  async function clickMap(page, fx, fy) {
    const map = page.locator('#karta');
    await map.scrollIntoViewIfNeeded();
    await page.locator('#karta .leaflet-tile-loaded').first().waitFor();
    // The boundary is drawn and the map zoomed to it (Leaflet animates the zoom).
    await page.locator('#karta svg path').first().waitFor();
    await page.waitForTimeout(400);
    const box = await map.boundingBox();
    await page.mouse.click(box.x + box.width * fx, box.y + box.height * fy);
  }

  test('an input marked on the map is moderated and then shows as a marker on the public map', async () => {
    const text = `Mörkt vid stationen ${Date.now()}`;
    await app.withPage(async (page, context) => {
      await page.goto('/kommun/0482/tyck-till');
      await page.locator('#karta-del').waitFor({ state: 'visible' });
      assert.equal(await page.textContent('#karta-status'), 'Ingen punkt markerad.');
      await clickMap(page, 0.5, 0.5);
      assert.match(await page.textContent('#karta-status'), /^Du har markerat en punkt på kartan\./);
      assert.notEqual(await page.inputValue('#input_lat'), '');
      assert.notEqual(await page.inputValue('#input_locality'), '', 'the nearest locality is chosen');
      assert.ok(context.tileRequests > 0, 'the policy lets tiles through');
      await page.selectOption('#input_category', { label: 'Belysning' });
      await page.fill('#input_text', text);
      await Promise.all([page.waitForURL(/\/tyck-till\/tack(\?|$)/), page.click('form.form button[type=submit]')]);
    });
    await app.withSession('samordnare@flen.example', async (page) => {
      await page.goto('/personal/kommun/0482/synpunkter');
      const item = page.locator('.input-item', { has: page.locator('textarea', { hasText: text }) });
      // The marked point, to keep approximate (the default), confirm as a public place,
      // move or remove; the public then sees it only approximately.
      assert.match(await item.getByLabel('Latitud').inputValue(), /^59\.\d{6}$/);
      assert.match(await item.getByLabel('Longitud').inputValue(), /^16\.\d{6}$/);
      assert.ok(await item.getByLabel('Visa ungefärligt (cirka 300 meter)').isChecked());
      await Promise.all([page.waitForLoadState(), item.getByRole('button', { name: 'Publicera' }).click()]);
      await page.waitForSelector('.note.saved');
    });
    await app.withPage(async (page) => {
      await page.goto('/kommun/0482/synpunkter');
      const markers = page.locator('#karta .leaflet-marker-icon[alt^="Synpunkt: Belysning"]');
      await markers.first().waitFor();
      let found = false;
      for (let i = 0; i < (await markers.count()) && !found; i++) {
        await markers.nth(i).click();
        found = (await page.locator('.map-popup').getByText(text).count()) === 1;
      }
      assert.ok(found, 'a marker whose popup holds the text');
      await screenshot(page, 'sv-inputs-map-popup-1280');
    });
  });

  test('a point outside the municipality gets a message asking to check the place, and nothing is kept', () =>
    app.withPage(async (page) => {
      await page.goto('/kommun/0482/tyck-till');
      await page.locator('#karta-del').waitFor({ state: 'visible' });
      await clickMap(page, 0.95, 0.1); // a corner away from the zoom buttons, outside Flen
      await page.selectOption('#input_locality', { label: 'Flen' });
      await page.selectOption('#input_category', { label: 'Trafik' });
      await page.fill('#input_text', 'Fortkörning.');
      const response = await clickAndWait(page, page.locator('form.form button[type=submit]'));
      assert.equal(response.status(), 422);
      assert.equal(
        (await page.textContent('#input_position-error')).trim(),
        'Punkten du markerade ligger utanför Flens kommun. Kontrollera platsen på kartan, eller ta bort punkten och välj ort i listan.',
      );
      assert.equal(await page.inputValue('#input_text'), 'Fortkörning.', 'what was typed is kept');
      // Taking the point away and sending again works.
      await page.click('#karta-ta-bort');
      assert.equal(await page.inputValue('#input_lat'), '');
      await Promise.all([page.waitForURL(/\/tyck-till\/tack(\?|$)/), page.click('form.form button[type=submit]')]);
      await screenshot(page, 'sv-input-outside-thanks-1280');
    }));
});

describe('Accessibility (axe, WCAG 2.1 A/AA) and screenshots', () => {
  const pages = [
    ['home', '/'],
    ['municipality', '/kommun/0482'],
    ['flen-2021', '/kommun/0482/2021'],
    ['flen-2020', '/kommun/0482/2020'],
    ['follow-up-2021-t2', '/kommun/0482/2021/uppfoljning/t2'],
    ['final-report-2020', '/kommun/0482/2020/uppfoljning/slutredovisning'],
    ['survey', '/kommun/0482/trygghet'],
    ['situation', '/kommun/0482/lagesbild'],
    ['situation-category', '/kommun/0482/lagesbild?ar=2021&kategori=motor_vehicles'],
    ['input-form', '/kommun/0482/tyck-till'],
    ['inputs', '/kommun/0482/synpunkter'],
    ['not-found', '/kommun/9999'],
    ['accessibility', '/tillganglighet'],
    ['privacy-index', '/personuppgifter'],
    ['privacy-flen', '/kommun/0482/personuppgifter'],
    ['contact', '/kontakt'],
  ];
  for (const lang of ['sv', 'en']) {
    for (const [name, path] of pages) {
      test(`${path} (${lang})`, () =>
        app.withPage(async (page) => {
          if (lang === 'en') await setLanguage(page, 'en');
          await page.goto(path);
          assert.equal(await htmlLang(page), lang);
          // Screenshots first, so they exist even when axe fails.
          await screenshot(page, `${lang}-${name}-1280`);
          await page.setViewportSize({ width: 360, height: 740 });
          await screenshot(page, `${lang}-${name}-360`);
          await expectStackedTablesFit(page, `${path} (${lang}) at 360 px`);
          await page.setViewportSize({ width: 1280, height: 800 });
          await expectNoAxeViolations(page, `${path} (${lang})`);
        }));
    }
  }
});

describe('Follow-up report as PDF', () => {
  test('a resident downloads the Swedish PDF of tertial 2 2021 from the report page; its first page is saved as PNG', async () => {
    const { execFileSync } = await import('node:child_process');
    const { mkdir, stat } = await import('node:fs/promises');
    const path = (await import('node:path')).default;
    const { SCREENSHOT_DIR } = await import('./helpers.js');
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    await app.withPage(async (page) => {
      await page.goto('/kommun/0482/2021/uppfoljning/t2');
      const link = page.getByRole('link', { name: 'Ladda ner som PDF (svenska)' });
      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      assert.equal(download.suggestedFilename(), 'lofte-0482-2021-t2-sv.pdf');
      const pdf = path.join(SCREENSHOT_DIR, 'report-flen-2021-t2-sv.pdf');
      await download.saveAs(pdf);
      const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' });
      assert.match(text, /Uppföljning tertial 2 2021/);
      assert.match(text, /av 100 trafikkontroller/);
      assert.match(text, /Exempeldata/, 'the demo data is labelled in the PDF');
      const png = path.join(SCREENSHOT_DIR, 'report-flen-2021-t2-sv-page');
      execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', pdf, png]);
      assert.ok((await stat(`${png}.png`)).size > 10_000, 'the first page rendered');
    });
  });
});
