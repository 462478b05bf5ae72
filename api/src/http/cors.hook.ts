import type { FastifyInstance } from 'fastify';
import type { SiteRegistryService } from '../sites/services/site-registry.service.js';

const ALLOW_HEADERS = 'content-type, x-site-key, x-preview-token, apollo-require-preflight, if-none-match';

/**
 * Browsers may call the gateway only from the clinic sites' own origins (their Site documents'
 * domains, plus CORS_ORIGINS for local front ends). Other origins get no CORS headers, so the browser
 * blocks them. Registered before the cache edge so that hits carry the headers too.
 */
export function registerCors(fastify: FastifyInstance, registry: SiteRegistryService, extraOrigins: string[]) {
  const extra = new Set(extraOrigins);
  fastify.addHook('onRequest', (req, reply, done) => {
    const origin = req.headers.origin;
    if (!origin) return done();
    const allowed = extra.has(origin) || registry.origins().has(origin);
    if (allowed) {
      reply.header('access-control-allow-origin', origin);
      reply.header('access-control-expose-headers', 'x-cache, etag, retry-after');
    }
    reply.header('vary', 'origin, x-site-key');
    if (req.method === 'OPTIONS' && req.headers['access-control-request-method']) {
      if (allowed) {
        reply
          .header('access-control-allow-methods', 'GET, POST, OPTIONS')
          .header('access-control-allow-headers', ALLOW_HEADERS)
          .header('access-control-max-age', '600');
      }
      reply.code(allowed ? 204 : 403).send();
      return;
    }
    done();
  });
}
