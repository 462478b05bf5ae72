import { Injectable } from '@nestjs/common';
import { PREVIEW_TOKEN_HEADER, SiteContextService } from '../../sites/services/site-context.service.js';
import { sendRejection } from '../http/rejection.util.js';
import type { EdgeStep, GraphqlCall } from '../types/edge-step.types.js';

/** 4. Preview: a valid `x-preview-token` of the request's site runs the operation on drafts, never cached. */
@Injectable()
export class PreviewStep implements EdgeStep {
  readonly name = 'preview';

  constructor(private readonly siteContext: SiteContextService) {}

  run(call: GraphqlCall): boolean {
    const token = call.req.headers[PREVIEW_TOKEN_HEADER];
    if (token === undefined) return false;
    const check = this.siteContext.checkPreview(token, call.site);
    if (!check.ok) {
      void sendRejection(call.reply, check);
      return true;
    }
    call.preview = true;
    return false;
  }
}
