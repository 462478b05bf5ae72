import { Injectable } from '@nestjs/common';
import { ErrorCode } from '../../common/errors/error-codes.js';
import { OperationService, type PreparedOperation } from '../request/operation.service.js';
import { BadGraphqlRequest, readOperation } from '../request/operation-key.util.js';
import { sendRejection } from '../http/rejection.util.js';
import { isRejection, type EdgeRejection } from '../types/edge.types.js';
import type { EdgeStep, GraphqlCall } from '../types/edge-step.types.js';

/**
 * 5. Request: what the caller sent made into one operation the gateway will run (document from text,
 * trusted documents or APQ; read-only; declared variables only), with its cache key — or refused.
 */
@Injectable()
export class RequestStep implements EdgeStep {
  readonly name = 'request';

  constructor(private readonly operations: OperationService) {}

  run(call: GraphqlCall): boolean {
    let prepared: PreparedOperation | EdgeRejection;
    try {
      prepared = this.operations.prepare(call.site.slug, readOperation(call.source, call.isGet), call.isGet);
    } catch (e) {
      if (!(e instanceof BadGraphqlRequest)) throw e;
      prepared = { status: 400, code: ErrorCode.BAD_REQUEST, message: e.message };
    }
    if (isRejection(prepared)) {
      void sendRejection(call.reply, prepared);
      return true;
    }
    call.prepared = prepared;
    return false;
  }
}
