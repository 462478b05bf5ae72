import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { strings } from '../lib/i18n';

export const metadata: Metadata = { title: 'Page not found', robots: 'noindex, follow' };

export default async function NotFound() {
  const locale = (await headers()).get('x-page-locale') === 'es' ? 'es' : 'en';
  const t = strings(locale);
  return (
    <main id="main" className="wrap">
      <h1>{t.notFound}</h1>
      <p>{t.notFoundText}</p>
      <p>
        <a href={locale === 'es' ? '/es' : '/'}>{t.backHome}</a>
      </p>
    </main>
  );
}
