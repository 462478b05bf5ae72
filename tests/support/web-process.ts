import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEV } from './dev-env.js';
import { freePort } from './ports.js';

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
  const lines: string[] = [];
  const child: ChildProcess = spawn(process.execPath, [nextBin, 'start', '-p', String(port), '-H', '127.0.0.1'], {
    cwd: WEB_DIR,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      GATEWAY_URL: opts.gatewayUrl,
      SITES: WEB_SITES,
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (b: Buffer) => {
    lines.push(b.toString());
    if (lines.length > 80) lines.shift();
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  const get: WebProcess['get'] = (pathname, o = {}) => getWithHost(`${url}${pathname}`, `${o.host ?? WEB_HOSTS.lakeshore}:${port}`, o.headers);
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited during boot:\n${lines.join('')}`);
    if (Date.now() - started > 60_000) {
      child.kill('SIGKILL');
      throw new Error(`next start not answering within 60 s:\n${lines.join('')}`);
    }
    const up = await get('/icon.svg').then(
      (r) => r.status === 200,
      () => false,
    );
    if (up) break;
    await new Promise((r) => setTimeout(r, 150));
  }
  return {
    url,
    port,
    pid: child.pid!,
    get,
    output: () => lines.join(''),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const gone = new Promise<void>((r) => child.once('exit', () => r()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await gone;
      clearTimeout(timer);
    },
  };
}
