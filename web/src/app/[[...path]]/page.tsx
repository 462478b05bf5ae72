import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { SitePage } from '../../components/pages/site-page';
import { currentSite } from '../../lib/content';
import { metadataOf } from '../../lib/metadata';
import { loadPageData } from '../../lib/page-data';
import { parseTarget } from '../../lib/routing';

/**
 * Every public page: `/`, `/<city>`, `/procedures/<procedure>`, `/<city>/<procedure>` and `/es/…`.
 * Rendered from the gateway on a miss of the front server's page cache (src/server), which keeps the result
 * until the gateway purges one of its facts. Old slugs are answered with 301 by src/proxy.ts before this runs.
 */
export const dynamic = 'force-dynamic';

interface Props {
  params: Promise<{ path?: string[] }>;
}

async function view(props: Props) {
  const target = parseTarget((await props.params).path);
  if (!target) notFound();
  const v = await loadPageData(target, await currentSite());
  if (!v) notFound();
  return v;
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  return metadataOf(await view(props));
}

export default async function Page(props: Props) {
  return <SitePage data={await view(props)} />;
}
