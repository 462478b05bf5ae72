import { Module } from '@nestjs/common';
import { UniquenessModule } from '../uniqueness/uniqueness.module.js';
import { SeoModule } from '../seo/seo.module.js';
import { ContentResolver } from './resolvers/content.resolver.js';
import { LocationResolver } from './resolvers/location.resolver.js';
import { SiteResolver } from './resolvers/site.resolver.js';
import { ContentService } from './services/content.service.js';

@Module({
  imports: [SeoModule, UniquenessModule],
  providers: [ContentService, ContentResolver, LocationResolver, SiteResolver],
  exports: [ContentService],
})
export class ContentModule {}
