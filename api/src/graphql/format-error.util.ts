import type { GraphQLFormattedError } from 'graphql';
import { ErrorCode } from '../common/errors/error-codes.js';

/** graphql-armor reports limits as plain validation errors; clients get one stable code for all of them. */
const LIMIT_MESSAGES = /(Query depth limit|Query Cost limit|Aliases limit|Directives limit|Token limit|Too many|^Validation aborted)/i;

const KNOWN = new Set<string>(Object.values(ErrorCode));

/**
 * Every error leaves with a stable `extensions.code`; in production nothing else of the server does:
 * no stack, no upstream URL, no internal message.
 */
export function formatGraphqlError(formatted: GraphQLFormattedError, isProduction: boolean): GraphQLFormattedError {
  const code = String(formatted.extensions?.code ?? ErrorCode.INTERNAL_SERVER_ERROR);
  if (LIMIT_MESSAGES.test(formatted.message)) {
    return { message: formatted.message.replace(/\s*Did you mean.*$/s, ''), extensions: { code: ErrorCode.QUERY_TOO_COMPLEX } };
  }
  const { stacktrace: _stack, http: _http, ...extensions } = (formatted.extensions ?? {}) as Record<string, unknown>;
  const base = { ...formatted, extensions: { ...(isProduction ? {} : extensions), code } };
  if (!isProduction) return base;
  if (code === ErrorCode.INTERNAL_SERVER_ERROR || (!KNOWN.has(code) && !code.startsWith('GRAPHQL_') && !code.startsWith('PERSISTED_QUERY'))) {
    return { message: 'Internal server error', extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR }, ...(formatted.path ? { path: formatted.path } : {}) };
  }
  return { message: formatted.message, extensions: { code }, ...(formatted.locations ? { locations: formatted.locations } : {}), ...(formatted.path ? { path: formatted.path } : {}) };
}
