import path from 'node:path';
import { signPreviewToken } from '@clinic/shared';
import { DEV } from '../support/dev-env.js';
import type { GatewayHandle } from '../support/gateway-harness.js';
import type { StrapiHandle } from '../support/strapi-harness.js';
import { ARTIFACTS_DIR, logInAsEditor, startAdminStack, visible, type AdminStack, type BrowserSession } from './support/browser.js';

/**
 * The SEO workbench in the real admin panel, as the Editor (headless Chromium), with the real gateway
 * composing the report: Kyphoplasty's edit view shows the "SEO" panel with each site's Google result
 * (the saved draft's title, cut where Google cuts it), its social card and the checks with their
 * verdicts, and a preview link that opens the draft. The Arial width table is held to what Chromium
 * measures with the metric-compatible Liberation Sans. Screenshots: tests/artifacts/e2e/seo-workbench/
 * (docs/images/seo-workbench-panel.png, in the README, is a copy of seo-panel.png).
 */
const PROCEDURE_UID = 'api::procedure.procedure';
const SHOTS = `${ARTIFACTS_DIR}/seo-workbench`;
// 55 characters, within Strapi's 60, but capitals are wide: about 750 px where Google shows about 580.
const DRAFT_TITLE = 'KYPHOPLASTY FOR SPINAL COMPRESSION FRACTURES IN CHICAGO';

let stack: AdminStack | undefined;
let strapi: StrapiHandle | undefined;
let gateway: GatewayHandle | undefined;
let session: BrowserSession | undefined;

beforeAll(async () => {
  stack = await startAdminStack({ gateway: true, browserReachesGateway: true, artifactsDir: SHOTS });
  ({ strapi, gateway, session } = stack);
}, 15 * 60_000);

afterAll(() => stack?.stop(), 60_000);

describe('the SEO panel in the admin panel, as the Editor (headless Chromium)', () => {
  it('shows each site’s Google result, social card and checks of the saved draft, and links its preview', async () => {
    const { page, step, context } = session!;
    const procedures = strapi!.app.documents(PROCEDURE_UID);
    const kyphoplasty = await procedures.findFirst({ filters: { slug: 'kyphoplasty' }, locale: 'en', status: 'draft', populate: { seo: true } });
    // A saved, unpublished draft: a title too wide for Google's column (not too long in characters) and a link to a page no site has.
    const { id: _id, ...seo } = kyphoplasty.seo ?? {};
    await procedures.update({
      documentId: kyphoplasty.documentId,
      locale: 'en',
      data: { seo: { ...seo, metaTitle: DRAFT_TITLE }, body: `${kyphoplasty.body}\n\nSee also [our scoliosis page](/procedures/scoliosis-surgery).` },
    });

    await step('log in as editor', async () => {
      await logInAsEditor(page, strapi!.url);
    });

    const panel = page.locator('[data-seo-workbench]');
    const lakeshore = panel.getByRole('region', { name: 'SEO on Lakeshore Spine' });
    const article = lakeshore.locator('[data-seo-page="/procedures/kyphoplasty"]').first();

    await step('open Kyphoplasty and its SEO panel', async () => {
      await page.goto(`${strapi!.url}/admin/content-manager/collection-types/${PROCEDURE_UID}/${kyphoplasty.documentId}?plugins[i18n][locale]=en`);
      await visible(page.getByText('SEO', { exact: true }));
      await visible(lakeshore);
      await visible(panel.getByRole('region', { name: 'SEO on North Shore Spine Partners' }));
    });

    await step('the Google result is the draft, cut where Google cuts it', async () => {
      const google = article.getByRole('region', { name: 'Google result' });
      await visible(google);
      await visible(google.getByText('www.lakeshorespine.example › procedures › kyphoplasty'));
      const shown = (await google.locator('div > div').nth(1).textContent()) ?? '';
      expect(shown.endsWith(' ...')).toBe(true);
      expect(DRAFT_TITLE.startsWith(shown.slice(0, -4))).toBe(true);
      await visible(article.getByRole('region', { name: 'Social card' }).getByText(DRAFT_TITLE));
      // Both landing pages of the two sites are listed too.
      await visible(lakeshore.locator('[data-seo-page="/chicago/kyphoplasty"]'));
      await visible(panel.locator('[data-seo-page="/evanston/kyphoplasty"]'));
    });

    await step('the checks give their verdicts', async () => {
      const checks = article.getByRole('region', { name: 'Checks' });
      await visible(checks.locator('[data-check="title-length"][data-verdict="warn"]').getByText(/Google cuts titles at about 580 px/));
      await visible(checks.locator('[data-check="internal-links"][data-verdict="fail"]').getByText(/\/procedures\/scoliosis-surgery/));
      await visible(checks.locator('[data-check="hreflang"][data-verdict="pass"]'));
      await visible(checks.locator('[data-check="canonical"][data-verdict="pass"]'));
      expect(await checks.locator('[data-check]').count()).toBe(8);
      // The whole open page report in one picture: a viewport tall enough to hold it, the panel's own box.
      const viewport = page.viewportSize()!;
      await page.setViewportSize({ width: 1920, height: 2600 });
      await article.scrollIntoViewIfNeeded();
      const box = (await panel.boundingBox())!;
      const margin = 12;
      await page.screenshot({ path: path.join(SHOTS, 'seo-panel.png'), clip: { x: box.x - margin, y: box.y - 48, width: box.width + 2 * margin, height: box.height + 48 + margin } });
      await page.setViewportSize(viewport);
    });

    await step('the Arial width table matches what Chromium measures', async () => {
      // The report's own numbers (its pixel widths), against the browser's text metrics with Arial (Liberation Sans).
      const token = signPreviewToken(DEV.previewSecret, 'lakeshore-spine');
      const res = await fetch(`${gateway!.url}/workbench/lakeshore-spine/report?${new URLSearchParams({ token, type: 'procedure', documentId: kyphoplasty.documentId, locale: 'en' })}`);
      const report = (await res.json()) as any;
      const texts = report.pages.flatMap((p: any) => [
        { text: p.google.title, font: 20, px: p.checks.find((c: any) => c.id === 'title-length').details.px },
        { text: p.google.description, font: 14, px: p.checks.find((c: any) => c.id === 'description-length').details.px },
      ]);
      const measured: number[] = await page.evaluate(
        (items: Array<{ text: string; font: number }>) => {
          // Runs in the page (tests/ has no DOM typings): a 2D canvas context's text metrics.
          const ctx = (globalThis as any).document.createElement('canvas').getContext('2d');
          return items.map(({ text, font }) => {
            ctx.font = `${font}px Arial`;
            return ctx.measureText(text.replace(/\s+/g, ' ')).width as number;
          });
        },
        texts.map(({ text, font }: { text: string; font: number }) => ({ text, font })),
      );
      for (const [i, t] of texts.entries()) {
        // Within 1% (rounding per string, kerning-free canvas metrics).
        expect([t.text, Math.abs(t.px - measured[i]) <= Math.max(2, measured[i] * 0.01)]).toEqual([t.text, true]);
      }
    });

    await step('the preview link opens the draft', async () => {
      const [preview] = await Promise.all([context.waitForEvent('page'), article.getByRole('link', { name: /Open the preview of \/procedures\/kyphoplasty/ }).click()]);
      await preview.waitForLoadState('domcontentloaded');
      expect(new URL(preview.url()).pathname).toBe('/preview/lakeshore-spine/procedures/kyphoplasty');
      expect(await preview.title()).toBe(DRAFT_TITLE);
      await preview.close();
    });
  });
});
