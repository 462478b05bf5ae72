import { Module } from '@nestjs/common';
import { RedisConnectionService } from './services/redis-connection.service.js';

/** The gateway's one Redis connection: the shared cache tier, budgets, catalogue sync, metrics and health use it. */
@Module({ providers: [RedisConnectionService], exports: [RedisConnectionService] })
export class RedisModule {}
