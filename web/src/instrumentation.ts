import { checkSites } from './lib/sites';

/**
 * Next runs this before the server's first request: with a missing or malformed SITES, or one of
 * `.env.example`'s development keys, the site serves nothing (500) and logs why, naming the host, never the key. `next start` always runs
 * with NODE_ENV=production, so the dev keys need an explicit SITES_ALLOW_DEV_KEYS=true (`.env.example`, tests).
 */
export function register() {
  if (process.env.NEXT_PHASE === 'phase-production-build') return;
  checkSites(process.env.SITES, process.env.SITES_ALLOW_DEV_KEYS !== 'true');
}
