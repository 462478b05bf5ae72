import { Controller, Get, HttpException, Param, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { parseSitePath, pathOf, verifyPreviewToken } from '@clinic/shared';
import { Inject } from '@nestjs/common';
import type { AppConfig } from '../../config/app-config.schema.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { ErrorCode } from '../../common/errors/error-codes.js';
import { ContentService } from '../../content/services/content.service.js';
import { SiteContextService } from '../../sites/services/site-context.service.js';
import { renderPreview, type PreviewPage } from '../utils/preview-html.util.js';

const fail = (status: number, code: ErrorCode, message: string) => new HttpException({ errors: [{ message, extensions: { code } }] }, status);

/**
 * Where Strapi's preview button lands: `/preview/<site>/<site path>?token=…` renders the DRAFT of that
 * page as plain HTML for the editor. Never cached, never indexed, only with a valid site-bound token.
 */
@Controller('preview')
export class PreviewController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sites: SiteContextService,
    private readonly content: ContentService,
  ) {}

  @Get(':site/*')
  async page(@Param('site') siteSlug: string, @Query('token') token: string | undefined, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    const rest = (req.params as Record<string, string>)['*'] ?? '';
    const check = verifyPreviewToken(this.config.PREVIEW_SECRET, typeof token === 'string' ? token : '');
    // The edge's site step resolved the site from the URL (and answered 404 for an unknown one).
    const site = req.edge?.site;
    if (!check.ok || !site || site.slug !== siteSlug || check.payload.site !== site.slug) {
      throw fail(401, ErrorCode.PREVIEW_TOKEN_INVALID, 'The preview link is invalid or expired; open the preview again from Strapi');
    }
    const target = parseSitePath(rest);
    if (!target) throw fail(404, ErrorCode.NOT_FOUND, 'No such page');

    const { locale } = target;
    const ctx = await this.sites.createPreviewContext(site);
    const base = { siteName: site.name, path: pathOf(target), expiresAt: new Date(check.payload.exp * 1000) };
    let page: PreviewPage | undefined;
    if (target.page === 'procedure') {
      const p = await this.content.procedure(ctx, target.procedure, locale);
      if (p) {
        page = {
          ...base,
          title: p.seo.title,
          description: p.seo.description,
          h1: p.title,
          intro: p.summary,
          sections: [
            { heading: 'About', body: p.body },
            ...p.steps.map((s) => ({ heading: s.title, body: s.body })),
            { heading: 'Benefits', body: p.benefits },
            { heading: 'Risks', body: p.risks },
            { heading: 'Recovery', body: p.recovery },
          ],
          faqs: p.faqs,
        };
      }
    } else if (target.page === 'location') {
      const l = await this.content.location(ctx, target.city, locale);
      if (l) page = { ...base, title: l.seo.title, description: l.seo.description, h1: `${l.city}, ${l.state}`, intro: l.intro, clinics: await this.content.clinicsOf(ctx, l) };
    } else if (target.page === 'clinic') {
      const cp = await this.content.clinicPage(ctx, target.clinic, locale);
      if (cp) page = { ...base, title: cp.seo.title, description: cp.seo.description, h1: cp.clinic.name, intro: `${cp.location.city}, ${cp.location.state}`, clinics: [cp.clinic] };
    } else {
      const lp = await this.content.landingPage(ctx, target.procedure, target.city, locale);
      if (lp) page = { ...base, title: lp.title, description: lp.seo.description, h1: lp.h1, intro: lp.intro, clinics: lp.clinics, faqs: lp.faqs };
    }
    if (!page) throw fail(404, ErrorCode.NOT_FOUND, 'No draft or published page at this path for this site');
    return reply
      .code(200)
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'private, no-store')
      .header('x-cache', 'BYPASS')
      .header('content-security-policy', `default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self' ${this.config.CMS_PUBLIC_URL}`)
      .send(renderPreview(page));
  }
}
