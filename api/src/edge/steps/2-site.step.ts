import { Injectable } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SiteInfo } from '../../sites/types/site.types.js';
import { SiteResolverService } from '../site/site-resolver.service.js';
import { GRAPHQL_ROUTES, OPERATIONS_ROUTES, SITE_FILE_ROUTES, SITE_GRAPHQL_PATH, urlSiteOf } from '../http/edge-routes.util.js';
import { isRejection, type EdgeRejection, type EdgeState } from '../types/edge.types.js';
import type { EdgeStep } from '../types/edge-step.types.js';

/**
 * 2. Site: which site a request is for, from the URL (`/sites/<site>/…`) or the `x-site-key` header,
 * worked out once; and which budget admits it. What it refuses, the budget step answers.
 */
@Injectable()
export class SiteStep implements EdgeStep {
  readonly name = 'site';

  constructor(private readonly sites: SiteResolverService) {}

  register(fastify: FastifyInstance) {
    fastify.decorateRequest('edge', undefined);
    fastify.addHook('onRequest', this.site);
  }

  private readonly site = (req: FastifyRequest, _reply: FastifyReply, done: (err?: Error) => void) => {
    this.resolve(req).then(() => done(), done);
  };

  private async resolve(req: FastifyRequest) {
    const route = req.routeOptions.url ?? '';
    const state: EdgeState = { addressed: false, cost: 0, budgetClass: 'anonymous' };
    req.edge = state;
    let found: SiteInfo | EdgeRejection | undefined;
    if (GRAPHQL_ROUTES.has(route)) {
      const urlSite = route === SITE_GRAPHQL_PATH ? urlSiteOf(req) : undefined;
      state.addressed = urlSite !== undefined;
      found = await this.sites.forGraphql(req, urlSite);
      state.keyId = this.sites.caller(req)?.keyId;
      if (state.keyId && !isRejection(found)) state.budgetClass = 'site';
    } else if (SITE_FILE_ROUTES.has(route) || route.startsWith('/preview/') || route.startsWith('/uniqueness/') || route.startsWith('/workbench/')) {
      state.addressed = true;
      found = await this.sites.fromUrl(urlSiteOf(req) ?? '');
    } else if (OPERATIONS_ROUTES.has(route)) {
      state.budgetClass = 'operations';
    }
    if (found && isRejection(found)) state.refused = found;
    else if (found) state.site = found;
  }
}
