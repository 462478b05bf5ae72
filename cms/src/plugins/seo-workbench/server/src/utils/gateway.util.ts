import type { Core } from '@strapi/strapi';
import { signPreviewToken } from '@clinic/shared';
import { PREVIEW_TOKEN_TTL_SECONDS } from '../../../../../utils/preview';
import { secret } from '../../../../../utils/secrets';
import { PLUGIN } from './constants';

export interface WorkbenchConfig {
  /** Where this process reaches the gateway (GATEWAY_URL, as the webhook). */
  gatewayUrl: string;
  /** Where the editor's browser opens previews (the website's when WEB_PUBLIC_URL is set, as the preview button). */
  previewOrigin: string;
  timeoutMs: number;
}

export const workbenchConfig = (strapi: Core.Strapi): WorkbenchConfig => strapi.config.get(`plugin::${PLUGIN}`) as WorkbenchConfig;

/**
 * A site's preview token, minted as the preview button mints them: the gateway's editor endpoints (report,
 * uniqueness) accept only a token of the site in their URL, and the preview links carry the same one.
 */
export const sitePreviewToken = (slug: string): string => signPreviewToken(secret('PREVIEW_SECRET'), slug, PREVIEW_TOKEN_TTL_SECONDS);

/** The link to a page's preview on `site`, where the editor's browser opens previews. */
export const previewLink = (config: WorkbenchConfig, slug: string, path: string, token: string): string =>
  `${config.previewOrigin}/preview/${encodeURIComponent(slug)}${path}?token=${encodeURIComponent(token)}`;

export type GatewayAnswer = { reached: true; status: number; ok: boolean; body: any } | { reached: false };

/**
 * GET on the gateway within the plugin's timeout. An unreachable gateway is an answer too (`reached: false`, logged
 * without the URL, which holds a token): the editor is shown a reason, never a 500.
 */
export async function askGateway(strapi: Core.Strapi, config: WorkbenchConfig, pathAndQuery: string, what: string): Promise<GatewayAnswer> {
  let res: Response;
  try {
    res = await fetch(`${config.gatewayUrl}${pathAndQuery}`, { signal: AbortSignal.timeout(config.timeoutMs) });
  } catch (error) {
    strapi.log.warn(`[${PLUGIN}] gateway unreachable for ${what}: ${(error as Error).name}`);
    return { reached: false };
  }
  const body: any = await res.json().catch(() => null);
  return { reached: true, status: res.status, ok: res.ok, body };
}

export const GATEWAY_UNREACHABLE = 'The gateway could not be reached; try again in a moment.';
