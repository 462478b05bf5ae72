import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { LRUCache } from 'lru-cache';
import type { AppConfig } from '../config/app-config.schema.js';
import { APP_CONFIG } from '../config/config.module.js';
import { ErrorCode } from '../common/errors/error-codes.js';
import { ResponseCacheService, type CacheJob } from '../cache/services/response-cache.service.js';
import { operationNameOf, type ExecutionOutcome, type GraphqlRequest } from '../cache/types/cache-entry.types.js';
import { cdnCacheControl, cdnStaleCacheControl, pickEncoding, presentation, sendEntry, sendError, sendUncached, wireOf, type Presentation, type Wire } from '../cache/utils/cached-reply.util.js';
import { MetricsService } from '../metrics/services/metrics.service.js';
import { RequestLoggerService } from '../logging/services/request-logger.service.js';
import { requestId } from '../logging/utils/request-info.js';
import { PREVIEW_TOKEN_HEADER, SiteContextService } from '../sites/services/site-context.service.js';
import { SiteRegistryService } from '../sites/services/site-registry.service.js';
import { SITE_SERVER_KEY_HEADER } from '../sites/services/site-server-keys.service.js';
import type { SiteInfo } from '../sites/types/site.types.js';
import { SiteResolverService } from './site/site-resolver.service.js';
import { BudgetService, type BudgetClass } from './budget/budget.service.js';
import { BudgetClientService } from './budget/budget-client.service.js';
import { budgetAddress } from './budget/client-address.util.js';
import { MissGateService, SiteBusyError } from './budget/miss-gate.service.js';
import { OperationService, type PreparedOperation } from './request/operation.service.js';
import { BadGraphqlRequest, readOperation } from './request/operation-key.util.js';
import { GraphqlExecutorService } from './execution/graphql-executor.service.js';
import { CORS_ALLOW_HEADERS, CORS_EXPOSE_HEADERS, CorsPolicy } from './http/cors.util.js';
import { API_CSP, securityHeaders } from './http/security-headers.util.js';
import { isRejection, type EdgeRejection, type EdgeState } from './types/edge.types.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** What the edge learned about this request (site, key, cost), set by the site step. */
    edge?: EdgeState;
  }
}

export const GRAPHQL_PATH = '/graphql';
export const SITE_GRAPHQL_PATH = '/sites/:site/graphql';
const GRAPHQL_ROUTES = new Set([GRAPHQL_PATH, SITE_GRAPHQL_PATH]);
const SITE_FILE_ROUTES = new Set(['/sites/:site/sitemap.xml', '/sites/:site/sitemaps/:file', '/sites/:site/robots.txt']);
const OPERATIONS_ROUTES = new Set(['/webhooks/strapi', '/health/live', '/health/ready', '/metrics']);
const JSON_TYPE = 'application/json; charset=utf-8';
const REQUEST_ID = /^[\w.:-]{1,128}$/;
/** GET URLs remembered per site for the fast path (URL → cache key). */
const GET_KEYS_PER_SITE = 10_000;

const isGraphql = (req: FastifyRequest) => GRAPHQL_ROUTES.has(req.routeOptions.url ?? '');
const urlSiteOf = (req: FastifyRequest) => (req.params as { site?: string } | undefined)?.site;

/**
 * The request's way in, in order — this file is the one place that says it:
 *
 *   0. observation   request id, security headers, then metrics, cost and one log line once answered
 *   1. CORS          preflights answered before anything needs a key
 *   2. site          which site: from the URL (`/sites/<site>/…`) or the `x-site-key` header
 *   3. budget        who pays (the client, or the visitor a site's server names with its server key);
 *                    anonymous and operations callers pay per request; keyed callers are admitted where
 *                    work needs Strapi and charged after the answer by what it cost (nothing for a hit)
 *   4. preview       a valid preview token runs the operation on drafts, never cached
 *   5. request       body, operation, document (trusted documents, APQ), declared variables, read-only
 *   6. cache         L1, L2, single-flight; per-site shares
 *   7. execution     Apollo in-process, at most SITE_MAX_CONCURRENT_MISSES per site upstream at once
 *
 * A repeated GET hit takes a shortcut ahead of Fastify (`tryHit`, wired by app.ts through Fastify's
 * serverFactory): the same steps, in the same order, reduced to what a hit needs — known key, known
 * URL, fresh L1 entry — and written with one `writeHead` of precomputed headers.
 */
