import type { Metadata } from 'next';
import { notFound, unauthorized } from 'next/navigation';
import { previewSite } from '../../../../lib/content';
import { GatewayError } from '../../../../lib/gateway-client';
import { SitePage } from '../../../../components/pages/site-page';
import type { PreviewContext } from '../../../../lib/links';
import { metadataOf } from '../../../../lib/metadata';
import { loadPageData } from '../../../../lib/page-data';
import { parseTarget } from '../../../../lib/routing';

/**
 * Strapi's preview button lands here: `/preview/<site>/<site path>?token=<signed, site-bound token>`.
 * Same page as the public one, with the DRAFT content (the gateway checks the token). src/proxy.ts marks
 * the response `private, no-store` and `noindex`; the page shows a banner.
 */
export const dynamic = 'force-dynamic';

interface Props {
  params: Promise<{ site: string; path?: string[] }>;
  searchParams: Promise<{ token?: string | string[] }>;
}

/** Expiry shown in the banner; the token's payload is not secret (the gateway verifies its signature). */
function expiryOf(token: string): string | undefined {
  try {
    const { exp } = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { exp?: number };
    return typeof exp === 'number' ? `${new Date(exp * 1000).toISOString().slice(11, 16)} UTC` : undefined;
  } catch {
    return undefined;
  }
}

async function view(props: Props) {
  const { site: slug, path } = await props.params;
  const { token } = await props.searchParams;
  const site = previewSite(slug);
  const target = parseTarget(path);
  if (!site || !target) notFound();
  if (typeof token !== 'string' || !token) unauthorized();
  const preview: PreviewContext = { token, siteSlug: site.slug, expiresAt: expiryOf(token) };
  try {
    const v = await loadPageData(target, site, preview);
    if (!v) notFound();
    return { v, preview };
  } catch (e) {
    if (e instanceof GatewayError && e.code === 'PREVIEW_TOKEN_INVALID') unauthorized();
    throw e;
  }
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  const { v, preview } = await view(props);
  return metadataOf(v, preview);
}

export default async function PreviewPage(props: Props) {
  const { v, preview } = await view(props);
  return <SitePage data={v} preview={preview} />;
}
