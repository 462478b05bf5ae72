import type { Metadata } from 'next';

export const metadata: Metadata = { title: 'Preview link expired', robots: 'noindex, nofollow' };

/** A preview link without a valid token (HTTP 401). */
export default function Unauthorized() {
  return (
    <main id="main" className="wrap">
      <h1>This preview link is invalid or has expired</h1>
      <p>Open the preview again from the editor in Strapi: preview links work for 15 minutes.</p>
    </main>
  );
}
