import { Global, Module } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.schema.js';
import { APP_CONFIG } from '../config/config.module.js';
import { createPinoLogger } from './pino.factory.js';
import { PINO, RequestLoggerService } from './services/request-logger.service.js';

/** Structured request logs (pino). Nest's own logs go through `PinoLoggerService`, set up in app.ts. */
@Global()
@Module({
  providers: [{ provide: PINO, inject: [APP_CONFIG], useFactory: (config: AppConfig) => createPinoLogger(config) }, RequestLoggerService],
  exports: [PINO, RequestLoggerService],
})
export class LoggingModule {}
