import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ErrorCode, errorBody } from '../../common/errors/error-codes.js';
import { sendError } from '../fast-path/cached-reply.util.js';

/**
 * Fastify's router answers some malformed URLs itself, before any route, hook or Nest filter: invalid
 * percent-encoding (`/sites/%ff/…`) and path parameters past `maxParamLength`. Those answers leave in
 * the gateway's error shape with a stable code, like every other bad input.
 */
export function frameworkErrorHandler(error: FastifyError, _req: FastifyRequest, reply: FastifyReply) {
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') return sendError(reply, 414, ErrorCode.URI_TOO_LONG, 'A path segment of the URL is too long');
  if (error.code === 'FST_ERR_BAD_URL') return sendError(reply, 400, ErrorCode.BAD_REQUEST, 'The URL is not valid percent-encoding');
  return sendError(reply, 400, ErrorCode.BAD_REQUEST, 'The request could not be routed');
}

const CLIENT_ERRORS: Record<string, [number, string, ErrorCode, string]> = {
  HPE_HEADER_OVERFLOW: [431, 'Request Header Fields Too Large', ErrorCode.HEADERS_TOO_LARGE, 'The request line and headers are too large'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'Request Timeout', ErrorCode.BAD_REQUEST, 'The request was not received in time'],
};

/**
 * What Node's HTTP parser refuses (headers over the limit, invalid characters in the request line or a
 * header, broken framing) never reaches Fastify: the socket gets one answer in the gateway's error
 * shape, then closes (the parser cannot resynchronise on it).
 */
export function clientErrorHandler(err: Error & { code?: string; rawPacket?: unknown }, socket: Socket) {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, reason, code, message] = CLIENT_ERRORS[err.code ?? ''] ?? [400, 'Bad Request', ErrorCode.BAD_REQUEST, 'The request is not valid HTTP'];
  const body = errorBody(code, message);
  // A HEAD request's answer has no body (a client would read it as the start of the next response).
  const head = Buffer.isBuffer(err.rawPacket) && err.rawPacket.subarray(0, 5).toString('latin1') === 'HEAD ';
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n${head ? '' : body}`,
    );
  }
  socket.destroy();
}

/** An `Expect` other than `100-continue` is refused by Node before any route (417): in the error shape too. */
export function expectationFailed(_req: IncomingMessage, res: ServerResponse) {
  const body = errorBody(ErrorCode.BAD_REQUEST, 'Only "Expect: 100-continue" is supported');
  res.writeHead(417, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body), 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(body);
}
