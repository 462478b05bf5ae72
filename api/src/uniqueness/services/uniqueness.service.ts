import { Injectable, Logger } from '@nestjs/common';
import { type Locale, sitePaths, type UniquenessList } from '@clinic/shared';
import type { PageScore, SitePage, UniquenessPageView, UniquenessReport } from '../types/uniqueness.types.js';
import { DEFAULT_UNIQUENESS_THRESHOLD, emptyMemo, pageKey } from '../utils/uniqueness-scores.util.js';

export type UniquenessEntry = SitePage & PageScore & { belowThreshold: boolean };

/**
 * The latest uniqueness scores of every landing page, as the catalogue index computed them with its last change
 * (the index owns the rows; this service keeps what it scored, and the memo that makes the next scoring
 * incremental). Pages read their verdict here; editors read the scores through the uniqueness controller.
 */
@Injectable()
export class UniquenessService {
  private readonly logger = new Logger('Uniqueness');
  /** Shingles and pair counts carried from one scoring to the next (utils/uniqueness-scores.util.ts). */
  readonly memo = emptyMemo();
  private report: UniquenessReport | undefined;
  private loader: (() => Promise<void>) | undefined;
  /** Timings of the scorings so far: the first (the whole catalogue) and the last (one change). */
  readonly timings: { first?: ScoringFigures; last?: ScoringFigures } = {};

  /** The catalogue index registers how to wait for its first read. */
  useLoader(load: () => Promise<void>) {
    this.loader = load;
  }

  /** The catalogue index hands over each new scoring. */
  publish(report: UniquenessReport) {
    this.report = report;
    const figures = { ...this.memo.last, pages: report.pages.size };
    this.timings.first ??= figures;
    this.timings.last = figures;
  }

  /**
   * The scores, once the catalogue index has been read. Without it (Strapi unreachable at boot) pages are served
   * as indexable, and the index's first read purges what it finds below the threshold (its facts appear).
   */
  async current(): Promise<UniquenessReport | undefined> {
    if (!this.report && this.loader) await this.loader().catch((e: Error) => this.logger.warn(`Uniqueness scores not available yet: ${e.message}`));
    return this.report;
  }

  async entry(site: string, procedure: string, location: string, locale: Locale): Promise<UniquenessEntry | undefined> {
    return (await this.current())?.pages.get(pageKey({ site, procedure, location, locale }));
  }

  /** A site's landing pages in a locale, weakest first (then by path, for a stable order), and its threshold. */
  async list(site: string, locale: Locale): Promise<UniquenessList> {
    const report = await this.current();
    const pages = [...(report?.pages.values() ?? [])].filter((p) => p.site === site && p.locale === locale).map((p) => view(report!, p));
    pages.sort((a, b) => a.score - b.score || a.path.localeCompare(b.path));
    return { pages, threshold: report?.thresholds.get(site) ?? DEFAULT_UNIQUENESS_THRESHOLD };
  }

  /** One page of a site, by the slugs in its path; undefined when the site has no such published page. */
  async page(site: string, locale: Locale, procedureSlug: string, citySlug: string): Promise<UniquenessPageView | undefined> {
    const report = await this.current();
    for (const p of report?.pages.values() ?? []) {
      if (p.site === site && p.locale === locale && p.procedureSlug === procedureSlug && p.citySlug === citySlug) return view(report!, p);
    }
    return undefined;
  }
}

function view(report: UniquenessReport, p: UniquenessEntry): UniquenessPageView {
  const near = p.nearest ? report.pages.get(pageKey({ ...p, location: p.nearest })) : undefined;
  return {
    path: sitePaths.landingPage(p.citySlug, p.procedureSlug, p.locale as Locale),
    procedure: p.procedureSlug,
    city: p.city,
    locale: p.locale,
    score: p.score,
    nearest: near ? { path: sitePaths.landingPage(near.citySlug, near.procedureSlug, near.locale as Locale), city: near.city } : null,
    belowThreshold: p.belowThreshold,
  };
}

export interface ScoringFigures {
  pages: number;
  texts: number;
  shingled: number;
  groups: number;
  pairs: number;
  compared: number;
  ms: number;
}
