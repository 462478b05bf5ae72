import { existsSync } from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { DEV } from './dev-env.js';
import { rawRequest } from './edge-http.js';
import { spawnNode, type NodeChild } from './node-child.js';
import { WEB_DIR, WEB_MANIFEST, WEB_SERVER } from './paths.js';
import { freePort } from './ports.js';

export { WEB_DIR };

/** Host names the test site answers (any name works: the site picks its site by the Host header). */
export const WEB_HOSTS = { lakeshore: 'lakeshore.localhost', northshore: 'northshore.localhost' } as const;
export const WEB_SITES = `${WEB_HOSTS.lakeshore}=${DEV.sites.lakeshore}:${DEV.siteKeys.lakeshore},${WEB_HOSTS.northshore}=${DEV.sites.northshore}:${DEV.siteKeys.northshore}`;

/** The gateway setting that trusts the website's documents (its codegen manifest) for both seeded sites. */
export { WEB_MANIFEST };
export const WEB_TRUSTED_DOCUMENTS = `lakeshore-spine=${WEB_MANIFEST},northshore-spine-partners=${WEB_MANIFEST}`;

export interface WebResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** The clinic website (its front server, web/dist/server/main.mjs, with Next's production build behind it) as a child process. */
export interface WebProcess {
  /** http://127.0.0.1:<port> */
  url: string;
  port: number;
  pid: number;
  child: NodeChild;
  /** GET with a chosen Host header (node's fetch cannot set it). */
  get(pathname: string, opts?: { host?: string; headers?: Record<string, string> }): Promise<WebResponse>;
  /** The page cache's counters from /_web/metrics (renders, hits, misses, purges…). */
  metrics(): Promise<Record<string, number>>;
  output(): string;
  stop(): Promise<void>;
}

/** GET `url` with the given Host header (node's fetch cannot set it): how one server answers several sites. */
export async function getWithHost(url: string, host: string, headers: Record<string, string> = {}): Promise<WebResponse> {
  const res = await rawRequest(url, { headers: { host, ...headers }, timeoutMs: 10_000 });
  return { status: res.status, headers: res.headers, body: res.text };
}

export async function startWeb(opts: {
  gatewayUrl: string;
  port?: number;
  env?: Record<string, string | undefined>;
  /** Start from this process's whole environment (the bench: a developer's settings reach the apps) rather than PATH alone. */
  inheritEnv?: boolean;
}): Promise<WebProcess> {
  if (!existsSync(path.join(WEB_DIR, '.next', 'BUILD_ID')) || !existsSync(WEB_SERVER)) {
    throw new Error('web/.next or web/dist is missing: build the site first (`npm run build -w web`, or the root `npm run build`)');
  }
  const port = opts.port ?? (await freePort());
  const proc = spawnNode([WEB_SERVER], {
    cwd: WEB_DIR,
    env: {
      ...(opts.inheritEnv ? process.env : { PATH: process.env.PATH ?? '' }),
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      PORT: String(port),
      HOST: '127.0.0.1',
      GATEWAY_URL: opts.gatewayUrl,
      SITES: WEB_SITES,
      SITE_SERVER_KEYS: DEV.siteServerKeys,
      SITES_ALLOW_DEV_KEYS: 'true',
      ...opts.env,
    },
    keepChunks: 80,
    name: 'website',
  });
  const url = `http://127.0.0.1:${port}`;
  const get: WebProcess['get'] = (pathname, o = {}) => getWithHost(`${url}${pathname}`, `${o.host ?? WEB_HOSTS.lakeshore}:${port}`, o.headers);
  const metrics = async () => {
    const res = await get('/_web/metrics');
    return Object.fromEntries(
      res.body
        .split('\n')
        .filter(Boolean)
        .map((l) => [
          l
            .slice(0, l.indexOf(' '))
            .replace(/^web_page_cache_/, '')
            .replace(/_total$/, ''),
          Number(l.slice(l.indexOf(' ') + 1)),
        ]),
    );
  };
  await proc.until(
    'the website answering',
    () =>
      get('/icon.svg').then(
        (r) => r.status === 200,
        () => false,
      ),
    60_000,
    150,
  );
  return {
    url,
    port,
    pid: proc.child.pid!,
    child: proc,
    get,
    metrics,
    output: proc.output,
    stop: proc.stop,
  };
}
