import { Context, ResolveField, Resolver, Parent } from '@nestjs/graphql';
import type { GatewayContext } from '../../sites/types/site.types.js';
import { ContentService } from '../services/content.service.js';
import { Clinic, Location, Procedure } from '../models/content.model.js';

/** A city's clinics and procedures load only when asked for, batched across cities. */
@Resolver(() => Location)
export class LocationResolver {
  constructor(private readonly content: ContentService) {}

  @ResolveField(() => [Clinic])
  clinics(@Parent() location: Location, @Context() ctx: GatewayContext) {
    return location.clinics ?? this.content.clinicsOf(ctx, location);
  }

  @ResolveField(() => [Procedure])
  procedures(@Parent() location: Location, @Context() ctx: GatewayContext) {
    return location.procedures ?? this.content.proceduresOf(ctx, location);
  }
}
