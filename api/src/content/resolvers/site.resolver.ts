import { Context, ResolveField, Resolver } from '@nestjs/graphql';
import type { GatewayContext } from '../../sites/types/site.types.js';
import { ContentService } from '../services/content.service.js';
import { Organization, Site } from '../models/content.model.js';

/** The site's organization resolves only when asked for: every page names the site, few show the group. */
@Resolver(() => Site)
export class SiteResolver {
  constructor(private readonly content: ContentService) {}

  @ResolveField(() => Organization)
  organization(@Context() ctx: GatewayContext): Organization {
    return this.content.organization(ctx);
  }
}
