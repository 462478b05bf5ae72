import { jest } from '@jest/globals';
import type { CatalogueIndexService } from '../services/catalogue-index.service.js';
import type { CatalogueSyncService } from '../services/catalogue-sync.service.js';
import { InvalidWebhookPayload, WebhookService } from '../services/webhook.service.js';

function setup() {
  const refreshDocument = jest.fn(async () => ({ tags: [], soft: false, l1Entries: 0 }));
  const purge = jest.fn(async () => ({ l1Entries: 0 }));
  const catalogue = { refreshDocument, purge } as unknown as CatalogueIndexService;
  const sync = { announce: jest.fn() } as unknown as CatalogueSyncService;
  return { webhooks: new WebhookService(catalogue, sync), refreshDocument, purge };
}

const entry = (e: Record<string, unknown>) => ({ event: 'entry.publish', uid: 'api::location.location', entry: { id: 7, documentId: 'h8v2q0t1k9c4m6d3p5r7s1w2', locale: 'en', ...e } });

describe('WebhookService: bodies that are not Strapi’s never reach Strapi', () => {
  it.each([
    ['an oversized documentId', entry({ documentId: 'x'.repeat(60_000) })],
    ['a documentId with URL syntax', entry({ documentId: '../x?filters[id]=1' })],
    ['an id that is not a row id (1e308)', entry({ id: 1e308 })],
    ['a negative id', entry({ id: -1 })],
    ['a locale that is not a locale code', entry({ locale: 'x'.repeat(3000) })],
    ['a media id that is not an integer', { event: 'media.update', media: { id: 1.5 } }],
    ['an oversized media id', { event: 'media.delete', media: { id: 2 ** 60 } }],
  ])('refuses %s', async (_name, body) => {
    const { webhooks, refreshDocument, purge } = setup();
    await expect(webhooks.handle(body)).rejects.toBeInstanceOf(InvalidWebhookPayload);
    expect(refreshDocument).not.toHaveBeenCalled();
    expect(purge).not.toHaveBeenCalled();
  });

  it('still takes what Strapi sends', async () => {
    const { webhooks, refreshDocument, purge } = setup();
    await webhooks.handle(entry({ publishedAt: '2026-01-01T00:00:00.000Z' }));
    expect(refreshDocument.mock.calls[0].slice(0, 3)).toEqual(['location', 'h8v2q0t1k9c4m6d3p5r7s1w2', 'en']);
    await webhooks.handle({ event: 'media.update', media: { id: 12, name: 'a.png' } });
    expect(purge).toHaveBeenCalledWith(['media:12'], true);
  });
});
