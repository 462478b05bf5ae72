/**
 * Headers every response carries. The gateway serves JSON and XML to machines; nothing of it should be
 * framed, sniffed or leak a referrer. GraphiQL (development only) needs scripts, so its page is exempt
 * from the CSP; the draft preview sets its own (the Strapi admin frames it).
 */
export function securityHeaders(isProduction: boolean): Record<string, string> {
  return {
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'x-dns-prefetch-control': 'off',
    ...(isProduction ? { 'strict-transport-security': 'max-age=31536000; includeSubDomains' } : {}),
  };
}

export const API_CSP = "default-src 'none'; frame-ancestors 'none'";
