import { existsSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEV } from './dev-env.js';
import { freePort } from './ports.js';
import { spawnNode } from './node-child.js';

export const WEB_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web');
const WEB_SERVER = path.join(WEB_DIR, 'dist', 'server', 'main.mjs');

/** Host names the test site answers (any name works: the site picks its site by the Host header). */
export const WEB_HOSTS = { lakeshore: 'lakeshore.localhost', northshore: 'northshore.localhost' } as const;
export const WEB_SITES = `${WEB_HOSTS.lakeshore}=lakeshore-spine:${DEV.siteKeys.lakeshore},${WEB_HOSTS.northshore}=northshore-spine-partners:${DEV.siteKeys.northshore}`;

/** The gateway setting that trusts the website's documents (its codegen manifest) for both seeded sites. */
export const WEB_MANIFEST = path.join(WEB_DIR, 'src', 'gql', 'persisted-documents.json');
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
  /** GET with a chosen Host header (node's fetch cannot set it). */
  get(pathname: string, opts?: { host?: string; headers?: Record<string, string> }): Promise<WebResponse>;
  /** The page cache's counters from /_web/metrics (renders, hits, misses, purges…). */
  metrics(): Promise<Record<string, number>>;
  output(): string;
  stop(): Promise<void>;
}

/** GET `url` with the given Host header (node's fetch cannot set it): how one server answers several sites. */
export function getWithHost(url: string, host: string, headers: Record<string, string> = {}): Promise<WebResponse> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers: { host, ...headers }, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.setTimeout(10_000, () => req.destroy(new Error(`GET ${url} timed out`)));
    req.on('error', reject);
  });
}

export async function startWeb(opts: { gatewayUrl: string; port?: number; env?: Record<string, string> }): Promise<WebProcess> {
  if (!existsSync(path.join(WEB_DIR, '.next', 'BUILD_ID')) || !existsSync(WEB_SERVER)) {
    throw new Error('web/.next or web/dist is missing: build the site first (`npm run build -w web`, or the root `npm run build`)');
  }
  const port = opts.port ?? (await freePort());
  const proc = spawnNode([WEB_SERVER], {
    cwd: WEB_DIR,
    env: {
      PATH: process.env.PATH ?? '',
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
  });
  const url = `http://127.0.0.1:${port}`;
  const get: WebProcess['get'] = (pathname, o = {}) => getWithHost(`${url}${pathname}`, `${o.host ?? WEB_HOSTS.lakeshore}:${port}`, o.headers);
  const metrics = async () => {
    const res = await get('/_web/metrics');
    return Object.fromEntries(
      res.body
        .split('\n')
        .filter(Boolean)
        .map((l) => [l.slice(0, l.indexOf(' ')).replace(/^web_page_cache_/, '').replace(/_total$/, ''), Number(l.slice(l.indexOf(' ') + 1))]),
    );
  };
  await proc.until('the website answering', () => get('/icon.svg').then((r) => r.status === 200, () => false), 60_000, 150);
  return {
    url,
    port,
    pid: proc.child.pid!,
    get,
    metrics,
    output: proc.output,
    stop: proc.stop,
  };
}
