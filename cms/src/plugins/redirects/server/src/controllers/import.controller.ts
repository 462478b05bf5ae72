import { readFile } from 'node:fs/promises';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { ImportRefused } from '../services/import.service';

/** A CSV of 100,000 rows of 300-character paths stays under this. */
const MAX_FILE_BYTES = 64 * 1024 * 1024;

/**
 * POST /redirects/import (admin API, multipart): `file` (the CSV), `site` (slug or document id), `replace`
 * ("true": the file replaces the site's redirects). 200 with the count written, or 422 with the row errors
 * and nothing written.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async import(ctx: any) {
    const body = ctx.request.body ?? {};
    const file = ctx.request.files?.file;
    const site = body.site;
    if (typeof site !== 'string' || !site.trim()) throw new errors.ValidationError('site is required (its slug or document id)');
    if (!file || Array.isArray(file)) throw new errors.ValidationError('file is required: one CSV file with the columns from,to,status');
    if (file.size > MAX_FILE_BYTES) throw new errors.PayloadTooLargeError(`the file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB`);
    const csv = await readFile(file.filepath ?? file.path, 'utf8');
    try {
      const result = await strapi
        .plugin('redirects')
        .service('import')
        .importCsv({ site: site.trim(), csv, replace: body.replace === 'true' || body.replace === true });
      ctx.status = result.ok ? 200 : 422;
      ctx.body = { data: result };
    } catch (e) {
      if (e instanceof ImportRefused) throw new errors.ValidationError(e.message);
      throw e;
    }
  },
});
