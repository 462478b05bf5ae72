import { Module } from '@nestjs/common';
import { ContentModule } from '../content/content.module.js';
import { SitesModule } from '../sites/sites.module.js';
import { StrapiModule } from '../strapi/strapi.module.js';
import { UniquenessModule } from '../uniqueness/uniqueness.module.js';
import { WorkbenchController } from './controllers/workbench.controller.js';
import { WorkbenchReportService } from './services/workbench-report.service.js';

/** The editors' SEO workbench: each page a document appears on, as composed from drafts, with checks (never cached). */
@Module({ imports: [ContentModule, SitesModule, StrapiModule, UniquenessModule], controllers: [WorkbenchController], providers: [WorkbenchReportService] })
export class WorkbenchModule {}
