import type { LoggerService, LogLevel } from '@nestjs/common';
import type { Logger as PinoLogger } from 'pino';

/**
 * Nest's LoggerService backed by pino, so that Nest's own messages (bootstrap, route mapping,
 * `new Logger(ctx).warn(…)` in services, unhandled exceptions) are JSON lines like the request logs.
 * Nest calls: `log(message, context?)`, `error(message, stack?, context?)`, …
 */
export class PinoLoggerService implements LoggerService {
  constructor(readonly pino: PinoLogger) {}

  log(message: unknown, ...rest: unknown[]) {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]) {
    this.write('error', message, rest, true);
  }
  warn(message: unknown, ...rest: unknown[]) {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]) {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]) {
    this.write('trace', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]) {
    this.write('fatal', message, rest, true);
  }

  setLogLevels(_levels: LogLevel[]) {
    // LOG_LEVEL decides (pino's level); Nest's per-level switches are not used.
  }

  private write(level: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace', message: unknown, rest: unknown[], withStack = false) {
    if (!this.pino.isLevelEnabled(level)) return;
    const args = [...rest];
    // Nest passes the context (a string) last.
    const context = args.length && typeof args[args.length - 1] === 'string' ? (args.pop() as string) : undefined;
    const fields: Record<string, unknown> = context ? { context } : {};
    if (withStack && typeof args[0] === 'string' && args[0].includes('\n')) fields.stack = args.shift();
    if (message instanceof Error) {
      fields.err = message;
      this.pino[level](fields, message.message);
    } else if (typeof message === 'object' && message !== null) {
      this.pino[level]({ ...fields, ...(message as Record<string, unknown>) });
    } else {
      this.pino[level](fields, String(message));
    }
  }
}
