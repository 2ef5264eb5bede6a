// End-to-end: a resident's input as a case they can follow. The resident sends it on a
// phone with an address for "Blev det gjort?" and gets a reference; the coordinator
// publishes it, replies, routes it and marks its action fixed; the resident is asked
// by e-mail (a file under the demo's data folder), answers "Delvis", and the answer
// shows on the input's own page and in the list. Each page is checked with axe.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  useApp, clickAndWait, expectNoAxeViolations, expectNoHorizontalScroll, mailTo, screenshot,
} from './helpers.js';

const app = useApp({ before, after });
const COORDINATOR = 'samordnare@flen.example';
const PHONE = { viewport: { width: 360, height: 780 } };
const TEXT = 'Trappan vid biblioteket är mörk på kvällarna.';

describe('An input as a case', () => {
  let reference;
  let id;

  test('a resident sends an input with an address and gets a reference', () =>
    app.withPage(PHONE, async (page) => {
      await page.goto('/kommun/0482/tyck-till');
      await page.selectOption('#input_locality', 'flen');
      await page.selectOption('#input_category', 'lighting');
      await page.fill('#input_text', TEXT);
      await page.fill('#input_email', 'boende@example.se');
      await clickAndWait(page, page.getByRole('button', { name: 'Skicka' }));
      reference = await page.locator('strong.reference').innerText();
      assert.match(reference, /^0482-\d+$/);
      id = reference.split('-')[1];
      const said = (await page.locator('main p').allInnerTexts()).join('\n');
      assert.match(said, /fyra veckor efter att inlägget publicerats/);
      await expectNoAxeViolations(page, 'thank-you page with a reference');
      await expectNoHorizontalScroll(page, 'thank-you page with a reference');
      await screenshot(page, 'case-thanks-phone');
    }));

  test('the coordinator publishes it, replies and marks the action fixed', () =>
    app.withSession(COORDINATOR, { viewport: { width: 1280, height: 900 } }, async (page) => {
      await page.goto('/personal/kommun/0482/synpunkter');
      const item = page.locator(`#synpunkt-${id}`);
      await clickAndWait(page, item.getByRole('button', { name: 'Publicera' }));
      await clickAndWait(page, page.getByRole('link', { name: reference }));
      assert.match(await page.locator('p.note').innerText(), /får en fråga om det blev gjort/);
      await page.fill('#case_reply', 'Gatuenheten byter armaturerna vid trappan.');
      await page.selectOption('#case_routed', 'Samhällsbyggnadsförvaltningen, gata/park');
      await page.selectOption('#case_status', 'fixed');
      await page.fill('#owner', 'Gatuenheten');
      await page.fill('#due', '2027-01-31');
      await clickAndWait(page, page.getByRole('button', { name: 'Spara' }));
      assert.equal(
        await page.locator('p.saved').innerText(),
        'Ärendet är sparat, och Samhällsbyggnadsförvaltningen, gata/park har fått ett e-postmeddelande om synpunkten.',
      );
      await expectNoAxeViolations(page, 'staff case page');
      await screenshot(page, 'case-staff');
    }));

  test('the unit it was routed to is told at its shared mailbox', async () => {
    const [told] = await mailTo(app.server.dataDir, 'gata-park@flen.example', 1);
    // The subject's unit name is encoded (RFC 2047); its start is plain.
    assert.ok(told.headers.subject.startsWith(`Synpunkt ${reference} har skickats till `));
    assert.equal(told.headers['content-language'], 'sv');
    assert.ok(told.text.includes(TEXT), told.text);
  });

  test('the coordinator keeps the list of units on a phone', () =>
    app.withSession(COORDINATOR, PHONE, async (page) => {
      await page.goto('/personal/kommun/0482/enheter');
      const units = await page.locator('.unit-name').allInnerTexts();
      assert.ok(units.includes('Samhällsbyggnadsförvaltningen, gata/park'), await page.content());
      await page.fill('#unit_email', 'inte en adress');
      await clickAndWait(page, page.getByRole('button', { name: 'Lägg till', exact: true }));
      assert.equal(await page.locator('.error-summary a').count(), 2);
      await expectNoAxeViolations(page, 'units page with errors');
      await expectNoHorizontalScroll(page, 'units page with errors');
      await screenshot(page, 'units-phone');
    }));

  test('the resident is asked, answers, and the answer is shown with the input', async () => {
    const [question] = await mailTo(app.server.dataDir, 'boende@example.se', 1);
    assert.equal(question.headers.subject, `Blev det gjort? Din synpunkt ${reference} till Flen`);
    const link = question.text.split(/\s+/).find((w) => w.includes('/synpunkt/svar/'));
    assert.ok(link?.startsWith(app.url), question.text);
    await app.withPage(PHONE, async (page) => {
      await page.goto(link);
      await expectNoAxeViolations(page, 'question page');
      await expectNoHorizontalScroll(page, 'question page');
      await screenshot(page, 'case-question-phone');
      await clickAndWait(page, page.getByRole('button', { name: 'Delvis' }));
      assert.equal(await page.locator('h1').innerText(), 'Tack för ditt svar');
      await clickAndWait(page, page.getByRole('link', { name: 'Se synpunkten' }));
      assert.equal(await page.locator('.resident-answer').innerText(), 'Invånaren svarade: Delvis');
      const lines = await page.locator('main p').allInnerTexts();
      assert.ok(lines.includes('Gatuenheten byter armaturerna vid trappan.'), lines.join('\n'));
      assert.ok(lines.includes('Åtgärd: Åtgärdat'), lines.join('\n'));
      await expectNoAxeViolations(page, 'the input page');
      await expectNoHorizontalScroll(page, 'the input page');
      await screenshot(page, 'case-public-phone');
      // The same link again: spent, nothing changed.
      const again = await page.goto(link);
      assert.equal(again.status(), 404);
    });
  });
});
