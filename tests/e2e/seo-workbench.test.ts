import path from 'node:path';
import { signPreviewToken } from '@clinic/shared';
import { DEV } from '../support/dev-env.js';
import type { GatewayHandle } from '../support/gateway-harness.js';
import { waitFor } from '../support/stack.js';
import type { StrapiHandle } from '../support/strapi-harness.js';
import { ARTIFACTS_DIR, logInAsEditor, startAdminStack, visible, type AdminStack, type BrowserSession } from './support/browser.js';

/**
 * The SEO workbench in the real admin panel, as the Editor (headless Chromium), with the real gateway
 * composing the report: Kyphoplasty's edit view shows the "SEO" panel with each site's Google result
 * (the saved draft's title, cut where Google cuts it), its social card and the checks with their
 * verdicts, and a preview link that opens the draft. The Arial width table is held to what Chromium
 * measures with the metric-compatible Liberation Sans. Screenshots: tests/artifacts/e2e/seo-workbench/
 * (docs/images/seo-workbench-panel.png and seo-workbench-weakest-pages.png, in the README, are copies of seo-panel.png and weakest-pages.png).
 *
 * Then the "Weakest pages" menu page, as the same Editor: Lakeshore Spine's landing pages in the order and with
 * the scores, siblings and verdicts the gateway's /uniqueness answers, in both locales; once the site also serves
 * Evanston (each page then has a sibling), a threshold raised above the weakest page's score marks that page
 * noindex on the next load (weakest-pages.png). The site is put back as it was.
 */
