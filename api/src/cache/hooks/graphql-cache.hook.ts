import { Inject, Injectable } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Kind, parse } from 'graphql';
import type { AppConfig } from '../../config/app-config.schema.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { ErrorCode } from '../../common/errors/error-codes.js';
import { cdnCacheControl, sendEntry, sendError, sendUncached } from '../utils/cached-reply.util.js';
import { PREVIEW_TOKEN_HEADER, SiteContextService } from '../../sites/services/site-context.service.js';
import { SiteRegistryService } from '../../sites/services/site-registry.service.js';
import { SiteKeysService } from '../../sites/services/site-keys.service.js';
import type { GatewayContext, SiteInfo } from '../../sites/types/site.types.js';
import { GraphqlExecutorService } from '../../graphql/graphql-executor.service.js';
import { ResponseCacheService } from '../services/response-cache.service.js';
import type { CacheEntry, CacheStatus, ExecutionOutcome, StoredRequest } from '../types/cache-entry.types.js';
import { BadGraphqlRequest, cacheKey, operationHash, readOperation } from '../utils/operation-key.util.js';

export const GRAPHQL_PATH = '/graphql';
const JSON_TYPE = 'application/json; charset=utf-8';

const WRITE_OPERATION = /\b(mutation|subscription)\b/;

/** False when the document defines a mutation or subscription (the schema has none: the API is read-only). */
function isQueryOnly(query: string): boolean {
  try {
    return parse(query).definitions.every((d) => d.kind !== Kind.OPERATION_DEFINITION || d.operation === 'query');
  } catch {
    return true; // unparseable: Apollo answers with the parse error
  }
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the cache edge for requests it hands on to Apollo (preview, cache off). */
    gatewayContext?: GatewayContext;
  }
}

/**
 * The front door of /graphql, ahead of Apollo: checks the site key, then answers cached bytes without
 * parsing or executing anything. GET is read in `onRequest` (nothing to parse), POST in `preValidation`
 * (after the JSON body). Misses run the operation in-process (single-flight) and store the result.
 * Preview requests and a disabled cache pass through to Apollo, marked BYPASS and never stored.
 */
/** Bounded memo: forgets everything when full (cheap, and the hot set refills at once). */
class Memo<V> {
  private readonly map = new Map<string, V>();
  constructor(private readonly max: number) {}
  get(k: string) {
    return this.map.get(k);
  }
  set(k: string, v: V) {
    if (this.map.size >= this.max) this.map.clear();
    this.map.set(k, v);
  }
}

