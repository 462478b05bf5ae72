import type { Core } from '@strapi/strapi';
import { REDIRECTS_UPDATE_EVENT, WEBHOOK_EVENTS } from '@clinic/shared';
import { secret } from '../utils/secrets';

export const GATEWAY_WEBHOOK_NAME = 'gateway';
export const DEFAULT_GATEWAY_URL = 'http://127.0.0.1:4000';

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Ensures the "gateway" webhook that tells the gateway which cached pages to purge:
 * POST ${GATEWAY_URL}/webhooks/strapi with `Authorization: Bearer ${WEBHOOK_SECRET}`.
 * GATEWAY_WEBHOOK_ENABLED=false leaves webhooks alone.
 */
export async function ensureGatewayWebhook(strapi: Core.Strapi): Promise<void> {
  if ((process.env.GATEWAY_WEBHOOK_ENABLED ?? '').toLowerCase() === 'false') {
    strapi.log.info('[cms] gateway webhook provisioning skipped (GATEWAY_WEBHOOK_ENABLED=false)');
    return;
  }
  const base = (process.env.GATEWAY_URL?.trim() || DEFAULT_GATEWAY_URL).replace(/\/+$/, '');
  const desired = {
    name: GATEWAY_WEBHOOK_NAME,
    url: `${base}/webhooks/strapi`,
    headers: { Authorization: `Bearer ${secret('WEBHOOK_SECRET')}` },
    events: [...WEBHOOK_EVENTS],
    isEnabled: true,
  };

  const store = strapi.get('webhookStore');
  const runner = strapi.get('webhookRunner');
  // Our own event (one per change of a site's redirect table, a CSV import included): Strapi's store only
  // accepts events it was told of.
  store.addAllowedEvent('REDIRECTS_UPDATE', REDIRECTS_UPDATE_EVENT);
  const existing = (await store.findWebhooks()).find((webhook: any) => webhook.name === GATEWAY_WEBHOOK_NAME);

  if (!existing) {
    const created = await store.createWebhook(desired);
    runner.add(created);
    strapi.log.info(`[cms] webhook "gateway" created → ${desired.url}`);
    return;
  }
  const differs =
    existing.url !== desired.url || !sameJson(existing.headers, desired.headers) || !sameJson([...existing.events].sort(), [...desired.events].sort()) || existing.isEnabled !== true;
  if (differs) {
    const updated = await store.updateWebhook(existing.id, desired);
    if (updated) runner.update(updated);
    strapi.log.info(`[cms] webhook "gateway" updated → ${desired.url}`);
  }
}
