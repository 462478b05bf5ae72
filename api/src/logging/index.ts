export { createPinoLogger, SECRET_HEADERS } from './pino.factory.js';
export { PinoLoggerService } from './services/pino-logger.service.js';
export { LoggingModule } from './logging.module.js';
export { PINO } from './services/request-logger.service.js';
export { operationName, requestId } from './utils/request-info.js';

import type { LoggerService } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.schema.js';
import { createPinoLogger } from './pino.factory.js';
import { PinoLoggerService } from './services/pino-logger.service.js';

/** The logger option for NestFactory.create: pino JSON, or nothing at all when LOG_LEVEL=silent. */
export function nestLogger(config: Pick<AppConfig, 'LOG_LEVEL' | 'NODE_ENV'>): LoggerService | false {
  return config.LOG_LEVEL === 'silent' ? false : new PinoLoggerService(createPinoLogger(config));
}
