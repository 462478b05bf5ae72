import type { Core } from '@strapi/strapi';
import { secret } from '../utils/secrets';

export const GATEWAY_TOKEN_NAME = 'gateway';
const TOKEN_TYPE = 'read-only';

/**
 * Ensures a read-only content-API token named "gateway" whose key is STRAPI_TOKEN, so the gateway
 * and the CMS share one configured secret. Strapi generates random keys, so the token is created
 * normally and its stored hash (and the encrypted copy the admin can reveal) replaced by ours.
 * When STRAPI_TOKEN changes, the stored hash is updated on the next boot.
 */
export async function ensureGatewayApiToken(strapi: Core.Strapi): Promise<void> {
  const key = secret('STRAPI_TOKEN');
  const tokens = strapi.service('admin::api-token-content-api') ?? strapi.service('admin::api-token');
  const hash: string = tokens.hash(key);
  const encryptedKey: string | null = strapi.service('admin::encryption')?.encrypt(key) ?? null;

  const query = strapi.db.query('admin::api-token');
  const where = { name: GATEWAY_TOKEN_NAME, $or: [{ kind: 'content-api' }, { kind: { $null: true } }] };
  const existing = await query.findOne({ where, select: ['id', 'accessKey', 'type', 'expiresAt'] });

  if (!existing) {
    const created = await tokens.create({
      name: GATEWAY_TOKEN_NAME,
      description: 'Read-only token of the GraphQL gateway (key = STRAPI_TOKEN, managed on boot; rotate by changing STRAPI_TOKEN).',
      type: TOKEN_TYPE,
      lifespan: null,
    });
    await query.update({ where: { id: created.id }, data: { accessKey: hash, encryptedKey } });
    strapi.log.info('[cms] API token "gateway" created (read-only, key from STRAPI_TOKEN)');
    return;
  }

  const changes: Record<string, unknown> = {};
  if (existing.accessKey !== hash) Object.assign(changes, { accessKey: hash, encryptedKey });
  if (existing.type !== TOKEN_TYPE) changes.type = TOKEN_TYPE;
  if (existing.expiresAt) Object.assign(changes, { expiresAt: null, lifespan: null });
  if (Object.keys(changes).length > 0) {
    await query.update({ where: { id: existing.id }, data: changes });
    strapi.log.info(
      `[cms] API token "gateway" updated (${Object.keys(changes)
        .filter((k) => k !== 'encryptedKey')
        .join(', ')})`,
    );
  }
}
