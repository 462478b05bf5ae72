import type { Page } from 'playwright-core';
import { DEV } from '../support/dev-env.js';
import type { StrapiHandle } from '../support/strapi-harness.js';
import { ARTIFACTS_DIR, logInAsEditor, startAdminStack, visible, type AdminStack, type BrowserSession } from './support/browser.js';

/**
 * Scheduled publishing in the real admin panel, as the Editor (headless Chromium): the "Schedule"
 * side panel of the edit view sets a publish time, lists it as pending and then done once Strapi ran
 * it; a far-away unpublish of all locales is listed and cancelled; a scheduled publish of an
 * incomplete draft shows its failure in the panel and on the homepage. Screenshots: tests/artifacts/e2e/publish-schedule/.
 */

const LOCATION_UID = 'api::location.location';
const SCHEDULES = 'plugin::publish-schedule.schedule';
const POLL_MS = 500;

let stack: AdminStack | undefined;
let strapi: StrapiHandle | undefined;
let session: BrowserSession | undefined;

beforeAll(async () => {
  stack = await startAdminStack({ env: { GATEWAY_WEBHOOK_ENABLED: 'false', PUBLISH_SCHEDULE_POLL_MS: String(POLL_MS) }, artifactsDir: `${ARTIFACTS_DIR}/publish-schedule` });
  ({ strapi, session } = stack);
}, 15 * 60_000);

afterAll(() => stack?.stop(), 60_000);

/** The datetime-local value of `at` (the browser runs in UTC: see openBrowser). */
const inputValue = (at: Date) => at.toISOString().slice(0, 19);

function editUrl(documentId: string): string {
  return `${strapi!.url}/admin/content-manager/collection-types/${LOCATION_UID}/${documentId}?plugins[i18n][locale]=en`;
}

async function openLocation(page: Page, documentId: string, heading: string): Promise<void> {
  await page.goto(editUrl(documentId));
  await visible(page.getByRole('heading', { level: 1, name: heading }));
  await visible(page.getByText('Schedule', { exact: true }));
}

const scheduled = (page: Page) => page.getByRole('list', { name: 'Scheduled changes' }).getByRole('listitem');

async function setSchedule(page: Page, at: Date, button: 'Schedule publish' | 'Schedule unpublish'): Promise<void> {
  await page.getByLabel('Date and time').fill(inputValue(at));
  const answered = page.waitForResponse((res) => res.request().method() === 'POST' && res.url().endsWith('/publish-schedule/schedules'));
  await page.getByRole('button', { name: button }).click();
  expect((await answered).status()).toBe(201);
}

