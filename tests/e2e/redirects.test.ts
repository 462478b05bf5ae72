import type { Locator, Page } from 'playwright-core';
import { freePort } from '../support/ports.js';
import { startStrapi, type StrapiHandle } from '../support/strapi-harness.js';
import { ARTIFACTS_DIR, assertChromiumInstalled, ensureAdminBuilt, logInAsEditor, openBrowser, type BrowserSession } from './support/browser.js';

/**
 * The redirects plugin's import page in the real admin panel, as the Editor (headless Chromium): a file with
 * bad rows is refused whole and its row errors are listed with their lines; a good file is imported.
 * What the gateway and website then answer is the integration suite's (redirects.test.ts).
 * Screenshots: tests/artifacts/e2e/redirects/.
 */

let strapi: StrapiHandle | undefined;
let session: BrowserSession | undefined;

beforeAll(async () => {
  assertChromiumInstalled();
  await ensureAdminBuilt();
  strapi = await startStrapi({ gatewayUrl: `http://127.0.0.1:${await freePort()}`, serveAdminPanel: true, env: { GATEWAY_WEBHOOK_ENABLED: 'false' } });
  session = await openBrowser([strapi.url], { artifactsDir: `${ARTIFACTS_DIR}/redirects` });
}, 15 * 60_000);

afterAll(async () => {
  await session?.close();
  await strapi?.stop().catch((e) => console.error('[e2e] strapi stop failed', e));
}, 60_000);

const visible = (locator: Locator, timeout?: number) => locator.first().waitFor({ state: 'visible', timeout });

async function importFile(page: Page, csv: string): Promise<number> {
  await page.locator('input[type="file"]').setInputFiles({ name: 'redirects.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  const answered = page.waitForResponse((res) => res.request().method() === 'POST' && res.url().endsWith('/redirects/import'));
  await page.getByRole('button', { name: 'Import' }).click();
  return (await answered).status();
}

describe('redirects import page, as the Editor (headless Chromium)', () => {
  it('lists the row errors of a refused file, then imports a good one', async () => {
    const { page, step } = session!;
    const count = () => strapi!.app.db.query('api::redirect.redirect').count();
    const before = await count();

    await step('log in as editor and open the import page', async () => {
      await logInAsEditor(page, strapi!.url);
      await page.goto(`${strapi!.url}/admin/plugins/redirects`);
      await visible(page.getByRole('heading', { level: 1, name: 'Import redirects' }));
      await page.getByRole('combobox', { name: 'Site' }).click();
      await page.getByRole('option', { name: 'Lakeshore Spine' }).click();
    });

    await step('a file with bad rows: nothing imported, each error with its line', async () => {
      const status = await importFile(page, 'from,to,status\n/ok,/chicago,301\n/off,https://evil.example/,301\n/a,/b,301\n/b,/a,301\n');
      expect(status).toBe(422);
      await visible(page.getByRole('alert').filter({ hasText: 'Nothing was imported: 3 row error(s)' }));
      const rows = page.getByRole('row');
      await visible(rows.filter({ hasText: 'OFF_SITE_TARGET' }));
      expect(await rows.filter({ hasText: 'LOOP' }).count()).toBe(2);
      expect(await rows.filter({ hasText: 'OFF_SITE_TARGET' }).first().locator('td').first().textContent()).toBe('3');
      expect(await count()).toBe(before);
    });

    await step('a good file is imported', async () => {
      expect(await importFile(page, 'from,to,status\n/ok,/chicago,301\n/gone,,410\n')).toBe(200);
      await visible(page.getByRole('status').filter({ hasText: /Imported 2 redirect\(s\) for lakeshore-spine/ }));
      expect(await count()).toBe(before + 2);
    });
  });
});
