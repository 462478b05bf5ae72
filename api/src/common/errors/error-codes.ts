import { GraphQLError } from 'graphql';

/** Stable `extensions.code` values clients can branch on. */
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  BAD_REQUEST: 'BAD_REQUEST',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  PREVIEW_TOKEN_INVALID: 'PREVIEW_TOKEN_INVALID',
  RATE_LIMITED: 'RATE_LIMITED',
  QUERY_TOO_COMPLEX: 'QUERY_TOO_COMPLEX',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  METHOD_NOT_ALLOWED: 'METHOD_NOT_ALLOWED',
  /** The URL (path or a path segment) is longer than the gateway reads (414). */
  URI_TOO_LONG: 'URI_TOO_LONG',
  /** The request line and headers together exceed Node's header limit (431). */
  HEADERS_TOO_LARGE: 'HEADERS_TOO_LARGE',
  NOT_FOUND: 'NOT_FOUND',
  UPSTREAM_UNAVAILABLE: 'UPSTREAM_UNAVAILABLE',
  /** A variable the operation does not declare (it would only mint new cache entries). */
  UNKNOWN_VARIABLE: 'UNKNOWN_VARIABLE',
  /** The site key belongs to another site than the one in the URL. */
  SITE_MISMATCH: 'SITE_MISMATCH',
  /** The site is locked to its trusted documents and the request carried query text. */
  PERSISTED_QUERY_REQUIRED: 'PERSISTED_QUERY_REQUIRED',
  PERSISTED_QUERY_NOT_FOUND: 'PERSISTED_QUERY_NOT_FOUND',
  PERSISTED_QUERY_NOT_SUPPORTED: 'PERSISTED_QUERY_NOT_SUPPORTED',
  /** The site's share of upstream capacity is in use; retry after Retry-After. */
  SITE_BUSY: 'SITE_BUSY',
  /** `x-site-server-key` was sent but is not a server key of the request's site. */
  SERVER_KEY_INVALID: 'SERVER_KEY_INVALID',
  /** A server-keyed request named its visitor with something that is not one IP address. */
  VISITOR_ADDRESS_INVALID: 'VISITOR_ADDRESS_INVALID',
  FORBIDDEN: 'FORBIDDEN',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** A GraphQL error with a stable code and the HTTP status Apollo should answer with. */
export function gatewayError(code: ErrorCode, message: string, httpStatus?: number): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code, ...(httpStatus ? { http: { status: httpStatus } } : {}) },
  });
}

/** The body of an error answered outside GraphQL execution (auth, limits, transport), shaped like a GraphQL response. */
export function errorBody(code: ErrorCode, message: string): string {
  return JSON.stringify({ errors: [{ message, extensions: { code } }] });
}
