// End-to-end: a resident follows a promise by e-mail without an account, confirms it
// from the message, is told when the final report is published, and stops following
// through the message's List-Unsubscribe address. Without a mail server the demo's
// messages are files under the data folder (mail/<id>.eml), read here as a mail
// client would. Each page is checked with axe, the forms on a phone's width too.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, clickAndWait, expectNoAxeViolations, expectNoHorizontalScroll, mailTo } from './helpers.js';

const app = useApp({ before, after });
const COORDINATOR = 'samordnare@flen.example';

/** The demo's messages to `to`, once there are `count`. */
const inbox = (to, count) => mailTo(app.server.dataDir, to, count);

describe('Following a promise by e-mail', () => {
  test('a resident asks, confirms from the message and sees what is stored', () =>
    app.withPage({ viewport: { width: 390, height: 844 } }, async (page) => {
      await page.goto('/kommun/0482/2021');
      const form = page.locator('section.follow');
      await form.scrollIntoViewIfNeeded();
      await expectNoAxeViolations(page, 'promise page with the follow form');
      await expectNoHorizontalScroll(page, 'promise page with the follow form');
      await page.fill('#folj-epost', 'anna@example.se');
      await page.check('#folj-immediately');
      await clickAndWait(page, form.getByRole('button', { name: 'Följ' }));
      assert.equal(await page.locator('h1').innerText(), 'Titta i din e-post');
      await expectNoAxeViolations(page, 'check your mail');

      const [confirm] = await inbox('anna@example.se', 1);
      assert.equal(confirm.headers.to, 'anna@example.se');
      assert.equal(confirm.headers['list-unsubscribe'], undefined);
      const link = confirm.text.split(/\s+/).find((w) => w.includes('/folj/bekrafta/'));
      assert.ok(link?.startsWith(app.url), confirm.text);
      await page.goto(link);
      await expectNoAxeViolations(page, 'confirm page');
      await clickAndWait(page, page.getByRole('button', { name: 'Ja, jag vill följa' }));
      assert.equal(await page.locator('h1').innerText(), 'Nu följer du');
      await clickAndWait(page, page.getByRole('link', { name: 'Se och ändra det du följer' }));
      assert.equal(await page.locator('h1').innerText(), 'Det du följer');
      const stored = await page.locator('main li').allInnerTexts();
      assert.ok(stored.some((l) => l.includes('Adress: anna@example.se')), stored.join('\n'));
      await expectNoAxeViolations(page, 'manage page');
      await expectNoHorizontalScroll(page, 'manage page');
    }));

  test('the final report reaches the follower, who unsubscribes from the message header', async () => {
    // The coordinator publishes Flen's 2021 final report (the demo leaves it a draft).
    await app.withSession(COORDINATOR, async (page) => {
      const path = '/personal/kommun/0482/2021/uppfoljning/slutredovisning';
      await page.goto(path);
      const entries = await page.locator('textarea[name^=narrative_]').count();
      for (let i = 0; i < entries; i += 1) {
        await page.fill(`[name=narrative_${i}]`, 'Genomfört enligt planen.');
        await page.locator(`[name=status_${i}]`).selectOption('kept').catch(() => {});
        const reason = page.locator(`[name=reason_${i}]`);
        if (await reason.count()) await reason.fill('Bedömt av polisen och kommunen tillsammans.');
      }
      await clickAndWait(page, page.locator('button[name=action][value=preview]'));
      await clickAndWait(page, page.getByRole('button', { name: /Publicera/ }));
      assert.match(page.url(), /sparat=publicerad/);
    });

    const messages = await inbox('anna@example.se', 2);
    const notice = messages[1];
    assert.equal(notice.headers.to, 'anna@example.se');
    assert.equal(notice.headers['list-unsubscribe-post'], 'List-Unsubscribe=One-Click');
    const unsubscribe = notice.headers['list-unsubscribe'].replace(/^<|>$/g, '');
    assert.ok(unsubscribe.startsWith(`${app.url}/folj/`) && unsubscribe.endsWith('/avsluta'), unsubscribe);
    assert.match(notice.text, /\/kommun\/0482\/2021\/uppfoljning\/slutredovisning/);
    assert.match(notice.text, / – Uppfyllt/);

    await app.withPage({ viewport: { width: 390, height: 844 } }, async (page) => {
      await page.goto(unsubscribe);
      assert.equal(await page.locator('h1').innerText(), 'Sluta följa');
      await expectNoAxeViolations(page, 'unsubscribe page');
      await clickAndWait(page, page.getByRole('button', { name: 'Sluta följa och radera min adress' }));
      assert.equal(await page.locator('h1').innerText(), 'Allt är raderat');
      // The same link again: a clear page, nothing changed.
      const again = await page.goto(unsubscribe);
      assert.equal(again.status(), 404);
      assert.equal(await page.locator('h1').innerText(), 'Länken gäller inte');
      await expectNoAxeViolations(page, 'spent link');
    });
  });
});
