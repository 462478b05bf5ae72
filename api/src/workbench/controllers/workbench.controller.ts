import { Controller, Get, HttpException, Inject, Param, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { LOCALES, verifyPreviewToken } from '@clinic/shared';
import type { AppConfig } from '../../config/app-config.schema.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { ErrorCode } from '../../common/errors/error-codes.js';
import { WorkbenchReportService } from '../services/workbench-report.service.js';
import { WORKBENCH_TYPES } from '../types/workbench-report.types.js';

const fail = (status: number, code: ErrorCode, message: string) => new HttpException({ errors: [{ message, extensions: { code } }] }, status);

const reportQuery = z.object({
  token: z.string().max(1024),
  type: z.enum(WORKBENCH_TYPES),
  documentId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  locale: z.enum(LOCALES).optional(),
});

/**
 * The SEO workbench (the Strapi plugin `seo-workbench`): `GET /workbench/<site>/report?token=…&type=…
 * &documentId=…[&locale=…]` answers, for one document, every page of that site it appears on as the
 * gateway composes it from drafts, with checks. The token is the site-bound preview token Strapi's
 * preview button carries; the answer is the editor's, never cached nor indexed.
 */
@Controller('workbench')
export class WorkbenchController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly reports: WorkbenchReportService,
  ) {}

  @Get(':site/report')
  async report(@Param('site') siteSlug: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    const raw = (req.query ?? {}) as Record<string, unknown>;
    // The token first: without one of this site's tokens, nothing about the request is answered.
    const token = typeof raw.token === 'string' ? raw.token : '';
    const check = verifyPreviewToken(this.config.PREVIEW_SECRET, token);
    // The edge's site step resolved the site from the URL (and answered 404 for an unknown one).
    const site = req.edge?.site;
    if (!check.ok || !site || site.slug !== siteSlug || check.payload.site !== site.slug) {
      throw fail(401, ErrorCode.PREVIEW_TOKEN_INVALID, 'The preview token is invalid, expired or for another site; reopen the panel in Strapi');
    }
    const parsed = reportQuery.safeParse(raw);
    if (!parsed.success) {
      const where = parsed.error.issues.map((i) => i.path.join('.') || 'query').join(', ');
      throw fail(400, ErrorCode.BAD_REQUEST, `Bad ${where}: type is one of ${WORKBENCH_TYPES.join(', ')}, documentId a Strapi document id, locale one of ${LOCALES.join(', ')}`);
    }
    const { type, documentId, locale } = parsed.data;
    const report = await this.reports.report(site, { type, documentId, locale });
    return reply
      .code(200)
      .header('content-type', 'application/json; charset=utf-8')
      .header('cache-control', 'private, no-store')
      .header('x-cache', 'BYPASS')
      .header('x-robots-tag', 'noindex')
      .send(JSON.stringify(report));
  }
}
