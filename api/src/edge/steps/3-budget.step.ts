import { Injectable } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { BudgetService } from '../budget/budget.service.js';
import { BudgetClientService } from '../budget/budget-client.service.js';
import { budgetAddress } from '../budget/client-address.util.js';
import { sendRejection } from '../http/rejection.util.js';
import type { EdgeRejection, EdgeState } from '../types/edge.types.js';
import type { EdgeStep } from '../types/edge-step.types.js';

/**
 * 3. Budget: who pays (the client, or the visitor a site's server names with its server key).
 * Anonymous and operations callers pay per request here; keyed callers are admitted where work needs
 * Strapi (steps 6–7) and charged after the answer by what it cost (step 0; nothing for a hit).
 */
@Injectable()
export class BudgetStep implements EdgeStep {
  readonly name = 'budget';

  constructor(
    private readonly budget: BudgetService,
    private readonly clients: BudgetClientService,
  ) {}

  register(fastify: FastifyInstance) {
    fastify.addHook('onRequest', this.admit);
  }

  private readonly admit = (req: FastifyRequest, reply: FastifyReply, done: () => void) => {
    const rejection = this.rejection(req, req.edge!);
    if (rejection) void sendRejection(reply, rejection);
    else done();
  };

  private rejection(req: FastifyRequest, state: EdgeState): EdgeRejection | undefined {
    const client = this.clients.clientOf(req.headers, state.site?.slug, req.ip);
    if (typeof client !== 'string') {
      // A wrong server key pays like a wrong site key: guessing meets 429, not endless 401s.
      state.client = budgetAddress(req.ip);
      return this.budget.admit('anonymous', state.client) ?? client;
    }
    state.client = client;
    // A keyed caller is admitted where work beyond a hit begins: hits are free.
    // Everyone else pays here, before anything else; a caller guessing keys meets 429, not endless 401s.
    const limited = state.budgetClass === 'site' ? undefined : this.budget.admit(state.budgetClass, client, state.keyId);
    return limited ?? state.refused;
  }
}
