import { Global, Module } from '@nestjs/common';
import { RateLimitHook } from './rate-limit.hook.js';
import { RateLimiterService } from './services/rate-limiter.service.js';

@Global()
@Module({ providers: [RateLimiterService, RateLimitHook], exports: [RateLimiterService, RateLimitHook] })
export class RateLimitModule {}
