import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ErrorCode } from '../common/errors/error-codes.js';

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: ErrorCode.BAD_REQUEST,
  401: ErrorCode.UNAUTHENTICATED,
  404: ErrorCode.NOT_FOUND,
  405: ErrorCode.METHOD_NOT_ALLOWED,
  413: ErrorCode.PAYLOAD_TOO_LARGE,
  415: ErrorCode.UNSUPPORTED_MEDIA_TYPE,
  429: ErrorCode.RATE_LIMITED,
};

/**
 * Every non-GraphQL error (routing, body parsing, body size, controller errors) leaves in the same
 * shape as a GraphQL error, with a stable code, and never with internals: 5xx messages are generic.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpError');

  catch(exception: unknown, host: ArgumentsHost) {
    // Errors thrown in resolvers belong to GraphQL: Apollo formats them (graphql/format-error.util.ts).
    if (host.getType<string>() === 'graphql') return exception;
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const status = statusOf(exception);
    const response = exception instanceof HttpException ? exception.getResponse() : undefined;
    if (response && typeof response === 'object' && Array.isArray((response as { errors?: unknown }).errors)) {
      return reply.code(status).header('cache-control', 'no-store').send(response);
    }
    let message = 'Internal server error';
    if (status < 500) message = messageOf(exception) ?? 'Bad request';
    else this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    const code = CODE_BY_STATUS[status] ?? (status < 500 ? ErrorCode.BAD_REQUEST : ErrorCode.INTERNAL_SERVER_ERROR);
    return reply
      .code(status)
      .header('content-type', 'application/json; charset=utf-8')
      .header('cache-control', 'no-store')
      .send({ errors: [{ message, extensions: { code } }] });
  }
}

function statusOf(e: unknown): number {
  if (e instanceof HttpException) return e.getStatus();
  const s = (e as { statusCode?: unknown })?.statusCode;
  return typeof s === 'number' && s >= 400 && s < 600 ? s : 500;
}

function messageOf(e: unknown): string | undefined {
  if (e instanceof HttpException) {
    const r = e.getResponse();
    const m = typeof r === 'string' ? r : (r as { message?: unknown }).message;
    return Array.isArray(m) ? m.join('; ') : typeof m === 'string' ? m : e.message;
  }
  return e instanceof Error ? e.message : undefined;
}
