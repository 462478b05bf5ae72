import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { GraphQLModule, GraphQLSchemaHost } from '@nestjs/graphql';
import type { ApolloDriver } from '@nestjs/apollo';
import type { ApolloServer } from '@apollo/server';
import type { GraphQLSchema } from 'graphql';
import type { GatewayContext } from '../../sites/types/site.types.js';

/**
 * The in-process GraphQL server and its schema, for the edge (which runs every operation itself, and
 * coerces variables against the schema to name cache entries). GraphQLModule builds both in its own
 * init hook and keeps its driver to itself; by bootstrap every init hook has run, so they are taken then.
 */
@Injectable()
export class GraphqlServerService implements OnApplicationBootstrap {
  private server: ApolloServer<GatewayContext> | undefined;
  private built: GraphQLSchema | undefined;

  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly schemaHost: GraphQLSchemaHost,
  ) {}

  onApplicationBootstrap() {
    this.built = this.schemaHost.schema;
    const graphql = this.moduleRef.get(GraphQLModule<ApolloDriver>, { strict: false });
    this.server = graphql.graphQlAdapter.instance as unknown as ApolloServer<GatewayContext>;
  }

  /** Undefined until the application has started. */
  get apollo(): ApolloServer<GatewayContext> | undefined {
    return this.server;
  }

  /** Undefined until the application has started. */
  get schema(): GraphQLSchema | undefined {
    return this.built;
  }
}
