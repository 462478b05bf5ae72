import { Module } from '@nestjs/common';
import { StrapiHttpService } from './services/strapi-http.service.js';

@Module({ providers: [StrapiHttpService], exports: [StrapiHttpService] })
export class StrapiModule {}
