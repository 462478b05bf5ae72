import { Module } from '@nestjs/common';
import { ContentModule } from '../content/content.module.js';
import { SitesModule } from '../sites/sites.module.js';
import { PreviewController } from './controllers/preview.controller.js';

@Module({ imports: [ContentModule, SitesModule], controllers: [PreviewController] })
export class PreviewModule {}
