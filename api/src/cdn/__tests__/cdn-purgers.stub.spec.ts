import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Logger, type LoggerService } from '@nestjs/common';
import { loadAppConfig } from '../../config/app-config.schema.js';
import { createCdnPurger } from '../services/cdn-purger.factory.js';
import { CdnPurgeService } from '../services/cdn-purge.service.js';
import { PurgeEvents } from '../../cache/services/purge-events.service.js';

/**
 * The provider strategies against a local HTTP stub standing in for the Fastly API, the Cloudflare
 * API and two Varnish nodes: the exact requests (method, path, headers, body, batching, soft purge),
 * the retry after a 5xx, and logs free of credentials.
 */
interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

let server: Server;
let base = '';
let seen: Seen[] = [];
/** Statuses to answer with, in order; then 200. */
let script: number[] = [];
let cloudflareSuccess = true;
const logs: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
      const status = script.shift() ?? 200;
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(req.url!.includes('purge_cache') ? JSON.stringify({ success: status === 200 && cloudflareSuccess, errors: [], result: { id: 'x' } }) : JSON.stringify({ status: 'ok' }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const capture =
    (level: string) =>
    (message: unknown, ...rest: unknown[]) =>
      logs.push(`${level} ${String(message)} ${rest.map(String).join(' ')}`);
  const logger: LoggerService = { log: capture('log'), warn: capture('warn'), error: capture('error'), debug: capture('debug'), verbose: capture('verbose') };
  Logger.overrideLogger(logger);
});
afterAll(async () => {
  Logger.overrideLogger(false);
  await new Promise((r) => server.close(r));
});
beforeEach(() => {
  seen = [];
  script = [];
  cloudflareSuccess = true;
});

const FASTLY_TOKEN = 'fastly-secret-token-do-not-log';
const CF_TOKEN = 'cloudflare-secret-token-do-not-log';
const service = (env: Record<string, string>) => {
  const config = loadAppConfig({ CDN_PURGE_RETRY_BASE_MS: '10', CDN_PURGE_MAX_ATTEMPTS: '4', CDN_PURGE_TIMEOUT_MS: '2000', ...env });
  return new CdnPurgeService(config, createCdnPurger(config), new PurgeEvents());
};
const tags = (n: number) => Array.from({ length: n }, (_, i) => `doc:procedure:${String(i).padStart(24, '0')}`);

describe('Fastly', () => {
  const fastly = () => service({ CDN_PROVIDER: 'fastly', FASTLY_SERVICE_ID: 'svc-123', FASTLY_API_TOKEN: FASTLY_TOKEN, FASTLY_API_URL: base });

  it('POSTs /service/<id>/purge with the keys in Surrogate-Key, at most 256 per request', async () => {
    const svc = fastly();
    const all = Array.from({ length: 300 }, (_, i) => `k${i}`); // short keys: the count limit binds, not the bytes
    svc.purge(all);
    await svc.idle();
    expect(seen.map((s) => [s.method, s.url])).toEqual([
      ['POST', '/service/svc-123/purge'],
      ['POST', '/service/svc-123/purge'],
    ]);
    for (const s of seen) {
      expect(s.headers['fastly-key']).toBe(FASTLY_TOKEN);
      expect(s.headers['fastly-soft-purge']).toBeUndefined();
      expect(s.body).toBe('');
    }
    const sent = seen.map((s) => String(s.headers['surrogate-key']).split(' '));
    expect(sent.map((k) => k.length)).toEqual([256, 44]);
    expect(sent.flat()).toEqual(all);
  });

  it('keeps each Surrogate-Key request header under its byte budget', async () => {
    const svc = fastly();
    svc.purge(tags(300)); // 38-byte tags
    await svc.idle();
    expect(seen.length).toBeGreaterThan(1);
    for (const s of seen) expect(String(s.headers['surrogate-key']).length).toBeLessThanOrEqual(8000);
    expect(seen.flatMap((s) => String(s.headers['surrogate-key']).split(' '))).toEqual(tags(300));
  });

  it('marks soft purges with Fastly-Soft-Purge: 1, and purges everything at /purge_all', async () => {
    const svc = fastly();
    svc.purge(['list:clinic'], { soft: true });
    await svc.idle();
    svc.purgeAll();
    await svc.idle();
    expect(seen.map((s) => [s.method, s.url, s.headers['fastly-soft-purge'], s.headers['surrogate-key']])).toEqual([
      ['POST', '/service/svc-123/purge', '1', 'list:clinic'],
      ['POST', '/service/svc-123/purge_all', undefined, undefined],
    ]);
  });

  it('retries after a 503 and a 429, and never logs the token', async () => {
    script = [503, 429];
    const svc = fastly();
    svc.purge(['list:location']);
    await svc.idle();
    expect(seen).toHaveLength(3);
    expect(new Set(seen.map((s) => s.headers['surrogate-key']))).toEqual(new Set(['list:location']));
    expect(svc.counters).toMatchObject({ requests: { ok: 1, error: 2 }, retries: 2, failures: 0, tags: { hard: 1, soft: 0 } });
    expect(logs.join('\n')).toMatch(/HTTP 503/);
    expect(logs.join('\n')).not.toContain(FASTLY_TOKEN);
  });

  it('does not retry a 401 (a bad token stays bad)', async () => {
    script = [401];
    const svc = fastly();
    svc.purge(['list:location']);
    await svc.idle();
    expect(seen).toHaveLength(1);
    expect(svc.counters.failures).toBe(1);
  });
});

