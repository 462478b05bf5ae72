import { existsSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEV } from './dev-env.js';
import { freePort } from './ports.js';
import { spawnNode } from './node-child.js';

export const WEB_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web');

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

/** The clinic website (`next start` on the production build in web/.next) as a child process. */
export interface WebProcess {
  /** http://127.0.0.1:<port> */
  url: string;
  port: number;
  pid: number;
  /** GET with a chosen Host header (node's fetch cannot set it). */
  get(pathname: string, opts?: { host?: string; headers?: Record<string, string> }): Promise<WebResponse>;
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
  if (!existsSync(path.join(WEB_DIR, '.next', 'BUILD_ID'))) {
    throw new Error('web/.next is missing: build the site first (`npm run build -w web`, or the root `npm run build`)');
  }
  const port = opts.port ?? (await freePort());
  const nextBin = createRequire(path.join(WEB_DIR, 'package.json')).resolve('next/dist/bin/next');
  const proc = spawnNode([nextBin, 'start', '-p', String(port), '-H', '127.0.0.1'], {
    cwd: WEB_DIR,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      GATEWAY_URL: opts.gatewayUrl,
      SITES: WEB_SITES,
      SITES_ALLOW_DEV_KEYS: 'true',
      ...opts.env,
    },
    keepChunks: 80,
  });
  const url = `http://127.0.0.1:${port}`;
  const get: WebProcess['get'] = (pathname, o = {}) => getWithHost(`${url}${pathname}`, `${o.host ?? WEB_HOSTS.lakeshore}:${port}`, o.headers);
  await proc.until('next start answering', () => get('/icon.svg').then((r) => r.status === 200, () => false), 60_000, 150);
  return {
    url,
    port,
    pid: proc.child.pid!,
    get,
    output: proc.output,
    stop: proc.stop,
  };
}
