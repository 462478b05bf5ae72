import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { currentSite } from '../../lib/content';
import { loadView, metadataOf, parseTarget, SitePageView } from '../../lib/site-page';

/**
 * Every public page: `/`, `/<city>`, `/procedures/<procedure>`, `/<city>/<procedure>` and `/es/…`.
 * Rendered per request from the gateway (whose cache makes that a HIT): a publish shows on the next request.
 * Old slugs are answered with 301 by src/proxy.ts before this runs.
 */
export const dynamic = 'force-dynamic';

interface Props {
  params: Promise<{ path?: string[] }>;
}

async function view(props: Props) {
  const target = parseTarget((await props.params).path);
  if (!target) notFound();
  const v = await loadView(target, await currentSite());
  if (!v) notFound();
  return v;
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  return metadataOf(await view(props));
}

export default async function Page(props: Props) {
  return <SitePageView view={await view(props)} />;
}
