import type { FastifyRequest } from 'fastify';

export const GRAPHQL_PATH = '/graphql';
export const SITE_GRAPHQL_PATH = '/sites/:site/graphql';
export const GRAPHQL_ROUTES = new Set([GRAPHQL_PATH, SITE_GRAPHQL_PATH]);
export const SITE_FILE_ROUTES = new Set(['/sites/:site/sitemap.xml', '/sites/:site/sitemaps/:file', '/sites/:site/robots.txt']);
export const OPERATIONS_ROUTES = new Set(['/webhooks/strapi', '/health/live', '/health/ready', '/metrics']);

export const isGraphql = (req: FastifyRequest) => GRAPHQL_ROUTES.has(req.routeOptions.url ?? '');
export const urlSiteOf = (req: FastifyRequest) => (req.params as { site?: string } | undefined)?.site;