describe('Cloudflare', () => {
  const cloudflare = () => service({ CDN_PROVIDER: 'cloudflare', CLOUDFLARE_ZONE_ID: 'zone-9', CLOUDFLARE_API_TOKEN: CF_TOKEN, CLOUDFLARE_API_URL: base });

  it('POSTs /zones/<zone>/purge_cache {"tags": [...]} with a bearer token, 30 tags per call', async () => {
    const svc = cloudflare();
    const all = tags(70);
    svc.purge(all, { soft: true }); // no soft purge by tag on Cloudflare: sent as a hard purge
    await svc.idle();
    expect(seen.map((s) => [s.method, s.url, s.headers.authorization, s.headers['content-type']])).toEqual(
      Array(3).fill(['POST', '/zones/zone-9/purge_cache', `Bearer ${CF_TOKEN}`, 'application/json']),
    );
    const bodies = seen.map((s) => JSON.parse(s.body) as { tags: string[] });
    expect(bodies.map((b) => b.tags.length)).toEqual([30, 30, 10]);
    expect(bodies.flatMap((b) => b.tags)).toEqual(all);
    expect(svc.counters.tags).toEqual({ hard: 70, soft: 0 });
  });

  it('purges everything with {"purge_everything": true}; retries a 502; "success": false is a failure', async () => {
    script = [502];
    const svc = cloudflare();
    svc.purgeAll();
    await svc.idle();
    expect(seen.map((s) => JSON.parse(s.body))).toEqual([{ purge_everything: true }, { purge_everything: true }]);
    expect(svc.counters.purgeAll).toBe(1);

    seen = [];
    cloudflareSuccess = false;
    svc.purge(['list:clinic']);
    await svc.idle();
    expect(seen).toHaveLength(1);
    expect(svc.counters.failures).toBe(1);
    expect(logs.join('\n')).not.toContain(CF_TOKEN);
  });
});

describe('Varnish', () => {
  it('sends PURGE with xkey-purge / xkey-softpurge / x-purge-all to every node, retrying a failed one', async () => {
    script = [500];
    const svc = service({ CDN_PROVIDER: 'varnish', CDN_PURGE_URLS: `${base}/a/,${base}/b/` });
    svc.purge(['doc:location:1', 'list:location']);
    await svc.idle();
    // First round: both nodes (one answers 500); the retry goes to both again (purges are idempotent).
    expect(seen).toHaveLength(4);
    expect(seen.every((s) => s.method === 'PURGE' && s.headers['xkey-purge'] === 'doc:location:1 list:location')).toBe(true);
    expect(new Set(seen.map((s) => s.url))).toEqual(new Set(['/a/', '/b/']));

    seen = [];
    svc.purge(['list:clinic'], { soft: true });
    svc.purgeAll();
    await svc.idle();
    expect(seen.map((s) => [s.method, s.headers['x-purge-all'], s.headers['xkey-softpurge']])).toEqual([
      ['PURGE', '1', undefined],
      ['PURGE', '1', undefined],
    ]);
  });
});
