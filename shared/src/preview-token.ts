import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Short-lived, site-bound tokens that let an editor see drafts through the gateway.
 * Format: `v1.<base64url(JSON payload)>.<base64url(HMAC-SHA256)>`. Signed by the CMS preview
 * handler, verified by the gateway; both read PREVIEW_SECRET.
 */
export const PREVIEW_TOKEN_MAX_TTL_SECONDS = 15 * 60;

export interface PreviewTokenPayload {
  /** Site slug the token is bound to. */
  site: string;
  /** Expiry, seconds since the epoch. */
  exp: number;
}

const sign = (secret: string, body: string) => createHmac('sha256', secret).update(body).digest('base64url');

export function signPreviewToken(secret: string, site: string, ttlSeconds = PREVIEW_TOKEN_MAX_TTL_SECONDS, now = Date.now()): string {
  const ttl = Math.min(Math.max(1, Math.floor(ttlSeconds)), PREVIEW_TOKEN_MAX_TTL_SECONDS);
  const body = Buffer.from(JSON.stringify({ site, exp: Math.floor(now / 1000) + ttl })).toString('base64url');
  return `v1.${body}.${sign(secret, `v1.${body}`)}`;
}

export type PreviewTokenCheck = { ok: true; payload: PreviewTokenPayload } | { ok: false; reason: 'malformed' | 'signature' | 'expired' };

export function verifyPreviewToken(secret: string, token: string, now = Date.now()): PreviewTokenCheck {
  const parts = typeof token === 'string' ? token.split('.') : [];
  if (parts.length !== 3 || parts[0] !== 'v1' || token.length > 1024) return { ok: false, reason: 'malformed' };
  const expected = Buffer.from(sign(secret, `v1.${parts[1]}`));
  const given = Buffer.from(parts[2]);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'signature' };
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  const p = payload as Partial<PreviewTokenPayload>;
  if (typeof p.site !== 'string' || typeof p.exp !== 'number') return { ok: false, reason: 'malformed' };
  const nowSeconds = Math.floor(now / 1000);
  // A token claiming a lifetime past the maximum was not made by us, whatever its signature says.
  if (p.exp <= nowSeconds || p.exp > nowSeconds + PREVIEW_TOKEN_MAX_TTL_SECONDS) return { ok: false, reason: 'expired' };
  return { ok: true, payload: { site: p.site, exp: p.exp } };
}
