import type { Metadata, Viewport } from 'next';
import { headers } from 'next/headers';
import type { ReactNode } from 'react';
import './globals.css';

export const metadata: Metadata = { formatDetection: { telephone: false } };
export const viewport: Viewport = { width: 'device-width', initialScale: 1, themeColor: '#0b4f6c' };

/** The page's language comes from its URL (/es/…); src/proxy.ts passes it on as x-page-locale. */
export default async function RootLayout({ children }: { children: ReactNode }) {
  const lang = (await headers()).get('x-page-locale') === 'es' ? 'es' : 'en';
  return (
    <html lang={lang}>
      <body>{children}</body>
    </html>
  );
}
