import type { Page } from 'playwright-core';
import { DEV } from '../support/dev-env.js';
import { graphql, type GatewayHandle } from '../support/gateway-harness.js';
import type { StrapiHandle } from '../support/strapi-harness.js';
import { logInAsEditor, startAdminStack, visible, type AdminStack, type BrowserSession } from './support/browser.js';

/**
 * An editor's day in the real admin panel (Strapi 5 + built admin, real gateway, headless Chromium):
 * edit a city intro, save a draft (sites keep the published text), publish (sites show the new text
 * within 2 s through the webhook), and get stopped by validation on a too-long meta description.
 * Screenshots of every step: tests/artifacts/e2e/.
 */

const LOCATION_UID = 'api::location.location';
const PROCEDURE_UID = 'api::procedure.procedure';
const LOCATION_INTRO = '{ location(slug: "chicago") { intro } }';
const PUBLISH_VISIBLE_WITHIN_MS = 5000; // a functional bound; the latency target is the bench's

let stack: AdminStack | undefined;
let strapi: StrapiHandle | undefined;
let gateway: GatewayHandle | undefined;
let session: BrowserSession | undefined;

beforeAll(async () => {
  stack = await startAdminStack({ gateway: true });
  ({ strapi, gateway, session } = stack);
}, 15 * 60_000);

afterAll(() => stack?.stop(), 60_000);

async function siteIntro(): Promise<string> {
  const res = await graphql<{ location: { intro: string } | null }>(gateway!.url, LOCATION_INTRO, { siteKey: DEV.siteKeys.lakeshore });
  if (res.status !== 200 || res.body.errors || !res.body.data?.location) {
    throw new Error(`gateway answered ${res.status}: ${JSON.stringify(res.body)}`);
  }
  return res.body.data.location.intro;
}

function editUrl(uid: string): string {
  return `${strapi!.url}/admin/content-manager/collection-types/${uid}?plugins[i18n][locale]=en`;
}

/** Opens the content-manager list of `uid` (locale en) and the entry whose row shows `name`. */
async function openEntry(page: Page, uid: string, name: string): Promise<void> {
  await page.goto(editUrl(uid));
  await page.getByRole('grid').getByRole('gridcell', { name, exact: true }).click();
  await visible(page.getByRole('heading', { level: 1, name }));
  await visible(page.getByRole('combobox', { name: 'Locales' }).filter({ hasText: '(en)' }));
}

/** The admin's toast for a finished action ("Saved document", "Published document"). */
async function expectNotification(page: Page, text: RegExp): Promise<void> {
  await visible(page.getByRole('status').filter({ hasText: text }));
}

describe('editor workflow in the admin panel (headless Chromium)', () => {
  it('edits, saves and publishes a city intro, and is stopped by SEO validation', async () => {
    const { page, step } = session!;
    const oldIntro = await siteIntro();
    expect(oldIntro.length).toBeGreaterThan(40);
    const newIntro = `Updated by the browser test at ${new Date().toISOString()}: our Chicago spine team now also sees patients on Saturdays.`;

    await step('log in as editor', async () => {
      await logInAsEditor(page, strapi!.url);
      await visible(page.getByRole('button', { name: /Content Editor/ }));
    });

    await step('open Chicago location', async () => {
      await openEntry(page, LOCATION_UID, 'Chicago');
      await visible(page.getByText('intro', { exact: true }));
    });

    await step('change intro', async () => {
      // intro is richtext: Strapi's Markdown editor (CodeMirror). Type into it as an editor would.
      // The innermost block holding both the "intro" label and the editor is the field.
      const field = page
        .locator('div')
        .filter({ has: page.locator('label', { hasText: /^intro$/ }) })
        .filter({ has: page.locator('.CodeMirror') })
        .last();
      const editor = field.locator('.CodeMirror');
      await visible(editor.filter({ hasText: oldIntro.slice(0, 40) }));
      await editor.locator('.CodeMirror-lines').click();
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.press('Delete');
      await page.keyboard.insertText(newIntro);
      await visible(editor.filter({ hasText: newIntro }));
      // biome-ignore lint/performance/useDomNodeTextContent: the text the editor sees, as rendered, is the point.
      expect(await editor.innerText()).not.toContain(oldIntro.slice(0, 40));
    });

    await step('save draft', async () => {
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await expectNotification(page, /saved/i);
      await visible(page.getByRole('status').filter({ hasText: /modified/i }));
      // The draft holds exactly what was typed...
      const draft = await strapi!.app.documents(LOCATION_UID).findFirst({ filters: { slug: 'chicago' }, locale: 'en', status: 'draft' });
      expect(draft.intro).toBe(newIntro);
      // ...but sites only ever see published content: the gateway still serves the old intro.
      expect(await siteIntro()).toBe(oldIntro);
    });

    await step('publish', async () => {
      const clicked = Date.now();
      const published = page.waitForResponse(
        (res) => res.request().method() === 'POST' && /\/content-manager\/collection-types\/api::location\.location\/[^/]+\/actions\/publish/.test(res.url()),
      );
      await page.getByRole('button', { name: 'Publish', exact: true }).click();
      const res = await published;
      expect(res.status()).toBe(200);
      // The 5 s count from Strapi's answer to the publish request (the webhook to the gateway follows it).
      const started = Date.now();
      let seen = '';
      while (Date.now() - started <= PUBLISH_VISIBLE_WITHIN_MS) {
        seen = await siteIntro();
        if (seen === newIntro) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(seen).toBe(newIntro);
      console.log(`[e2e] gateway served the published intro ${Date.now() - started} ms after Strapi published it (${Date.now() - clicked} ms after the click)`);
      await expectNotification(page, /published/i);
    });

    await step('open Kyphoplasty procedure', async () => {
      await openEntry(page, PROCEDURE_UID, 'Kyphoplasty');
      await visible(page.getByRole('textbox', { name: 'Meta description' }));
    });

    await step('too-long meta description is rejected', async () => {
      const tooLong = `Kyphoplasty ${'restores height to a fractured vertebra with a balloon and bone cement. '.repeat(4)}`.slice(0, 200);
      expect(tooLong).toHaveLength(200);
      const meta = page.getByRole('textbox', { name: 'Meta description' });
      await meta.fill(tooLong);
      expect(await meta.inputValue()).toBe(tooLong);
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      // The admin refuses to save: a toast, and the message under the field itself.
      await visible(page.getByText(/validation errors in your document/i));
      const field = page
        .locator('div')
        .filter({ has: page.locator('label', { hasText: /^Meta description$/ }) })
        .filter({ has: meta })
        .last();
      await visible(field.getByText(/value is too long \(max: 160\)/i));
      expect(await meta.getAttribute('aria-invalid')).toBe('true');
      // Nothing reached the database: the stored draft keeps its (valid) description.
      const draft = await strapi!.app.documents(PROCEDURE_UID).findFirst({ filters: { slug: 'kyphoplasty' }, locale: 'en', status: 'draft', populate: ['seo'] });
      expect(draft.seo.metaDescription).not.toBe(tooLong);
      expect(draft.seo.metaDescription.length).toBeLessThanOrEqual(160);
    });
  });
});
