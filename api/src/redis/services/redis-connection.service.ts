import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { Redis } from 'ioredis';
import type { AppConfig } from '../../config/app-config.schema.js';
import { APP_CONFIG } from '../../config/config.module.js';

export type RedisState = 'disabled' | 'connecting' | 'ready' | 'down';

/**
 * Redis, when REDIS_URL is set: one command connection and one subscriber. Commands fail fast while
 * Redis is down (no offline queue), so callers fall back to L1 and Strapi instead of waiting; the
 * client reconnects by itself, and each state change is logged once.
 */
@Injectable()
export class RedisConnectionService implements OnModuleDestroy {
  private readonly logger = new Logger('Redis');
  readonly client: Redis | undefined;
  readonly subscriber: Redis | undefined;
  state: RedisState = 'disabled';
  private readonly listeners: Array<(state: RedisState) => void> = [];

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    if (!config.REDIS_URL) return;
    const options = {
      lazyConnect: false,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      connectTimeout: 1000,
      commandTimeout: 500,
      retryStrategy: (times: number) => Math.min(100 * 2 ** Math.min(times, 5), 2000),
    };
    this.state = 'connecting';
    this.client = new Redis(config.REDIS_URL, options);
    // The subscriber queues its SUBSCRIBE until connected; ioredis re-subscribes after reconnects.
    this.subscriber = new Redis(config.REDIS_URL, { ...options, enableOfflineQueue: true, commandTimeout: undefined });
    this.client.on('ready', () => this.setState('ready'));
    this.client.on('error', () => this.setState('down'));
    this.client.on('end', () => this.setState('down'));
    this.client.on('close', () => this.state === 'ready' && this.setState('down'));
    this.subscriber.on('error', () => undefined); // state is tracked on the command connection
  }

  get ready(): boolean {
    return this.state === 'ready';
  }

  onState(listener: (state: RedisState) => void) {
    this.listeners.push(listener);
  }

  async ping(): Promise<boolean> {
    if (!this.client || !this.ready) return false;
    try {
      return (await this.client.ping()) === 'PONG';
    } catch {
      return false;
    }
  }

  async onModuleDestroy() {
    await Promise.all(
      [this.client, this.subscriber].map(async (c) => {
        if (!c) return;
        try {
          await c.quit();
        } catch {
          c.disconnect();
        }
      }),
    );
  }

  private setState(state: RedisState) {
    if (state === this.state) return;
    const previous = this.state;
    this.state = state;
    if (state === 'ready') this.logger.log(previous === 'down' ? 'Redis reconnected' : 'Redis connected');
    else if (state === 'down') this.logger.warn('Redis unreachable: serving from L1 and Strapi until it returns');
    for (const l of this.listeners) l(state);
  }
}
