import { Args, Context, Int, ResolveField, Resolver, Parent } from '@nestjs/graphql';
import type { GatewayContext } from '../../sites/types/site.types.js';
import { ContentService } from '../services/content.service.js';
import { Clinic, ClinicConnection, Location, Procedure } from '../models/content.model.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../utils/paginate.util.js';

/** A city's clinics and procedures load only when asked for, batched across cities. */
@Resolver(() => Location)
export class LocationResolver {
  constructor(private readonly content: ContentService) {}

  @ResolveField(() => [Clinic])
  clinics(@Parent() location: Location, @Context() ctx: GatewayContext) {
    return location.clinics ?? this.content.clinicsOf(ctx, location);
  }

  @ResolveField(() => ClinicConnection, { description: `The city's clinics, a page at a time (first ≤ ${MAX_PAGE_SIZE}).` })
  clinicsConnection(
    @Parent() location: Location,
    @Context() ctx: GatewayContext,
    @Args('first', { type: () => Int, defaultValue: DEFAULT_PAGE_SIZE }) first: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ) {
    return this.content.clinicsPage(ctx, location, first, after ?? undefined);
  }

  @ResolveField(() => [Procedure])
  procedures(@Parent() location: Location, @Context() ctx: GatewayContext) {
    return location.procedures ?? this.content.proceduresOf(ctx, location);
  }
}
