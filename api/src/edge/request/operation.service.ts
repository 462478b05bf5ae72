import { Inject, Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { Kind, getVariableValues, parse, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import type { AppConfig } from '../../config/app-config.schema.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { ErrorCode } from '../../common/errors/error-codes.js';
import type { GraphqlRequest } from '../../cache/types/cache-entry.types.js';
import { GraphqlServerService } from '../../graphql/services/graphql-server.service.js';
import type { EdgeRejection } from '../types/edge.types.js';
import { cacheKey, documentHash, type RawOperation } from './operation-key.util.js';
import { TrustedDocumentsService } from './trusted-documents.service.js';

/** An operation ready to run: the full document, and the cache key when it may be stored. */
export interface PreparedOperation {
  request: GraphqlRequest;
  hash: string;
  /** Undefined when the operation cannot be cached (GraphQL will answer its error): run, never store. */
  key?: string;
}

interface ParsedDocument {
  document?: DocumentNode;
  operations: OperationDefinitionNode[];
}

const reject = (status: number, code: ErrorCode, message: string): EdgeRejection => ({ status, code, message });

/**
 * The request step: turns what a caller sent into one operation the gateway is willing to run, or a
 * rejection. Resolves the document (query text, the site's trusted documents, or the site's APQ
 * registry), keeps the API read-only, refuses variables the operation does not declare, and names the
 * cache entry by the declared variables after coercion and defaults.
 */
@Injectable()
export class OperationService {
  /** Parsed documents by hash: a popular operation is parsed once, not per miss. */
  private readonly parsed = new LRUCache<string, ParsedDocument>({ max: 2_000 });
  /** Per site: documents registered through automatic persisted queries (sites without a manifest). */
  private readonly apq = new Map<string, LRUCache<string, string>>();
  /**
   * Per site: what a request as sent (text or hash, operation name, variables as written) prepared to,
   * so that a repeated POST skips hashing, parsing and coercion. Only successes are kept.
   */
  private readonly prepared = new Map<string, LRUCache<string, PreparedOperation>>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly trusted: TrustedDocumentsService,
    private readonly graphql: GraphqlServerService,
  ) {}

  prepare(site: string, raw: RawOperation, isGet: boolean): PreparedOperation | EdgeRejection {
    if (raw.query && raw.query.length > this.config.MAX_QUERY_LENGTH) {
      return reject(413, ErrorCode.QUERY_TOO_COMPLEX, `Query text is longer than ${this.config.MAX_QUERY_LENGTH} characters`);
    }
    const memoKey = `${raw.query ?? ''}\u0000${raw.documentHash ?? ''}\u0000${raw.operationName ?? ''}\u0000${raw.variables ? JSON.stringify(raw.variables) : ''}`;
    let memo = this.prepared.get(site);
    if (!memo) this.prepared.set(site, (memo = new LRUCache<string, PreparedOperation>({ max: 1_000 })));
    const known = memo.get(memoKey);
    if (known) return known;
    const result = this.prepareOnce(site, raw, isGet);
    if (!('code' in result) && result.key) memo.set(memoKey, result);
    return result;
  }

  private prepareOnce(site: string, raw: RawOperation, isGet: boolean): PreparedOperation | EdgeRejection {
    const manifest = this.trusted.of(site);
    let query = raw.query;
    let hash: string;
    if (query) {
      hash = documentHash(query);
      if (manifest && !manifest.has(hash) && this.trusted.enforced) {
        return reject(403, ErrorCode.PERSISTED_QUERY_REQUIRED, 'This site accepts only its trusted documents: send documentId (or the persisted-query hash) instead of query text');
      }
      if (raw.documentHash && raw.documentHash !== hash && manifest?.get(raw.documentHash) !== query) {
        return reject(400, ErrorCode.BAD_REQUEST, 'The document hash does not match the query text');
      }
      if (raw.documentHash && !manifest) this.registry(site).set(hash, query);
    } else if (raw.documentHash) {
      query = manifest ? manifest.get(raw.documentHash) : this.registry(site).get(raw.documentHash);
      if (!query) {
        // APQ clients answer this by sending the text; trusted-document clients have a stale manifest.
        return manifest
          ? reject(400, ErrorCode.PERSISTED_QUERY_NOT_FOUND, 'No trusted document of this site has that hash')
          : reject(200, ErrorCode.PERSISTED_QUERY_NOT_FOUND, 'PersistedQueryNotFound');
      }
      hash = documentHash(query);
    } else {
      return reject(400, ErrorCode.BAD_REQUEST, 'The request needs a "query" or a "documentId"');
    }

    const request: GraphqlRequest = { kind: 'graphql', query, operationName: raw.operationName, variables: raw.variables };
    const doc = this.parse(hash, query);
    if (doc.operations.some((op) => op.operation !== 'query')) {
      return isGet
        ? reject(405, ErrorCode.METHOD_NOT_ALLOWED, 'Only queries are supported: this API is read-only')
        : reject(400, ErrorCode.BAD_REQUEST, 'Only queries are supported: this API is read-only');
    }
    const operation = raw.operationName ? doc.operations.find((o) => o.name?.value === raw.operationName) : doc.operations.length === 1 ? doc.operations[0] : undefined;
    // Unparseable, or no single operation: GraphQL answers the error; nothing is stored.
    const schema = this.graphql.schema;
    if (!operation || !schema) return { request, hash };

    const declared = operation.variableDefinitions ?? [];
    const names = new Set(declared.map((d) => d.variable.name.value));
    for (const name of Object.keys(raw.variables ?? {})) {
      if (!names.has(name)) return reject(400, ErrorCode.UNKNOWN_VARIABLE, `Variable "$${name.slice(0, 64)}" is not declared by the operation`);
    }
    const coerced = getVariableValues(schema, declared, raw.variables ?? {}, { maxErrors: 1 });
    if (coerced.errors) return { request, hash };
    return { request, hash, key: cacheKey(site, hash, operation.name?.value ?? raw.operationName, coerced.coerced) };
  }

  private registry(site: string): LRUCache<string, string> {
    let r = this.apq.get(site);
    // One per site, each bounded: one site registering documents never pushes out another's.
    if (!r) this.apq.set(site, (r = new LRUCache<string, string>({ max: this.config.APQ_MAX_PER_SITE })));
    return r;
  }

  private parse(hash: string, query: string): ParsedDocument {
    let doc = this.parsed.get(hash);
    if (!doc) {
      try {
        const document = parse(query, { maxTokens: 2_000 });
        doc = { document, operations: document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION) };
      } catch {
        doc = { operations: [] };
      }
      this.parsed.set(hash, doc);
    }
    return doc;
  }
}