@Injectable()
export class GraphqlCacheHook {
  private readonly cacheControl: string;
  /** `site + GET url` → cache key: a repeated GET skips query-string parsing and hashing. */
  private readonly getKeys = new Memo<string>(10_000);
  /** `site + operation + variables` → cache key, for POST. */
  private readonly postKeys = new Memo<string>(10_000);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly keys: SiteKeysService,
    private readonly registry: SiteRegistryService,
    private readonly sites: SiteContextService,
    private readonly cache: ResponseCacheService,
    private readonly executor: GraphqlExecutorService,
  ) {
    this.cacheControl = cdnCacheControl(config.CACHE_SOFT_TTL_SECONDS, config.CACHE_HARD_TTL_SECONDS);
  }

  register(fastify: FastifyInstance) {
    // Callback style, so that a repeated GET hit is answered synchronously, without a promise.
    fastify.addHook('onRequest', (req, reply, done) => {
      if (req.method !== 'GET' || req.routeOptions.url !== GRAPHQL_PATH) return done();
      const fast = this.fastGet(req);
      if (fast) {
        this.sendEntry(req, reply, fast, 'HIT', true);
        return; // answered: Fastify must not go on
      }
      const q = req.query as Record<string, unknown>;
      // No operation: a browser asking for the GraphiQL page (development only); Apollo answers it.
      if (!q.query && !q.extensions) {
        if (this.config.isProduction || !String(req.headers.accept ?? '').includes('text/html')) {
          this.fail(reply, 400, ErrorCode.BAD_REQUEST, 'GET /graphql needs a "query" (or a persisted-query hash in "extensions")');
          return;
        }
        return done();
      }
      this.handle(req, reply, q, true).then(() => {
        if (!reply.sent) done();
      }, done);
    });
    fastify.addHook('preValidation', async (req, reply) => {
      if (req.method !== 'POST' || req.routeOptions.url !== GRAPHQL_PATH) return;
      // Only JSON: a "simple" content type would let any web page post here (CSRF).
      if (!String(req.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) {
        return this.fail(reply, 415, ErrorCode.UNSUPPORTED_MEDIA_TYPE, 'POST /graphql takes application/json');
      }
      return this.handle(req, reply, req.body, false);
    });
    fastify.addHook('onSend', (req, reply, payload, done) => {
      if (req.routeOptions.url === GRAPHQL_PATH && !reply.hasHeader('x-cache')) {
        reply.header('x-cache', 'BYPASS');
        reply.header('cache-control', 'private, no-store');
      }
      done(null, payload);
    });
  }

  private async handle(req: FastifyRequest, reply: FastifyReply, source: unknown, isGet: boolean) {
    const site = await this.siteOf(req, reply);
    if (!site) return reply;
    if (req.headers[PREVIEW_TOKEN_HEADER] !== undefined) {
      const check = this.sites.checkPreview(req.headers[PREVIEW_TOKEN_HEADER]!, site);
      if (!check.ok) return this.fail(reply, check.status, check.code, check.message);
      this.cache.counters.bypass += 1;
      req.gatewayContext = this.sites.createContext(site, true);
      return; // Apollo runs it; onSend marks it BYPASS, private, no-store.
    }
    let op: StoredRequest;
    try {
      op = readOperation(source, isGet);
    } catch (e) {
      if (e instanceof BadGraphqlRequest) return this.fail(reply, 400, ErrorCode.BAD_REQUEST, e.message);
      throw e;
    }
    if (op.query && op.query.length > this.config.MAX_QUERY_LENGTH) {
      return this.fail(reply, 413, ErrorCode.QUERY_TOO_COMPLEX, `Query text is longer than ${this.config.MAX_QUERY_LENGTH} characters`);
    }
    if (op.query && WRITE_OPERATION.test(op.query) && !isQueryOnly(op.query)) {
      return isGet
        ? this.fail(reply, 405, ErrorCode.METHOD_NOT_ALLOWED, 'Only queries are supported: this API is read-only')
        : this.fail(reply, 400, ErrorCode.BAD_REQUEST, 'Only queries are supported: this API is read-only');
    }
    const hash = operationHash(op);
    if (!this.cache.enabled || !hash) {
      this.cache.counters.bypass += 1;
      req.gatewayContext = this.sites.createContext(site, false);
      return;
    }
    const memoKey = isGet ? `${site.slug}\u0000${req.url}` : `${site.slug}\u0000${hash}\u0000${op.operationName ?? ''}\u0000${JSON.stringify(op.variables ?? null)}`;
    const memo = isGet ? this.getKeys : this.postKeys;
    let key = memo.get(memoKey);
    if (!key) memo.set(memoKey, (key = cacheKey(site.slug, hash, op)));
    const fresh = this.cache.freshFromL1(key);
    if (fresh) return this.sendEntry(req, reply, fresh, 'HIT', isGet);
    const answer = await this.cache.answer(key, {
      site: site.slug,
      request: op,
      execute: () => this.executor.execute(op, site),
    });
    if (answer.entry) return this.sendEntry(req, reply, answer.entry, answer.status, isGet);
    return this.sendOutcome(reply, answer.outcome!);
  }

  /** A fresh L1 entry for a GET seen before, found without parsing anything; undefined otherwise. */
  private fastGet(req: FastifyRequest) {
    if (!this.cache.enabled || req.headers[PREVIEW_TOKEN_HEADER] !== undefined) return undefined;
    const slug = this.keys.caller(req)?.site;
    if (!slug || !this.registry.peek(slug)) return undefined;
    const key = this.getKeys.get(`${slug}\u0000${req.url}`);
    return key ? this.cache.freshFromL1(key) : undefined;
  }

  /** The calling site, or an error already sent. */
  private async siteOf(req: FastifyRequest, reply: FastifyReply): Promise<SiteInfo | undefined> {
    const slug = this.keys.caller(req)?.site;
    const known = slug ? this.registry.peek(slug) : undefined;
    if (known) return known;
    const res = await this.sites.resolve(req);
    if (res.ok) return res.site;
    this.fail(reply, res.status, res.code, res.message);
    return undefined;
  }

  private sendEntry(req: FastifyRequest, reply: FastifyReply, entry: CacheEntry, status: CacheStatus, isGet: boolean) {
    return sendEntry(req, reply, entry, { status, contentType: JSON_TYPE, cacheControl: isGet ? this.cacheControl : 'no-cache', conditional: isGet });
  }

  private sendOutcome(reply: FastifyReply, outcome: ExecutionOutcome) {
    return sendUncached(reply, outcome.status, JSON_TYPE, outcome.body);
  }

  private fail(reply: FastifyReply, status: number, code: ErrorCode, message: string) {
    return sendError(reply, status, code, message);
  }
}
