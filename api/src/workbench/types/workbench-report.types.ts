import type { ContentTypeName, Locale } from '@clinic/shared';
import type { HreflangAlternate } from '../../seo/models/seo.model.js';

/** The content types whose edit view has the SEO panel. */
export const WORKBENCH_TYPES = ['procedure', 'location', 'landingPage', 'clinic'] as const satisfies readonly ContentTypeName[];
export type WorkbenchType = (typeof WORKBENCH_TYPES)[number];

export type PageKind = 'procedure' | 'location' | 'landingPage' | 'clinic';

export interface ReportQuery {
  type: WorkbenchType;
  documentId: string;
  /** Absent: every locale the document exists in. */
  locale?: Locale;
}

export type Verdict = 'pass' | 'warn' | 'fail';

export interface SeoCheck {
  /** Stable name: title-length, description-length, description-unique, image-alt, canonical, robots, hreflang, internal-links. */
  id: string;
  label: string;
  verdict: Verdict;
  message: string;
  /** Measures behind the verdict (characters, pixels) or what it found (paths, image sources). */
  details?: Record<string, unknown>;
}

/**
 * How much of a landing page is its own (the uniqueness guard, api/src/uniqueness/): its score, its most
 * similar sibling, and whether it falls below the site's threshold.
 */
export interface PageUniqueness {
  score: number;
  nearest: { path: string; city: string } | null;
  belowThreshold: boolean;
}

export interface WorkbenchPage {
  kind: PageKind;
  locale: Locale;
  /** Site path, e.g. /chicago/kyphoplasty (the preview link is this path under /preview/<site>). */
  path: string;
  /** The result as Google lays it out: the cut title and description are what fits its column. */
  google: { title: string; titleShown: string; url: string; displayUrl: string; description: string; descriptionShown: string };
  /** What a social network's card shows (Open Graph: the website writes og:title/description/image from the same payload). */
  social: { title: string; description: string; image: string | null; imageAlt: string | null };
  seo: { canonicalUrl: string; robots: string; alternates: HreflangAlternate[] };
  checks: SeoCheck[];
  /** Landing pages only, once the uniqueness guard reports on them; absent otherwise. */
  uniqueness?: PageUniqueness;
}

export interface WorkbenchReport {
  site: { slug: string; name: string; domain: string };
  type: WorkbenchType;
  documentId: string;
  /** Every page of this site the document appears on (drafts included), in each locale asked for. */
  pages: WorkbenchPage[];
  generatedAt: string;
}
