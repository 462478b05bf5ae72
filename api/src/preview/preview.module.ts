import { Module } from '@nestjs/common';
import { ContentModule } from '../content/content.module.js';
import { PreviewController } from './controllers/preview.controller.js';

@Module({ imports: [ContentModule], controllers: [PreviewController] })
export class PreviewModule {}
