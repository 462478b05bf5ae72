import { Global, Module } from '@nestjs/common';
import { StrapiHttpService } from './services/strapi-http.service.js';

@Global()
@Module({ providers: [StrapiHttpService], exports: [StrapiHttpService] })
export class StrapiModule {}
