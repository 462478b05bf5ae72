import { Module } from '@nestjs/common';
import { SeoService } from './services/seo.service.js';

/** SEO payloads of pages (titles, canonicals, hreflang, JSON-LD): a leaf, used by ContentService. */
@Module({ providers: [SeoService], exports: [SeoService] })
export class SeoModule {}
