import type { TypedDocumentString } from '../gql/graphql';
import manifest from '../gql/persisted-documents.json';
import { currentPageFacts, type FactUse, recordAnswer, recordRefusal } from '../server/page-facts';
import type { SiteConfig } from './sites';

/**
 * The only way the site talks to the gateway.
 *
 * - `persisted` (default): `GET <gateway>/sites/<site>/graphql?documentId=sha256:<hash>&variables=…` — only
 *   the hash of a trusted document travels (the gateway's TRUSTED_DOCUMENTS holds src/gql/persisted-documents.json
 *   for the site), and the URL alone names the response, so a CDN in front of the gateway can cache it. A
 *   gateway without the manifest answers PERSISTED_QUERY_NOT_FOUND; the client then sends the text once (APQ).
 * - `text` (GATEWAY_PERSISTED_DOCUMENTS=false): `GET <gateway>/graphql?query=<text>`, for gateways that
 *   predate site-addressed URLs.
 * Both send the site key; preview requests add the editor's token and go by POST, never cached.
 * Every call is `cache: 'no-store'` for Next: the front server (src/server) caches whole pages instead,
 * tagged with the facts each answer reports (`Surrogate-Key`), and the gateway purges them by those tags.
 * With the site's server key (SITE_SERVER_KEYS), each call names the visitor the page is rendered for
 * (`x-visitor-ip`), so that the gateway budgets that visitor and not the website's one address.
 */
export type DocumentMode = 'persisted' | 'text';

export interface GatewayOptions {
  gatewayUrl: string;
  mode: DocumentMode;
  timeoutMs: number;
}

export class GatewayError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
  ) {
    super(message);
  }
}

export function gatewayOptions(env: Readonly<Record<string, string | undefined>> = process.env): GatewayOptions {
  return {
    gatewayUrl: (env.GATEWAY_URL || 'http://127.0.0.1:4000').replace(/\/+$/, ''),
    mode: /^(0|false|no)$/i.test(env.GATEWAY_PERSISTED_DOCUMENTS ?? '') ? 'text' : 'persisted',
    timeoutMs: Number(env.GATEWAY_TIMEOUT_MS) > 0 ? Number(env.GATEWAY_TIMEOUT_MS) : 5000,
  };
}

type Doc<R, V> = TypedDocumentString<R, V>;

const hashOf = (doc: { __meta__?: Record<string, unknown> }): string => {
  const hash = doc.__meta__?.hash;
  if (typeof hash !== 'string') throw new Error('document has no persisted hash: run `npm run codegen -w web`');
  return hash;
};

/** The text the hash names (the manifest's normalised print, not the source text): hash and text always agree. */
const textOf = (doc: { __meta__?: Record<string, unknown> }): string => {
  const text = (manifest as Record<string, string>)[hashOf(doc)];
  if (!text) throw new Error('document missing from src/gql/persisted-documents.json: run `npm run codegen -w web`');
  return text;
};

/** The request for one operation: URL, method, headers and body. Exported for the unit tests. */
export function buildRequest<R, V>(
  opts: GatewayOptions,
  site: SiteConfig,
  doc: Doc<R, V>,
  variables: V,
  previewToken?: string,
  withText = opts.mode === 'text',
): { url: string; init: RequestInit } {
  const base = opts.mode === 'persisted' ? `${opts.gatewayUrl}/sites/${encodeURIComponent(site.slug)}/graphql` : `${opts.gatewayUrl}/graphql`;
  const headers: Record<string, string> = { accept: 'application/json', 'x-site-key': site.key };
  const visitor = currentPageFacts()?.visitor;
  if (site.serverKey && visitor) {
    headers['x-site-server-key'] = site.serverKey;
    headers['x-visitor-ip'] = visitor;
  }
  const operation: Record<string, string> = opts.mode === 'text' ? { query: textOf(doc) } : withText ? { documentId: hashOf(doc), query: textOf(doc) } : { documentId: hashOf(doc) };
  if (previewToken) {
    headers['x-preview-token'] = previewToken;
    headers['content-type'] = 'application/json';
    return { url: base, init: { method: 'POST', headers, body: JSON.stringify({ ...operation, variables }), cache: 'no-store' } };
  }
  const params = new URLSearchParams({ ...operation, variables: JSON.stringify(variables ?? {}) });
  return { url: `${base}?${params}`, init: { method: 'GET', headers, cache: 'no-store' } };
}

export interface ExecuteOptions<R> {
  previewToken?: string;
  options?: GatewayOptions;
  /**
   * Whether this answer's facts are facts of the page (default: yes). The redirect check says "only if the page
   * is a 404" when it finds no redirect: a page that exists must not be purged by every change to the site's
   * redirects, but a 404 must go when a redirect for its path is added.
   */
  isFact?: (data: R) => FactUse;
}

export async function execute<R, V>(site: SiteConfig, doc: Doc<R, V>, variables: V, { previewToken, options = gatewayOptions(), isFact }: ExecuteOptions<R> = {}): Promise<R> {
  try {
    return await send<R>(options, buildRequest(options, site, doc, variables, previewToken), isFact);
  } catch (e) {
    // A gateway without the site's manifest: register the document (hash + text) the APQ way, once.
    if (!(e instanceof GatewayError) || e.code !== 'PERSISTED_QUERY_NOT_FOUND' || options.mode !== 'persisted') throw e;
    return send<R>(options, buildRequest(options, site, doc, variables, previewToken, true), isFact);
  }
}

async function send<R>(options: GatewayOptions, { url, init }: { url: string; init: RequestInit }, isFact?: (data: R) => FactUse): Promise<R> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, signal: AbortSignal.timeout(options.timeoutMs) });
  } catch (e) {
    recordRefusal(503, 'GATEWAY_UNAVAILABLE', '5');
    throw new GatewayError(`gateway unreachable: ${(e as Error).message}`, 503, 'GATEWAY_UNAVAILABLE');
  }
  const body = (await res.json().catch(() => undefined)) as { data?: R; errors?: Array<{ message: string; extensions?: { code?: string } }> } | undefined;
  if (!res.ok || !body?.data || body.errors?.length) {
    const first = body?.errors?.[0];
    const code = first?.extensions?.code ?? 'GATEWAY_ERROR';
    if (res.status === 429 || res.status === 503) recordRefusal(res.status, code, res.headers.get('retry-after'));
    throw new GatewayError(first?.message ?? `gateway answered ${res.status}`, res.status, code);
  }
  recordAnswer(res.headers, isFact ? isFact(body.data) : true);
  return body.data;
}
