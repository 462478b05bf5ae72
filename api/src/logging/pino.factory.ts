import { pino, type DestinationStream, type Logger as PinoLogger } from 'pino';
import type { AppConfig } from '../config/app-config.schema.js';

/** Headers that carry credentials: never written, wherever they appear in a log object. */
export const SECRET_HEADERS = ['authorization', 'x-site-key', 'x-site-server-key', 'x-preview-token', 'cookie', 'set-cookie', 'proxy-authorization'];

const REDACT_PATHS = [
  ...SECRET_HEADERS.flatMap((h) => [`req.headers["${h}"]`, `headers["${h}"]`, `request.headers["${h}"]`]),
  'token',
  'secret',
  'password',
  'siteKey',
  'previewToken',
  '*.token',
  '*.secret',
  '*.password',
  '*.siteKey',
  '*.previewToken',
];

/**
 * The gateway's structured logger: one JSON object per line on stdout (or `destination`), level from
 * LOG_LEVEL, credentials redacted. Log objects carry `reqId` and `site` when they concern a request.
 */
export function createPinoLogger(config: Pick<AppConfig, 'LOG_LEVEL' | 'NODE_ENV'>, destination?: DestinationStream): PinoLogger {
  const options = {
    level: config.LOG_LEVEL,
    base: { service: 'clinic-gateway', env: config.NODE_ENV },
    messageKey: 'msg',
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
  };
  return destination ? pino(options, destination) : pino(options);
}
