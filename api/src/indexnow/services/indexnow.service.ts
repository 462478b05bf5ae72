import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { AppConfig } from '../../config/app-config.schema.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { PurgeEvents, type PurgeEvent } from '../../cache/services/purge-events.service.js';
import { ContentService } from '../../content/services/content.service.js';
import { SiteContextService } from '../../sites/services/site-context.service.js';
import { SiteRegistryService } from '../../sites/services/site-registry.service.js';
import type { PageFacts } from '../types/indexnow.types.js';
import { changedUrls, urlBatches } from '../utils/changed-urls.util.js';
import { IndexNowSubmitterService } from './indexnow-submitter.service.js';

/**
 * IndexNow for the sites in `INDEXNOW_KEYS`: follows the response cache's purges (it is not called by the
 * cache), gathers the purged facts for `INDEXNOW_DEBOUNCE_MS` — the webhooks of one publish arrive as one
 * change — then works out which of each site's public URLs show one of them (the pages' facts before and
 * after, ContentService.pageFacts) and submits those, each URL once per window, in requests of at most
 * 10,000 URLs. A webhook's purge is announced by the replica that applied it only, so a published change
 * is submitted once whatever the number of replicas (a lost webhook found by several replicas' reconciliation
 * may be submitted by each).
 */
@Injectable()
export class IndexNowService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('IndexNow');
  private readonly pages = new Map<string, PageFacts>();
  private pendingTags = new Set<string>();
  private window: NodeJS.Timeout | undefined;
  private work: Promise<void> = Promise.resolve();
  private busy = 0;
  private stopped = false;
  private unsubscribe: (() => void) | undefined;
  private idleWaiters: Array<() => void> = [];

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly events: PurgeEvents,
    private readonly content: ContentService,
    private readonly sites: SiteContextService,
    private readonly registry: SiteRegistryService,
    private readonly submitter: IndexNowSubmitterService,
  ) {}

  get enabled(): boolean {
    return this.config.INDEXNOW_KEYS.size > 0;
  }

  onApplicationBootstrap() {
    if (!this.enabled) return;
    this.unsubscribe = this.events.subscribe((e) => this.follow(e));
    // What each site's pages show now: the "before" of the first change.
    this.run(() => this.snapshot());
  }

  onModuleDestroy() {
    this.stopped = true;
    this.unsubscribe?.();
    clearTimeout(this.window);
    this.window = undefined;
    this.settle();
  }

  /** Resolves once no window is open, no pages are being read and no request is in flight or waiting for a retry. */
  async idle(): Promise<void> {
    while (this.window || this.busy) await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    await this.submitter.idle();
  }

  private follow(e: PurgeEvent) {
    if (e.type !== 'purged' || this.stopped) return;
    for (const t of e.tags) this.pendingTags.add(t);
    this.window ??= setTimeout(() => {
      this.window = undefined;
      const tags = this.pendingTags;
      this.pendingTags = new Set();
      this.run(() => this.submitChanges(tags));
    }, this.config.INDEXNOW_DEBOUNCE_MS);
    this.window.unref();
  }

  /** Windows are handled one after the other: each diffs against the pages the previous one left. */
  private run(task: () => Promise<void>) {
    this.busy += 1;
    this.work = this.work
      .then(task)
      .catch((e: Error) => this.logger.error(`IndexNow: ${e.message}`))
      .finally(() => {
        this.busy -= 1;
        this.settle();
      });
  }

  private async snapshot() {
    for (const slug of this.config.INDEXNOW_KEYS.keys()) {
      const site = await this.registry.get(slug);
      if (!site) continue;
      try {
        this.pages.set(slug, await this.content.pageFacts(this.sites.createContext(site)));
      } catch (e) {
        this.logger.warn(`IndexNow: could not read the pages of ${slug} yet (${(e as Error).message}); the first change reads them`);
      }
    }
  }

  private async submitChanges(tags: Set<string>) {
    for (const [slug, key] of this.config.INDEXNOW_KEYS) {
      const site = await this.registry.get(slug);
      if (!site) continue;
      let after: PageFacts;
      try {
        after = await this.content.pageFacts(this.sites.createContext(site));
      } catch (e) {
        // Strapi is away: the facts wait for the next window (the reconciliation's purges open one).
        for (const t of tags) this.pendingTags.add(t);
        this.logger.warn(`IndexNow: could not read the pages of ${slug} (${(e as Error).message}); retried with the next change`);
        continue;
      }
      const urls = changedUrls(this.pages.get(slug), after, tags);
      this.pages.set(slug, after);
      if (!urls.length) continue;
      const host = new URL(site.domain).host;
      for (const urlList of urlBatches(urls)) this.submitter.submit({ host, key, keyLocation: `${site.domain}/${key}.txt`, urlList });
      this.logger.log(`IndexNow: ${urls.length} changed URL(s) of ${host} submitted`);
    }
  }

  private settle() {
    if (this.window || this.busy) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }
}
