import { Injectable } from '@nestjs/common';
import { ErrorCode } from '../../common/errors/error-codes.js';
import { SITE_SERVER_KEY_HEADER, SiteServerKeysService } from '../../sites/services/site-server-keys.service.js';
import type { EdgeRejection } from '../types/edge.types.js';
import { budgetAddress, parseVisitorAddress } from './client-address.util.js';

export const VISITOR_IP_HEADER = 'x-visitor-ip';

type Headers = Record<string, string | string[] | undefined>;

/**
 * Who pays the per-client budgets. Normally the client address (the socket's, or the one TRUST_PROXY's
 * proxies name). A site's own server rendering for many visitors (its website) would spend one budget
 * for all of them, so with a server key of the request's site (`x-site-server-key`, never given to
 * browsers) it may name the visitor (`x-visitor-ip`), who then pays instead. Without a valid server key
 * `x-visitor-ip` means nothing: a browser holding the public site key cannot pick who pays.
 */
@Injectable()
export class BudgetClientService {
  constructor(private readonly serverKeys: SiteServerKeysService) {}

  /**
   * The budget address for a request to `site` from `ownAddress`, or why it is refused: a server key
   * that is not one of this site's (401), or a named visitor that is not an IP address (400). Requests
   * that are for no site (operations endpoints, unknown sites) have no server key to check: their
   * caller pays.
   */
  clientOf(headers: Headers, site: string | undefined, ownAddress: string): string | EdgeRejection {
    const serverKey = headers[SITE_SERVER_KEY_HEADER];
    if (serverKey === undefined || site === undefined) return budgetAddress(ownAddress);
    if (!this.serverKeys.validFor(serverKey, site)) {
      return { status: 401, code: ErrorCode.SERVER_KEY_INVALID, message: 'The x-site-server-key header is not a server key of this site' };
    }
    const visitor = headers[VISITOR_IP_HEADER];
    if (visitor === undefined) return budgetAddress(ownAddress);
    const address = parseVisitorAddress(visitor);
    if (!address) return { status: 400, code: ErrorCode.VISITOR_ADDRESS_INVALID, message: 'x-visitor-ip must be one IPv4 or IPv6 address' };
    return budgetAddress(address);
  }
}
