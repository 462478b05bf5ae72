import type { Page } from 'playwright-core';
import type { StrapiHandle } from '../support/strapi-harness.js';
import { ARTIFACTS_DIR, logInAsEditor, startAdminStack, visible, type AdminStack, type BrowserSession } from './support/browser.js';

/**
 * The redirects plugin's import page in the real admin panel, as the Editor (headless Chromium): a file with
 * bad rows is refused whole and its row errors are listed with their lines; a good file is imported.
 * What the gateway and website then answer is the integration suite's (redirects.test.ts).
 * Screenshots: tests/artifacts/e2e/redirects/.
 */

let stack: AdminStack | undefined;
let strapi: StrapiHandle | undefined;
let session: BrowserSession | undefined;

beforeAll(async () => {
  stack = await startAdminStack({ env: { GATEWAY_WEBHOOK_ENABLED: 'false' }, artifactsDir: `${ARTIFACTS_DIR}/redirects` });
  ({ strapi, session } = stack);
}, 15 * 60_000);

afterAll(() => stack?.stop(), 60_000);

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
