/** One IndexNow request: the protocol's JSON body, for one host. */
export interface IndexNowSubmission {
  host: string;
  key: string;
  keyLocation: string;
  urlList: string[];
}

/** The protocol's limit of URLs per request. */
export const INDEXNOW_MAX_URLS = 10_000;

export interface IndexNowCounters {
  /** URLs an engine accepted (200/202). */
  submitted: number;
  /** Requests that failed (each attempt: a timeout, a refused connection, a 4xx or 5xx). */
  failed: number;
  /** Requests sent again after a retryable failure. */
  retried: number;
  /** URLs given up on (a permanent refusal, or attempts exhausted). */
  dropped: number;
}

/** The pages of a site with the facts each shows (absolute URL → cache tags). */
export type PageFacts = Map<string, Set<string>>;
