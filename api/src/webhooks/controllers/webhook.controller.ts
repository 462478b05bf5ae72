import { Body, Controller, Headers, HttpCode, HttpException, Inject, Post } from '@nestjs/common';
import type { AppConfig } from '../../config/app-config.schema.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { ErrorCode } from '../../common/errors/error-codes.js';
import { constantTimeEqual } from '../../common/utils/hash.util.js';
import { isUpstreamUnavailable } from '../../strapi/services/strapi-http.service.js';
import { InvalidWebhookPayload, WebhookService } from '../services/webhook.service.js';

/** `POST /webhooks/strapi` with `Authorization: Bearer <WEBHOOK_SECRET>` (Strapi webhooks are not signed). */
@Controller('webhooks')
export class WebhookController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly webhooks: WebhookService,
  ) {}

  @Post('strapi')
  @HttpCode(200)
  async strapi(@Headers('authorization') authorization: string | undefined, @Body() body: unknown) {
    const presented = typeof authorization === 'string' && authorization.startsWith('Bearer ') ? authorization.slice(7) : '';
    if (!constantTimeEqual(presented, this.config.WEBHOOK_SECRET)) {
      throw new HttpException({ errors: [{ message: 'Invalid webhook secret', extensions: { code: ErrorCode.UNAUTHENTICATED } }] }, 401);
    }
    try {
      return await this.webhooks.handle(body);
    } catch (e) {
      if (e instanceof InvalidWebhookPayload) {
        throw new HttpException({ errors: [{ message: e.message, extensions: { code: ErrorCode.BAD_REQUEST } }] }, 400);
      }
      // Strapi could not be read back: its fault, not the caller's, and reconciliation catches up.
      if (isUpstreamUnavailable(e)) {
        throw new HttpException({ errors: [{ message: 'The content service is unavailable; try again shortly', extensions: { code: ErrorCode.UPSTREAM_UNAVAILABLE } }] }, 503);
      }
      throw e;
    }
  }
}
