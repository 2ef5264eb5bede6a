// End-to-end tests of a municipality's own promise shapes in the staff area: a
// two-year promise written in the browser and followed up in its second year, a
// target with conditions (several types, a night window), a commitment removed on a
// page that says what will happen, a road added as a place, and a place an activity
// file names added in the same step as the file. Each page is checked
// with axe, and the forms on a phone's width.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, clickAndWait, expectNoAxeViolations, expectNoHorizontalScroll } from './helpers.js';

const app = useApp({ before, after });
const COORDINATOR = 'samordnare@flen.example';
const BASE = '/personal/kommun/0482/2025';

describe('A two-year promise of the municipality\'s own', () => {
  test('is written, gets a conditioned target, is followed up in its second year and cut down', () =>
    app.withSession(COORDINATOR, async (page) => {
      await page.goto('/personal/kommun/0482/nytt');
      await page.fill('#first_year', '2025');
      await page.fill('#last_year', '2026');
      await page.fill('#title', 'Medborgarlöfte 2025–2026');
      await page.fill('#aim', 'Tryggare kvällar i hela Flen.');
      await page.fill('#outcome_text', 'År 2027 ska fler känna sig trygga på kvällen.');
      await page.fill('#outcome_measured_in', '2027');
      await page.selectOption('#party', 'together');
      await page.fill('#text', 'att hålla en medborgardialog varje år.');
      await clickAndWait(page, page.locator('main form button[type=submit]'));
      assert.equal(new URL(page.url()).pathname, BASE);

      // A police target that counts two types on Friday and Saturday nights.
      await page.goto(`${BASE}/atagande/ny`);
      await page.selectOption('#party', 'police');
      await page.selectOption('#kind', 'output');
      await page.fill('#text', 'att patrullera fredag och lördag kväll.');
      await page.selectOption('#target_activity', 'foot_patrol');
      await page.check('#target_also-bicycle_patrol');
      await page.fill('#target_at_least', '100');
      await page.check('#when_weekdays-fri');
      await page.check('#when_weekdays-sat');
      await page.fill('#hours_from', '20:00');
      await page.fill('#hours_to', '02:00');
      await expectNoAxeViolations(page, 'commitment form with conditions');
      await clickAndWait(page, page.locator('main form button[type=submit]'));
      assert.equal(new URL(page.url()).pathname, BASE);
      const targets = await page.locator('li.commitment .target').allTextContents();
      assert.ok(
        targets.some((t) => t.includes('Mål: minst 100 aktiviteter (fotpatruller eller cykelpatruller) på fredagar och lördagar kl. 20:00–02:00.')),
        targets.join('\n'),
      );

      // The second year's first tertial opens, and is saved, under its own year.
      const t1 = page.getByRole('link', { name: 'Uppföljning tertial 1 2026' });
      assert.equal(await t1.getAttribute('href'), '/personal/kommun/0482/2026/uppfoljning/t1');
      await clickAndWait(page, t1);
      assert.match(await page.locator('h1').innerText(), /2026/);
      await expectNoAxeViolations(page, 'second year\'s tertial report');
      await clickAndWait(page, page.locator('button[name=action][value=save]'));
      await page.goto(BASE);
      const rows = await page.locator('#uppfoljningar ~ ul li, section[aria-labelledby=uppfoljningar] li').allTextContents();
      const line = (label) => rows.find((r) => r.includes(label)) ?? '';
      assert.match(line('Uppföljning tertial 1 2026'), /Utkast/);
      assert.match(line('Uppföljning tertial 1 2025'), /Inte påbörjad/);
      // One final report, for the whole span, kept under the last year.
      assert.equal(rows.filter((r) => r.includes('Slutredovisning')).length, 1);
      const final = page.getByRole('link', { name: 'Slutredovisning 2025–2026' });
      assert.equal(await final.getAttribute('href'), '/personal/kommun/0482/2026/uppfoljning/slutredovisning');

      // Removed: asked on a page of its own, then gone from the promise.
      await clickAndWait(page, page.getByRole('link', { name: /Ta bort åtagandet ”att patrullera/ }));
      assert.equal(await page.locator('h1').innerText(), 'Ta bort åtagandet?');
      await expectNoAxeViolations(page, 'remove commitment');
      await clickAndWait(page, page.getByRole('button', { name: 'Ja, ta bort åtagandet' }));
      assert.equal(new URL(page.url()).pathname, BASE);
      const left = await page.locator('li.commitment > p:first-child').allTextContents();
      assert.deepEqual(left, ['att hålla en medborgardialog varje år.']);
    }));

  test('its final report is saved with a sign that it was, and asks for a verdict before publishing', () =>
    app.withSession(COORDINATOR, { viewport: { width: 390, height: 844 } }, async (page) => {
      await page.goto('/personal/kommun/0482/2026/uppfoljning/slutredovisning');
      assert.equal(await page.locator('h1').innerText(), 'Slutredovisning 2025–2026 – Medborgarlöfte 2025–2026');
      // The commitment without a number: a verdict is chosen, not defaulted, and no
      // "why another status" is asked where none was computed.
      assert.equal(await page.locator('#status_0').inputValue(), '');
      assert.equal(await page.locator('#reason_0').count(), 0);
      await clickAndWait(page, page.getByRole('button', { name: 'Spara utkast' }));
      assert.match(await page.locator('.note.saved').innerText(), /^Utkastet sparades kl\. \d\d:\d\d\./);
      await expectNoAxeViolations(page, 'final report saved as a draft');
      await clickAndWait(page, page.getByRole('button', { name: 'Förhandsgranska och publicera' }));
      const problems = await page.locator('.error-summary li').allTextContents();
      assert.ok(
        problems.some((p) => p.includes('Åtagande 1: Bedömning: Välj om åtagandet hölls')),
        problems.join('\n'),
      );
      assert.match(await page.locator('.entry-list li').first().innerText(), /behöver rättas/);
      await expectNoAxeViolations(page, 'final report refused without a verdict');
      await expectNoHorizontalScroll(page, 'final report refused without a verdict');

      // With a verdict and words, the preview shows it as residents will see it.
      await page.selectOption('#status_0', 'kept');
      await page.fill('#narrative_0', 'Två medborgardialoger hölls, en varje år.');
      await clickAndWait(page, page.getByRole('button', { name: 'Förhandsgranska och publicera' }));
      assert.match(new URL(page.url()).pathname, /\/uppfoljning\/slutredovisning\/forhandsvisning$/);
      assert.match(await page.locator('.preview-banner').innerText(), /^Förhandsvisning\. Så här ser invånarna/);
      assert.match(await page.locator('main').innerText(), /Två medborgardialoger hölls, en varje år\./);
      await expectNoAxeViolations(page, 'final report preview');
      await expectNoHorizontalScroll(page, 'final report preview');
    }));
});