@Injectable()
export class EdgePipeline {
  private readonly security: Record<string, string>;
  private readonly corsPolicy: CorsPolicy;
  /** Site-addressed GETs: the URL names the site, so shared caches may keep them. */
  private readonly publicGet: Presentation;
  /** The site is known only from a header: shared caches must not keep it; browsers revalidate. */
  private readonly privateGet: Presentation;
  private readonly getKeys = new Map<string, LRUCache<string, string>>();
  private closing = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    registry: SiteRegistryService,
    private readonly sites: SiteResolverService,
    private readonly siteContext: SiteContextService,
    private readonly budget: BudgetService,
    private readonly clients: BudgetClientService,
    private readonly gate: MissGateService,
    private readonly operations: OperationService,
    private readonly cache: ResponseCacheService,
    private readonly executor: GraphqlExecutorService,
    private readonly metrics: MetricsService,
    private readonly requestLog: RequestLoggerService,
  ) {
    this.security = securityHeaders(config.isProduction);
    this.corsPolicy = new CorsPolicy(registry, config.CORS_ORIGINS);
    this.publicGet = presentation(JSON_TYPE, cdnCacheControl(config.CACHE_SOFT_TTL_SECONDS, config.CACHE_HARD_TTL_SECONDS), 'origin, accept-encoding', cdnStaleCacheControl(config.CACHE_HARD_TTL_SECONDS));
    this.privateGet = presentation(JSON_TYPE, 'private, no-cache', 'origin, x-site-key, accept-encoding');
    // Purges recompute recently used entries without a client: this is how.
    cache.useJobFactory('graphql', (slug, request) => {
      const site = registry.peek(slug);
      return site ? this.job(site, request) : undefined;
    });
  }

  register(fastify: FastifyInstance) {
    fastify.decorateRequest('edge', undefined);
    // The site-addressed GraphQL URL; every request to it is answered by the hooks below.
    fastify.route({ method: ['GET', 'POST'], url: SITE_GRAPHQL_PATH, handler: (_req, reply) => this.reject(reply, { status: 500, code: ErrorCode.INTERNAL_SERVER_ERROR, message: 'Internal server error' }) });
    fastify.addHook('preClose', (done) => {
      this.closing = true; // from now on Fastify answers, so kept-alive clients hear `Connection: close`
      done();
    });

    // 0. Observation, 1. CORS, 2. site + 3. budget, then 4–7 for GraphQL: GET carries everything in its
    // URL; POST goes on once its JSON body is read.
    fastify.addHook('onRequest', this.observeRequest);
    fastify.addHook('onSend', this.observeHeaders);
    fastify.addHook('onResponse', this.observeResponse);
    fastify.addHook('onRequest', this.cors);
    fastify.addHook('onRequest', this.siteAndBudget);
    fastify.addHook('onRequest', this.graphqlGet);
    fastify.addHook('preValidation', this.graphqlPost);
  }

  /** The hooks in the order `register` adds them, by name (what the order test reads). */
  static readonly ORDER = [
    ['onRequest', 'observeRequest'],
    ['onSend', 'observeHeaders'],
    ['onResponse', 'observeResponse'],
    ['onRequest', 'cors'],
    ['onRequest', 'siteAndBudget'],
    ['onRequest', 'graphqlGet'],
    ['preValidation', 'graphqlPost'],
  ] as const;

  private readonly observeRequest = (req: FastifyRequest, _reply: FastifyReply, done: () => void) => {
    if (this.requestLog.receivedEnabled) this.requestLog.received(req);
    done();
  };

  private readonly observeHeaders = (req: FastifyRequest, reply: FastifyReply, payload: unknown, done: (err: null, p: unknown) => void) => {
    this.finishHeaders(req, reply);
    done(null, payload);
  };

  private readonly observeResponse = (req: FastifyRequest, reply: FastifyReply, done: () => void) => {
    done();
    this.afterResponse(req, reply);
  };

  // Callback style: no promise per request where none is needed.
  private readonly cors = (req: FastifyRequest, reply: FastifyReply, done: () => void) => {
    if (!this.corsStep(req, reply)) done();
  };

  private readonly siteAndBudget = (req: FastifyRequest, reply: FastifyReply, done: (err?: Error) => void) => {
    this.siteAndBudgetStep(req).then((rejection) => (rejection ? void this.reject(reply, rejection) : done()), done);
  };

  private readonly graphqlGet = (req: FastifyRequest, reply: FastifyReply, done: (err?: Error) => void) => {
    // HEAD is a GET without the body (Node drops it): same steps, same headers, same cache entry.
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !isGraphql(req)) return done();
    this.graphql(req, reply, req.query, true).then(() => (reply.sent ? undefined : done()), done);
  };

  private readonly graphqlPost = async (req: FastifyRequest, reply: FastifyReply) => {
    if (req.method !== 'POST' || !isGraphql(req)) return;
    // Only JSON: a "simple" content type would let any web page post here (CSRF).
    if (!String(req.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) {
      return this.reject(reply, { status: 415, code: ErrorCode.UNSUPPORTED_MEDIA_TYPE, message: 'POST /graphql takes application/json' });
    }
    await this.graphql(req, reply, req.body, false);
  };

  /** 1. CORS; true when it answered (a preflight). */
  private corsStep(req: FastifyRequest, reply: FastifyReply): boolean {
    const origin = req.headers.origin;
    if (!origin) return false;
    const allowed = this.corsPolicy.allows(origin);
    if (allowed) reply.header('access-control-allow-origin', origin).header('access-control-expose-headers', CORS_EXPOSE_HEADERS);
    reply.header('vary', 'origin, x-site-key');
    if (req.method !== 'OPTIONS' || !req.headers['access-control-request-method']) return false;
    if (allowed) reply.header('access-control-allow-methods', 'GET, POST, OPTIONS').header('access-control-allow-headers', CORS_ALLOW_HEADERS).header('access-control-max-age', '600');
    if (allowed) reply.code(204).send();
    else void this.reject(reply, { status: 403, code: ErrorCode.FORBIDDEN, message: 'This origin may not call the gateway' });
    return true;
  }

  /** 2. Site and 3. budget; a rejection to answer, if any. */
  private async siteAndBudgetStep(req: FastifyRequest): Promise<EdgeRejection | undefined> {
    const route = req.routeOptions.url ?? '';
    const state: EdgeState = { addressed: false, cost: 0 };
    req.edge = state;
    let kind: BudgetClass = 'anonymous';
    let found: SiteInfo | EdgeRejection | undefined;
    if (GRAPHQL_ROUTES.has(route)) {
      const urlSite = route === SITE_GRAPHQL_PATH ? urlSiteOf(req) : undefined;
      state.addressed = urlSite !== undefined;
      found = await this.sites.forGraphql(req, urlSite);
      state.keyId = this.sites.caller(req)?.keyId;
      if (state.keyId && !isRejection(found)) kind = 'site';
    } else if (SITE_FILE_ROUTES.has(route) || route.startsWith('/preview/')) {
      state.addressed = true;
      found = await this.sites.fromUrl(urlSiteOf(req) ?? '');
    } else if (OPERATIONS_ROUTES.has(route)) {
      kind = 'operations';
    }
    if (found && !isRejection(found)) state.site = found;
    // Who pays the per-client budgets: the client, or the visitor a server-keyed caller names.
    const client = this.clients.clientOf(req.headers, state.site?.slug, req.ip);
    if (typeof client !== 'string') {
      // A wrong server key pays like a wrong site key: guessing meets 429, not endless 401s.
      state.client = budgetAddress(req.ip);
      return this.budget.admit('anonymous', state.client) ?? client;
    }
    state.client = client;
    // A keyed caller is admitted where work beyond a hit begins (graphql below): hits are free.
    // Everyone else pays here, before anything else; a caller guessing keys meets 429, not endless 401s.
    const limited = kind === 'site' ? undefined : this.budget.admit(kind, client, state.keyId);
    return limited ?? (found && isRejection(found) ? found : undefined);
  }

  /** 4. preview → 5. request → 6. cache → 7. execution. */
  private async graphql(req: FastifyRequest, reply: FastifyReply, source: unknown, isGet: boolean) {
    const state = req.edge!;
    const site = state.site!;
    const q = source as Record<string, unknown> | undefined;
    if (isGet && !q?.query && !q?.extensions && !q?.documentId) {
      // No operation: a browser asking for GraphiQL (development only, plain /graphql); Apollo answers it.
      if (!this.config.isProduction && !state.addressed && String(req.headers.accept ?? '').includes('text/html')) return;
      return this.reject(reply, { status: 400, code: ErrorCode.BAD_REQUEST, message: 'GET /graphql needs a "query" (or a "documentId")' });
    }
    const preview = req.headers[PREVIEW_TOKEN_HEADER];
    if (preview !== undefined) {
      const check = this.siteContext.checkPreview(preview, site);
      if (!check.ok) return this.reject(reply, check);
    }
    let prepared: PreparedOperation | EdgeRejection;
    try {
      prepared = this.operations.prepare(site.slug, readOperation(source, isGet), isGet);
    } catch (e) {
      if (e instanceof BadGraphqlRequest) return this.reject(reply, { status: 400, code: ErrorCode.BAD_REQUEST, message: e.message });
      throw e;
    }
    if (isRejection(prepared)) return this.reject(reply, prepared);
    const keyed = state.keyId!;
    // Preview and a disabled cache bypass it by design; an operation without a key (GraphQL will answer its
    // error) is a miss that is never stored.
    const bypass = preview !== undefined || !this.cache.enabled;
    try {
      if (bypass || !prepared.key) {
        const rejection = this.budget.admit('site', state.client!, keyed);
        if (rejection) return this.reject(reply, rejection);
        if (bypass) this.cache.counters.bypass += 1;
        const outcome = await this.job(site, prepared.request, state, preview !== undefined).execute();
        if (bypass) return sendUncached(reply, outcome.status, JSON_TYPE, outcome.body, 'BYPASS', 'private, no-store');
        return sendUncached(reply, outcome.status, JSON_TYPE, outcome.body, 'MISS');
      }
      const key = prepared.key;
      if (isGet) this.rememberGet(site.slug, req.url, key);
      const p = isGet && state.addressed ? this.publicGet : this.privateGet;
      const fresh = this.cache.freshFromL1(key);
      if (fresh) return sendEntry(req, reply, fresh, p, 'HIT', isGet);
      const job = this.job(site, prepared.request, state);
      // What the tiers hold (an L2 hit, a stale entry within its hard TTL) costs no new upstream work:
      // it is served whatever the caller's budget, as a fresh hit is.
      const cached = await this.cache.lookup(key, job);
      if (cached) return sendEntry(req, reply, cached.entry!, p, cached.status, isGet);
      // Beyond the cache, work begins: only a caller with budget left may start it.
      const rejection = this.budget.admit('site', state.client!, keyed);
      if (rejection) return this.reject(reply, rejection);
      const answer = await this.cache.compute(key, job);
      if (answer.entry) return sendEntry(req, reply, answer.entry, p, answer.status, isGet);
      return sendUncached(reply, answer.outcome!.status, JSON_TYPE, answer.outcome!.body);
    } catch (e) {
      if (e instanceof SiteBusyError) return this.reject(reply, { status: 503, code: ErrorCode.SITE_BUSY, message: e.message, retryAfterSeconds: e.retryAfterSeconds });
      throw e;
    }
  }

  /** 7. Execution, through the site's upstream lane; what it cost is noted on the request that caused it. */
  private job(site: SiteInfo, request: GraphqlRequest, state?: EdgeState, preview = false): CacheJob {
    return {
      site: site.slug,
      request,
      execute: () =>
        // Without a request (refresh-ahead), the work yields to visitors' misses in the site's lane.
        this.gate.run(site.slug, () => this.executor.execute(request, site, preview), !state).then((outcome: ExecutionOutcome) => {
          if (state) state.cost += Math.max(1, outcome.upstreamReads ?? 0);
          return outcome;
        }),
    };
  }

  private rememberGet(site: string, url: string, key: string) {
    let memo = this.getKeys.get(site);
    // Per site: one site's stream of distinct URLs never pushes another's out of the fast path.
    if (!memo) this.getKeys.set(site, (memo = new LRUCache<string, string>({ max: GET_KEYS_PER_SITE })));
    if (memo.get(url) !== key) memo.set(url, key);
  }

  private reject(reply: FastifyReply, r: EdgeRejection) {
    if (r.retryAfterSeconds) reply.header('retry-after', String(r.retryAfterSeconds));
    return sendError(reply, r.status, r.code, r.message);
  }

  /** 0. Headers every answer carries. */
  private finishHeaders(req: FastifyRequest, reply: FastifyReply) {
    reply.headers(this.security);
    reply.header('x-request-id', requestId(req));
    // A handler that set its own CSP (the draft preview, framed by the Strapi admin) decides framing itself.
    if (!reply.hasHeader('content-security-policy')) {
      reply.header('x-frame-options', 'DENY');
      const type = reply.getHeader('content-type');
      if (!(typeof type === 'string' && type.startsWith('text/html'))) reply.header('content-security-policy', API_CSP);
    }
    if (isGraphql(req) && !reply.hasHeader('x-cache')) reply.header('x-cache', 'BYPASS').header('cache-control', 'private, no-store');
    reply.removeHeader('x-powered-by');
  }

  /** 0. After the answer: charge its cost (a non-hit costs at least one unit), count it, log it. */
  private afterResponse(req: FastifyRequest, reply: FastifyReply) {
    const state = req.edge;
    const cache = reply.getHeader('x-cache');
    if (state?.keyId && state.site && cache !== 'HIT') this.budget.charge(state.keyId, state.client ?? budgetAddress(req.ip), Math.max(1, state.cost));
    const site = state?.site?.slug;
    this.metrics.observe(req, reply, site, isGraphql(req));
    this.requestLog.record(req, reply, site, isGraphql(req));
  }

  /**
   * The fast path for a repeated GET hit, ahead of Fastify: true when it answered. Anything it is not
   * sure of (unknown URL or key, preview, stale entry, conditional request, shutdown) goes the long way.
   */
  tryHit(req: IncomingMessage, res: ServerResponse): boolean {
    if (req.method !== 'GET' || this.closing || !this.cache.enabled) return false;
    const url = req.url!;
    let urlSite: string | undefined;
    if (!url.startsWith('/graphql?')) {
      if (!url.startsWith('/sites/')) return false;
      const end = url.indexOf('/graphql?', 7);
      if (end < 0) return false;
      urlSite = url.slice(7, end);
    }
    const h = req.headers;
    if (h[PREVIEW_TOKEN_HEADER] !== undefined || h['if-none-match'] !== undefined) return false;
    const site = this.sites.peek(req, urlSite);
    if (!site) return false;
    // A server key is checked here too (a hit costs no budget, but a wrong key must answer 401, not 200).
    if (h[SITE_SERVER_KEY_HEADER] !== undefined && typeof this.clients.clientOf(h, site.slug, '') !== 'string') return false;
    const key = this.getKeys.get(site.slug)?.get(url);
    if (!key) return false;
    const entry = this.cache.freshFromL1(key);
    if (!entry) return false;
    const origin = h.origin;
    const corsOk = origin !== undefined && this.corsPolicy.allows(origin);
    const wire = wireOf(entry, pickEncoding(h['accept-encoding']), urlSite === undefined ? this.privateGet : this.publicGet);
    // Per wire, a header block with fixed per-request slots; filled in and written at once (writeHead copies it synchronously).
    const raw = corsOk ? (wire.rawCors ??= this.rawHead(wire, true)) : (wire.raw ??= this.rawHead(wire, false));
    const given = h['x-request-id'];
    raw[1] = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    if (corsOk) raw[3] = origin;
    res.writeHead(200, raw);
    res.end(wire.bytes);
    this.metrics.countFastHit(site.slug, operationNameOf(entry.request));
    if (this.requestLog.enabled) this.requestLog.logFastHit(raw[1], site.slug, url, operationNameOf(entry.request));
    return true;
  }

  /** The header block of a fast-path hit; slot 1 is the request id, slot 3 the allowed CORS origin. */
  private rawHead(wire: Wire, cors: boolean): string[] {
    const raw = ['x-request-id', ''];
    if (cors) raw.push('access-control-allow-origin', '', 'access-control-expose-headers', CORS_EXPOSE_HEADERS);
    for (const [k, v] of Object.entries(wire.headers)) raw.push(k, v);
    raw.push('content-length', String(wire.bytes.length), 'x-cache', 'HIT');
    for (const [k, v] of Object.entries(this.security)) raw.push(k, v);
    raw.push('x-frame-options', 'DENY', 'content-security-policy', API_CSP);
    return raw;
  }
}
