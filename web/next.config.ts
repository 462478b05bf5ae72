import type { NextConfig } from 'next';

const config: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // Next compresses what it serves itself (CSS, the icon); pages are rendered for the front server with
  // `accept-encoding: identity`, which compresses each stored page once per encoding.
  compress: true,
  // Metadata in <head> for every client, never streamed into <body>: pages are rendered once and kept for all.
  htmlLimitedBots: /.*/,
  // The site shows no optimised images; the front server does not expose /_next/image either.
  images: { unoptimized: true },
  // unauthorized() for preview links without a valid token (401 instead of a misleading 404).
  experimental: { authInterrupts: true },
  async headers() {
    return [
      {
        // Not the preview pages: Strapi frames those (src/proxy.ts sets their frame-ancestors).
        source: '/((?!preview/).*)',
        headers: [
          { key: 'x-content-type-options', value: 'nosniff' },
          { key: 'referrer-policy', value: 'strict-origin-when-cross-origin' },
          { key: 'x-frame-options', value: 'SAMEORIGIN' },
        ],
      },
    ];
  },
};

export default config;
