import type { FastifyInstance } from 'fastify';

/**
 * Headers every response carries. The gateway serves JSON and XML to machines; nothing of it should be
 * framed, sniffed or leak a referrer. GraphiQL (development only) needs scripts, so its page is exempt
 * from the CSP; the draft preview sets its own (the Strapi admin frames it).
 */
export function registerSecurityHeaders(fastify: FastifyInstance, isProduction: boolean) {
  const headers: Record<string, string> = {
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'x-dns-prefetch-control': 'off',
    ...(isProduction ? { 'strict-transport-security': 'max-age=31536000; includeSubDomains' } : {}),
  };
  const csp = "default-src 'none'; frame-ancestors 'none'";
  fastify.addHook('onSend', (_req, reply, payload, done) => {
    reply.headers(headers);
    // A handler that set its own CSP (the draft preview, framed by the Strapi admin) decides framing itself.
    if (!reply.hasHeader('content-security-policy')) {
      reply.header('x-frame-options', 'DENY');
      const type = reply.getHeader('content-type');
      if (!(typeof type === 'string' && type.startsWith('text/html'))) reply.header('content-security-policy', csp);
    }
    reply.removeHeader('x-powered-by');
    done(null, payload);
  });
}
