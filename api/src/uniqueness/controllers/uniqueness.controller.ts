import { Controller, Get, HttpException, Inject, Param, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { LOCALES, type Locale, isValidSlug, verifyPreviewToken } from '@clinic/shared';
import type { AppConfig } from '../../config/app-config.schema.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { ErrorCode } from '../../common/errors/error-codes.js';
import { UniquenessService } from '../services/uniqueness.service.js';

const fail = (status: number, code: ErrorCode, message: string) => new HttpException({ errors: [{ message, extensions: { code } }] }, status);

/**
 * The editors' view of the uniqueness guard (the CMS's SEO workbench calls it): a site's landing pages weakest
 * first, or one page. Guarded like the draft preview (a short-lived token bound to the site) and never cached:
 * scores are not public.
 */
@Controller('uniqueness')
export class UniquenessController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly uniqueness: UniquenessService,
  ) {}

  @Get(':site')
  async list(@Param('site') slug: string, @Query() query: Record<string, unknown>, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    const site = this.authorize(slug, query, req);
    return this.send(reply, await this.uniqueness.list(site.slug, localeOf(query)));
  }

  @Get(':site/page')
  async page(@Param('site') slug: string, @Query() query: Record<string, unknown>, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    const site = this.authorize(slug, query, req);
    const procedure = slugParam(query, 'procedure');
    const city = slugParam(query, 'city');
    const entry = await this.uniqueness.page(site.slug, localeOf(query), procedure, city);
    if (!entry) throw fail(404, ErrorCode.NOT_FOUND, 'This site has no published landing page for that procedure, city and locale');
    return this.send(reply, entry);
  }

  private authorize(slug: string, query: Record<string, unknown>, req: FastifyRequest) {
    const token = typeof query.token === 'string' ? query.token : '';
    const check = verifyPreviewToken(this.config.PREVIEW_SECRET, token);
    // The edge's site step resolved the site from the URL (and answered 404 for an unknown one).
    const site = req.edge?.site;
    if (!check.ok || !site || site.slug !== slug || check.payload.site !== site.slug) {
      throw fail(401, ErrorCode.PREVIEW_TOKEN_INVALID, 'The token is invalid, expired or for another site; open the SEO panel again from Strapi');
    }
    return site;
  }

  private send(reply: FastifyReply, body: unknown) {
    return reply.code(200).header('content-type', 'application/json; charset=utf-8').header('cache-control', 'private, no-store').header('x-cache', 'BYPASS').send(JSON.stringify(body));
  }
}

function localeOf(query: Record<string, unknown>): Locale {
  const value = query.locale ?? 'en';
  if (typeof value !== 'string' || !(LOCALES as readonly string[]).includes(value)) {
    throw fail(400, ErrorCode.BAD_REQUEST, `locale must be one of ${LOCALES.join(', ')}`);
  }
  return value as Locale;
}

function slugParam(query: Record<string, unknown>, name: string): string {
  const value = query[name];
  if (typeof value !== 'string' || !isValidSlug(value)) throw fail(400, ErrorCode.BAD_REQUEST, `${name} must be a slug`);
  return value;
}
