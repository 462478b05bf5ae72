import type { TypedDocumentString } from '../gql/graphql';
import manifest from '../gql/persisted-documents.json';
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
 * Every call is `cache: 'no-store'` for Next: the page renders per request from the gateway's cache,
 * which the CMS purges on publish, so a publish shows on the next request.
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

export function gatewayOptions(env: NodeJS.ProcessEnv = process.env): GatewayOptions {
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
  const operation: Record<string, string> =
    opts.mode === 'text' ? { query: textOf(doc) } : withText ? { documentId: hashOf(doc), query: textOf(doc) } : { documentId: hashOf(doc) };
  if (previewToken) {
    headers['x-preview-token'] = previewToken;
    headers['content-type'] = 'application/json';
    return { url: base, init: { method: 'POST', headers, body: JSON.stringify({ ...operation, variables }), cache: 'no-store' } };
  }
  const params = new URLSearchParams({ ...operation, variables: JSON.stringify(variables ?? {}) });
  return { url: `${base}?${params}`, init: { method: 'GET', headers, cache: 'no-store' } };
}

export async function execute<R, V>(
  site: SiteConfig,
  doc: Doc<R, V>,
  variables: V,
  { previewToken, options = gatewayOptions() }: { previewToken?: string; options?: GatewayOptions } = {},
): Promise<R> {
  try {
    return await send<R>(options, buildRequest(options, site, doc, variables, previewToken));
  } catch (e) {
    // A gateway without the site's manifest: register the document (hash + text) the APQ way, once.
    if (!(e instanceof GatewayError) || e.code !== 'PERSISTED_QUERY_NOT_FOUND' || options.mode !== 'persisted') throw e;
    return send<R>(options, buildRequest(options, site, doc, variables, previewToken, true));
  }
}

async function send<R>(options: GatewayOptions, { url, init }: { url: string; init: RequestInit }): Promise<R> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, signal: AbortSignal.timeout(options.timeoutMs) });
  } catch (e) {
    throw new GatewayError(`gateway unreachable: ${(e as Error).message}`, 503, 'GATEWAY_UNAVAILABLE');
  }
  const body = (await res.json().catch(() => undefined)) as
    | { data?: R; errors?: Array<{ message: string; extensions?: { code?: string } }> }
    | undefined;
  if (!res.ok || !body?.data || body.errors?.length) {
    const first = body?.errors?.[0];
    throw new GatewayError(first?.message ?? `gateway answered ${res.status}`, res.status, first?.extensions?.code ?? 'GATEWAY_ERROR');
  }
  return body.data;
}
