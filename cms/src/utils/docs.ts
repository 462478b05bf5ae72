import type { Core } from '@strapi/strapi';

/**
 * Untyped access to the Document Service. Our UIDs come from @clinic/shared as plain strings (shared cannot
 * see the CMS's generated typings in types/generated), so the generic signatures add nothing here.
 */
export type DocumentApi = {
  findOne(params: Record<string, unknown>): Promise<any>;
  findFirst(params?: Record<string, unknown>): Promise<any>;
  findMany(params?: Record<string, unknown>): Promise<any[]>;
  count(params?: Record<string, unknown>): Promise<number>;
  create(params: Record<string, unknown>): Promise<any>;
  update(params: Record<string, unknown>): Promise<any>;
  delete(params: Record<string, unknown>): Promise<any>;
  publish(params: Record<string, unknown>): Promise<any>;
  unpublish(params: Record<string, unknown>): Promise<any>;
};

export const docs = (strapi: Core.Strapi, uid: string): DocumentApi => strapi.documents(uid as any) as unknown as DocumentApi;
