/**
 * One landing page as the gateway's uniqueness guard scores it (`GET /uniqueness/<site>`, README "The uniqueness
 * guard"): what the gateway answers and the CMS's Weakest pages list shows, one shape for both.
 */
export interface UniquenessPageView {
  path: string;
  procedure: string;
  city: string;
  locale: string;
  /** Share (0–1) of the page's main content that its most similar sibling does not have. */
  score: number;
  nearest: { path: string; city: string } | null;
  belowThreshold: boolean;
}

/** A site's landing pages in one locale, weakest first, and the threshold in force there. */
export interface UniquenessList {
  pages: UniquenessPageView[];
  threshold: number;
}