describe('scheduled publishing in the admin panel, as the Editor (headless Chromium)', () => {
  it('schedules a publish that runs, cancels an unpublish, and sees a failed schedule', async () => {
    const { page, step } = session!;
    const locations = strapi!.app.documents(LOCATION_UID);
    const evanston = await locations.findFirst({ filters: { slug: 'evanston' }, locale: 'en', status: 'draft' });
    const intro = `Scheduled by the browser test at ${new Date().toISOString()}.`;
    await locations.update({ documentId: evanston.documentId, locale: 'en', data: { intro } });
    // A draft without its required state: saving it is allowed, publishing it is not.
    const incomplete = await locations.create({ data: { city: 'Skokie', slug: `skokie-${Date.now()}` }, locale: 'en' });

    await step('log in as editor', async () => {
      await logInAsEditor(page, strapi!.url);
    });

    await step('open Evanston and its schedule panel', async () => {
      await openLocation(page, evanston.documentId, 'Evanston');
      await visible(page.getByText('Nothing scheduled.'));
    });

    const runAt = new Date(Date.now() + 8000);
    await step('schedule a publish of the English page', async () => {
      await setSchedule(page, runAt, 'Schedule publish');
      await visible(
        scheduled(page)
          .filter({ hasText: /Publish · en ·/ })
          .filter({ hasText: 'Pending' }),
      );
      const [row] = await strapi!.app.db.query(SCHEDULES).findMany({ where: { targetDocumentId: evanston.documentId } });
      expect(row).toMatchObject({ action: 'publish', targetLocale: 'en', status: 'pending', requestedBy: expect.stringMatching(/\S/) });
      expect(Math.abs(new Date(row.runAt).getTime() - runAt.getTime())).toBeLessThan(1000);
    });

    await step('the publish runs and the panel shows it done', async () => {
      await visible(
        scheduled(page)
          .filter({ hasText: /Publish · en ·/ })
          .filter({ hasText: 'Done' }),
        40_000,
      );
      // The panel saw it change while the editor looked, and says so.
      await visible(page.getByText(/Scheduled publish \(en\) done/));
      const published = await locations.findFirst({ filters: { slug: 'evanston' }, locale: 'en', status: 'published' });
      expect(published.intro).toBe(intro);
      const spanish = await locations.findFirst({ filters: { slug: 'evanston' }, locale: 'es', status: 'published' });
      expect(spanish?.intro ?? null).not.toBe(intro);
    });

    await step('schedule an unpublish of all locales, then cancel it', async () => {
      await page.getByRole('checkbox', { name: /All locales/ }).click();
      await setSchedule(page, new Date(Date.now() + 30 * 24 * 3600_000), 'Schedule unpublish');
      const item = scheduled(page).filter({ hasText: /Unpublish · all locales ·/ });
      await visible(item.filter({ hasText: 'Pending' }));
      await item.getByRole('button', { name: 'Cancel' }).click();
      await item.first().waitFor({ state: 'detached' });
      expect(await strapi!.app.db.query(SCHEDULES).count({ where: { targetDocumentId: evanston.documentId, action: 'unpublish' } })).toBe(0);
    });

    await step('a time in the past is refused with its reason', async () => {
      await page.getByLabel('Date and time').fill(inputValue(new Date(Date.now() - 3600_000)));
      await page.getByRole('button', { name: 'Schedule publish' }).click();
      await visible(page.getByText(/runAt must be in the future/));
    });

    await step('a scheduled publish of an incomplete draft shows its failure', async () => {
      await openLocation(page, incomplete.documentId, 'Skokie');
      await setSchedule(page, new Date(Date.now() + 3000), 'Schedule publish');
      const item = scheduled(page).filter({ hasText: /Publish · en ·/ });
      await visible(item.filter({ hasText: 'Failed' }), 40_000);
      await visible(item.getByRole('alert').filter({ hasText: /^Failed: .*state/i }));
      await visible(page.getByText(/Scheduled publish \(en\) failed: .*state/));
      const stillDraft = await locations.findFirst({ filters: { documentId: incomplete.documentId }, locale: 'en', status: 'published' });
      expect(stillDraft).toBeNull();
    });

    await step('the homepage lists the failure, linked to its document', async () => {
      await page.goto(`${strapi!.url}/admin`);
      const widget = page.getByRole('list', { name: 'Scheduled publishing' });
      const item = widget.getByRole('listitem').filter({ hasText: 'Skokie' });
      await visible(item.filter({ hasText: 'Failed' }));
      await visible(item.getByRole('alert').filter({ hasText: /state/ }));
      await item.getByRole('link', { name: 'Skokie' }).click();
      await visible(page.getByRole('heading', { level: 1, name: 'Skokie' }));
    });
  });

  it('refuses to schedule a locale the editor may not publish (as the Publish button would)', async () => {
    const app = strapi!.app;
    const editor = await app.db.query('admin::user').findOne({ where: { email: DEV.editor.email }, populate: ['roles'] });
    const permission = await app.db
      .query('admin::permission')
      .findOne({ where: { role: { id: editor.roles[0].id }, action: 'plugin::content-manager.explorer.publish', subject: LOCATION_UID } });
    const chicago = await app.documents(LOCATION_UID).findFirst({ filters: { slug: 'chicago' }, locale: 'en', status: 'draft' });
    const schedules = app.plugin('publish-schedule').service('schedules');
    const body = (locale: string) => ({ uid: LOCATION_UID, documentId: chicago.documentId, locale, action: 'publish', runAt: new Date(Date.now() + 3600_000).toISOString() });
    await app.db.query('admin::permission').update({ where: { id: permission.id }, data: { properties: { ...permission.properties, locales: ['en'] } } });
    try {
      const ability = await app.service('admin::permission').engine.generateUserAbility(editor);
      await expect(schedules.create(body('es'), 'Content Editor', ability)).rejects.toThrow(/may not publish this document in locale es/);
      await expect(schedules.create(body('*'), 'Content Editor', ability)).rejects.toThrow(/in locale es/);
      const allowed = await schedules.create(body('en'), 'Content Editor', ability);
      await schedules.remove(allowed.id);
    } finally {
      await app.db.query('admin::permission').update({ where: { id: permission.id }, data: { properties: permission.properties } });
    }
  });
});
