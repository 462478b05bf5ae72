import type { FastifyReply } from 'fastify';
import { ErrorCode } from '../../common/errors/error-codes.js';
import { sendError } from '../fast-path/cached-reply.util.js';
import type { SiteBusyError } from '../budget/miss-gate.service.js';
import type { EdgeRejection } from '../types/edge.types.js';

/** Answers a request the edge refuses, in the GraphQL error shape (with `Retry-After` when it says when). */
export function sendRejection(reply: FastifyReply, r: EdgeRejection) {
  if (r.retryAfterSeconds) reply.header('retry-after', String(r.retryAfterSeconds));
  return sendError(reply, r.status, r.code, r.message);
}

export const siteBusy = (e: SiteBusyError): EdgeRejection => ({ status: 503, code: ErrorCode.SITE_BUSY, message: e.message, retryAfterSeconds: e.retryAfterSeconds });