const PROCEDURE_UID = 'api::procedure.procedure';
const SITE_UID = 'api::site.site';
const LOCATION_UID = 'api::location.location';
const LAKESHORE = DEV.sites.lakeshore;
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
  it('lists Lakeshore Spine’s weakest landing pages as the gateway scores them, and a raised threshold marks one noindex', async () => {
    const { page, step } = session!;
    type Row = { path: string; score: string; verdict: string; nearest: string };
    const percent = (share: number) => `${Math.round(share * 100)}%`;
    const fromGateway = async (locale: string) => {
      const q = new URLSearchParams({ token: signPreviewToken(DEV.previewSecret, LAKESHORE), locale });
      const res = await fetch(`${gateway!.url}/uniqueness/${LAKESHORE}?${q}`);
      expect(res.status).toBe(200);
      return (await res.json()) as {
        threshold: number;
        pages: Array<{ path: string; score: number; city: string; nearest: { path: string; city: string } | null; belowThreshold: boolean }>;
      };
    };
    const expected = (answer: Awaited<ReturnType<typeof fromGateway>>): Row[] =>
      answer.pages.map((p) => ({
        path: p.path,
        score: percent(p.score),
        verdict: p.belowThreshold ? 'noindex' : 'indexed',
        nearest: p.nearest ? `${p.nearest.city} (${p.nearest.path})` : 'No sibling page',
      }));
    const list = (locale: string) => page.locator(`[data-weakest-pages="${LAKESHORE}"][data-locale="${locale}"]`);
    const onScreen = (locale: string): Promise<Row[]> =>
      list(locale)
        .locator('[data-weak-page]')
        .evaluateAll((rows: any[]) =>
          rows.map((r) => ({
            path: r.getAttribute('data-weak-page'),
            score: r.querySelector('[data-score-text]')?.textContent ?? '',
            verdict: r.getAttribute('data-verdict'),
            nearest: r.querySelectorAll('td')[3]?.textContent ?? '',
          })),
        );
    const pick = async (name: string, option: string) => {
      await page.getByRole('combobox', { name }).click();
      await page.getByRole('option', { name: option }).click();
    };

    await step('open Weakest pages from the menu', async () => {
      await page.goto(`${strapi!.url}/admin`);
      await page.getByRole('link', { name: 'Weakest pages' }).first().click();
      await visible(page.getByRole('heading', { level: 1, name: 'Weakest pages' }));
    });

    await step('pick Lakeshore Spine in Spanish: the gateway’s list', async () => {
      await pick('Site', 'Lakeshore Spine');
      await pick('Locale', 'Spanish (es)');
      const es = await fromGateway('es');
      expect(es.pages.length).toBeGreaterThan(0);
      await visible(list('es').locator('[data-weak-page]'));
      expect(await onScreen('es')).toEqual(expected(es));
      expect(new URL(page.url()).searchParams.get('locale')).toBe('es');
    });

    const en = await fromGateway('en');
    await step('in English: weakest first, the same scores, nearest siblings and verdicts as the gateway’s', async () => {
      await pick('Locale', 'English (en)');
      await visible(list('en').locator('[data-weak-page]'));
      expect(await onScreen('en')).toEqual(expected(en));
      // Weakest first: the scores on screen never go up.
      const scores = await list('en')
        .locator('[data-weak-page]')
        .evaluateAll((rows: any[]) => rows.map((r) => Number(r.getAttribute('data-score'))));
      expect(scores).toEqual([...scores].sort((a, b) => a - b));
      expect(await list('en').getAttribute('data-threshold')).toBe(String(en.threshold));
      await visible(list('en').getByText(`Lakeshore Spine’s threshold: ${percent(en.threshold)}`));
      // Each preview link opens its page's draft preview on the gateway.
      const first = en.pages[0].path;
      const href = (await list('en').locator(`[data-weak-page="${first}"]`).getByRole('link', { name: 'Preview' }).getAttribute('href'))!;
      expect(new URL(href).pathname).toBe(`/preview/${LAKESHORE}${first}`);
      expect((await fetch(href)).status).toBe(200);
    });

    // Lakeshore Spine serves Chicago alone: its pages have no sibling (100% their own) and no threshold can catch
    // them. Serving Evanston too gives each page a sibling; then a threshold above the weakest score catches it.
    const sites = strapi!.app.documents(SITE_UID);
    const site = await sites.findFirst({ filters: { slug: LAKESHORE }, locale: 'en', status: 'published' });
    const evanston = await strapi!.app.documents(LOCATION_UID).findFirst({ filters: { slug: 'evanston' }, locale: 'en', status: 'published' });
    const evanstonRef = { documentId: evanston.documentId, locale: 'en' };
    // Put back as it was (the site's own value, the gateway's threshold then).
    const before = site.uniquenessThreshold;
    try {
      const withSiblings = await step('serving Evanston too: each page has its nearest sibling, as the gateway scores it', async () => {
        await sites.update({ documentId: site.documentId, locale: 'en', data: { locations: { connect: [evanstonRef] } }, status: 'published' });
        let answer = en;
        await waitFor(
          async () => {
            answer = await fromGateway('en');
            return answer.pages.some((p) => p.path.startsWith('/evanston/')) && answer.pages.every((p) => p.nearest !== null);
          },
          20_000,
          100,
        );
        await page.getByRole('button', { name: 'Refresh' }).click();
        await visible(list('en').locator('[data-weak-page^="/evanston/"]'));
        expect(await onScreen('en')).toEqual(expected(answer));
        return answer;
      });

      // Above the weakest page's score (and below the strongest's when they differ): that page crosses.
      const weakest = withSiblings.pages[0];
      const strongest = withSiblings.pages[withSiblings.pages.length - 1];
      expect(weakest.belowThreshold).toBe(false);
      const raised = strongest.score > weakest.score ? Math.floor(((weakest.score + strongest.score) / 2) * 100) / 100 : Math.ceil(weakest.score * 100 + 1) / 100;
      expect([raised > weakest.score, raised <= 1]).toEqual([true, true]);

      await step('a raised threshold marks the weakest page noindex after a reload', async () => {
        await sites.update({ documentId: site.documentId, locale: 'en', data: { uniquenessThreshold: raised }, status: 'published' });
        await waitFor(
          async () => {
            const now = await fromGateway('en');
            return now.threshold === raised && now.pages.some((p) => p.path === weakest.path && p.belowThreshold);
          },
          20_000,
          100,
        );
        await page.reload();
        const row = list('en').locator(`[data-weak-page="${weakest.path}"][data-verdict="noindex"]`);
        await visible(row.getByText('noindex: below the threshold'));
        await visible(list('en').getByText(`Lakeshore Spine’s threshold: ${percent(raised)}`));
        expect(await onScreen('en')).toEqual(expected(await fromGateway('en')));
        await page.screenshot({ path: path.join(SHOTS, 'weakest-pages.png'), fullPage: true });
      });
    } finally {
      await sites.update({
        documentId: site.documentId,
        locale: 'en',
        data: { uniquenessThreshold: before, locations: { disconnect: [evanstonRef] } },
        status: 'published',
      });
      await waitFor(
        async () => {
          const now = await fromGateway('en');
          return now.threshold === en.threshold && now.pages.map((p) => p.path).join() === en.pages.map((p) => p.path).join();
        },
        20_000,
        100,
      );
    }
  });
});
