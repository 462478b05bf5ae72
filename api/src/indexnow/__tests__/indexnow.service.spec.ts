import { loadAppConfig } from '../../config/app-config.schema.js';
import { PurgeEvents } from '../../cache/services/purge-events.service.js';
import type { ContentService } from '../../content/services/content.service.js';
import type { SiteContextService } from '../../sites/services/site-context.service.js';
import type { SiteRegistryService } from '../../sites/services/site-registry.service.js';
import { IndexNowService } from '../services/indexnow.service.js';
import type { IndexNowSubmitterService } from '../services/indexnow-submitter.service.js';
import type { IndexNowSubmission, PageFacts } from '../types/indexnow.types.js';

const KEY = 'k3y-k3y-k3y-k3y';
const site = { slug: 'lakeshore', domain: 'https://www.lakeshore.example' };

/** The service with its collaborators mocked: pages as scripted, submissions recorded. */
function setup(over: Record<string, string> = {}) {
  const events = new PurgeEvents();
  let pages: PageFacts = new Map([
    ['https://www.lakeshore.example/chicago', new Set(['doc:clinic:c1'])],
    ['https://www.lakeshore.example/procedures/kyphoplasty', new Set(['doc:procedure:p1:en'])],
  ]);
  let reads = 0;
  const content = {
    pageFacts: async () => {
      reads += 1;
      return new Map(pages);
    },
  } as unknown as ContentService;
  const sites = { createContext: (s: unknown) => ({ site: s }) } as unknown as SiteContextService;
  const registry = { get: async (slug: string) => (slug === site.slug ? site : undefined) } as unknown as SiteRegistryService;
  const sent: IndexNowSubmission[] = [];
  const submitter = { submit: (s: IndexNowSubmission) => sent.push(s), idle: async () => undefined } as unknown as IndexNowSubmitterService;
  const config = loadAppConfig({ INDEXNOW_KEYS: `lakeshore=${KEY},gone-site=${KEY}`, INDEXNOW_DEBOUNCE_MS: '30', ...over });
  const svc = new IndexNowService(config, events, content, sites, registry, submitter);
  return { svc, events, sent, setPages: (p: PageFacts) => (pages = p), reads: () => reads };
}

describe('IndexNowService', () => {
  it('submits the pages a window of purges changed, once, with the key location on the site', async () => {
    const { svc, events, sent } = setup();
    svc.onApplicationBootstrap();
    await svc.idle();
    // One publish: two webhooks, the same facts twice, and a fact no page of this site shows.
    events.emit({ type: 'purged', tags: ['doc:clinic:c1'], opts: {} });
    events.emit({ type: 'purged', tags: ['doc:clinic:c1', 'version:clinic:c1', 'doc:clinic:other'], opts: {} });
    events.emit({ type: 'landed', key: 'k' });
    await svc.idle();
    expect(sent).toEqual([{ host: 'www.lakeshore.example', key: KEY, keyLocation: `https://www.lakeshore.example/${KEY}.txt`, urlList: ['https://www.lakeshore.example/chicago'] }]);
    svc.onModuleDestroy();
  });

  it('submits a page that vanished, and nothing when no page shows the facts', async () => {
    const { svc, events, sent, setPages } = setup();
    svc.onApplicationBootstrap();
    await svc.idle();
    setPages(new Map([['https://www.lakeshore.example/procedures/kyphoplasty', new Set(['doc:procedure:p1:en'])]]));
    events.emit({ type: 'purged', tags: ['members:clinic:location:L1'], opts: {} });
    await svc.idle();
    expect(sent.map((s) => s.urlList)).toEqual([['https://www.lakeshore.example/chicago']]);
    events.emit({ type: 'purged', tags: ['doc:clinic:c1'], opts: {} });
    await svc.idle();
    expect(sent).toHaveLength(1);
    svc.onModuleDestroy();
  });

  it('does nothing, and reads nothing, without INDEXNOW_KEYS', async () => {
    const { svc, events, sent, reads } = setup({ INDEXNOW_KEYS: '' });
    svc.onApplicationBootstrap();
    events.emit({ type: 'purged', tags: ['doc:clinic:c1'], opts: {} });
    await svc.idle();
    expect(sent).toEqual([]);
    expect(reads()).toBe(0);
  });
});