describe('Places', () => {
  test('a road is added from the staff area as a pasted line and listed', () =>
    app.withSession(COORDINATOR, async (page) => {
      await page.goto('/personal');
      await clickAndWait(page, page.getByRole('link', { name: 'Platser' }));
      await expectNoAxeViolations(page, 'places');
      await clickAndWait(page, page.getByRole('link', { name: 'Lägg till plats' }));
      await page.fill('#name', 'Väg 55');
      await page.selectOption('#place_kind', 'road');
      // A point that is not a number is named on its field; nothing is stored.
      await page.fill('#place_lat', 'norr');
      await clickAndWait(page, page.locator('main form button[type=submit]'));
      assert.ok((await page.locator('#place_lat-error').innerText()).length > 0);
      await expectNoAxeViolations(page, 'place form with an error');
      await page.fill('#place_lat', '');
      await page.fill('#shape', '{"type":"LineString","coordinates":[[16.52,59.06],[16.60,59.02],[16.70,58.99]]}');
      await clickAndWait(page, page.locator('main form button[type=submit]'));
      assert.equal(new URL(page.url()).pathname, '/personal/kommun/0482/platser');
      const row = page.locator('tr', { hasText: 'Väg 55' });
      assert.match(await row.innerText(), /vag-55/);
      assert.match(await row.innerText(), /Väg/);
    }));

  test('a school\'s grounds are drawn on the map as an area, and drawn again when edited', () =>
    app.withSession(COORDINATOR, async (page) => {
      await page.goto('/personal/kommun/0482/platser/ny');
      await page.fill('#name', 'Björkskolan');
      await page.selectOption('#place_kind', 'school');
      await page.getByRole('button', { name: 'Rita ett område' }).click();
      const map = await page.locator('#karta').boundingBox();
      const click = (fx, fy) => page.mouse.click(map.x + map.width * fx, map.y + map.height * fy);
      await click(0.4, 0.4);
      await click(0.6, 0.4);
      await click(0.9, 0.9);
      // The last point was wrong: taken back, and with two corners there is no area yet.
      await page.getByRole('button', { name: 'Ta bort senaste punkten' }).click();
      assert.equal(await page.inputValue('#shape'), '');
      // A keyboard user pans and adds the map's centre as the third corner.
      await page.getByRole('button', { name: 'Lägg till kartans mitt' }).click();
      const area = JSON.parse(await page.inputValue('#shape'));
      assert.equal(area.type, 'Polygon');
      assert.equal(area.coordinates[0].length, 4, 'three corners and the first again');
      assert.deepEqual(area.coordinates[0][0], area.coordinates[0][3]);
      assert.match(await page.locator('#rita-status').innerText(), /Område med 3 hörn/);
      await expectNoAxeViolations(page, 'place form drawing an area');
      await clickAndWait(page, page.locator('main form button[type=submit]'));
      assert.equal(new URL(page.url()).pathname, '/personal/kommun/0482/platser');
      assert.match(await page.locator('tr', { hasText: 'Björkskolan' }).innerText(), /Skola/);
      // Opened again, the stored outline is on the map to go on from.
      await clickAndWait(page, page.getByRole('link', { name: 'Ändra platsen Björkskolan' }));
      await page.getByRole('button', { name: 'Rita ett område' }).click();
      assert.match(await page.locator('#rita-status').innerText(), /Område med 3 hörn/);
      await page.getByRole('button', { name: 'Rita en linje' }).click();
      assert.equal(JSON.parse(await page.inputValue('#shape')).type, 'LineString');
    }));

  test('places a file names are added in the same step as the file', () =>
    app.withSession(COORDINATOR, { viewport: { width: 360, height: 740 } }, async (page) => {
      await page.goto('/personal/kommun/0482/logga/fil');
      await page.setInputFiles('#file', {
        name: 'export.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from('Datum;Aktivitet;Utförare;Plats\n2021-05-04;Fotpatrull;Polisen;Lokstallarna\n2021-05-05;Fotpatrull;Polisen;Flen\n'),
      });
      await clickAndWait(page, page.locator('main form button[type=submit]'));
      const adding = page.locator('section', { has: page.getByRole('heading', { name: 'Lägg till platserna som saknas' }) });
      assert.equal(await adding.locator('legend').innerText(), 'Lokstallarna');
      await expectNoAxeViolations(page, 'activity file naming a missing place');
      await expectNoHorizontalScroll(page, 'activity file naming a missing place');
      await page.selectOption('#new_place_0_kind', 'area');
      await page.selectOption('#new_place_0_within', { label: 'Flen' });
      await clickAndWait(page, page.getByRole('button', { name: 'Lägg till platserna och läs in filen' }));
      assert.match(await page.locator('.note.saved').innerText(), /2 aktiviteter inlästa.*En plats lades till: Lokstallarna\./s);
      await page.goto('/personal/kommun/0482/platser');
      assert.match(await page.locator('tr', { hasText: 'Lokstallarna' }).innerText(), /Område/);
    }));

  test('the place form and list fit a phone', () =>
    app.withSession(COORDINATOR, { viewport: { width: 360, height: 740 } }, async (page) => {
      for (const path of ['/personal/kommun/0482/platser', '/personal/kommun/0482/platser/ny']) {
        await page.goto(path);
        await expectNoHorizontalScroll(page, path);
      }
    }));
});
