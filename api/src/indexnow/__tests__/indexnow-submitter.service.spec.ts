import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigError, loadAppConfig } from '../../config/app-config.schema.js';
import { IndexNowSubmitterService } from '../services/indexnow-submitter.service.js';

/** A local IndexNow endpoint answering the scripted statuses in turn (200 once the script is done). */
async function endpoint(statuses: number[]) {
  const seen: Array<{ method: string; type: string | undefined; body: any }> = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      seen.push({ method: req.method!, type: req.headers['content-type'], body: JSON.parse(body) });
      res.writeHead(statuses.shift() ?? 200).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/indexnow`;
  return { url, seen, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const KEY = 'a1b2c3d4e5f6a7b8';
const submission = { host: 'www.s.example', key: KEY, keyLocation: `https://www.s.example/${KEY}.txt`, urlList: ['https://www.s.example/a', 'https://www.s.example/b'] };
const config = (url: string) => loadAppConfig({ INDEXNOW_KEYS: `s=${KEY}`, INDEXNOW_ENDPOINT: url, INDEXNOW_RETRY_BASE_MS: '10', INDEXNOW_MAX_ATTEMPTS: '3' });

describe('IndexNowSubmitterService', () => {
  it("POSTs the protocol's JSON and counts the URLs accepted", async () => {
    const ep = await endpoint([202]);
    const svc = new IndexNowSubmitterService(config(ep.url));
    svc.submit(submission);
    await svc.idle();
    expect(ep.seen).toEqual([{ method: 'POST', type: 'application/json; charset=utf-8', body: submission }]);
    expect(svc.counters).toEqual({ submitted: 2, failed: 0, retried: 0, dropped: 0 });
    await ep.close();
  });

  it('retries a 5xx or 429 with backoff, then succeeds', async () => {
    const ep = await endpoint([503, 429]);
    const svc = new IndexNowSubmitterService(config(ep.url));
    svc.submit(submission);
    await svc.idle();
    expect(ep.seen.map((s) => s.body)).toEqual([submission, submission, submission]);
    expect(svc.counters).toEqual({ submitted: 2, failed: 2, retried: 2, dropped: 0 });
    await ep.close();
  });

  it('gives up at once on a refusal (403: key not valid), and after the attempts on a failing endpoint', async () => {
    const ep = await endpoint([403, 500, 500, 500]);
    const svc = new IndexNowSubmitterService(config(ep.url));
    svc.submit(submission);
    await svc.idle();
    expect(svc.counters).toEqual({ submitted: 0, failed: 1, retried: 0, dropped: 2 });
    svc.submit(submission);
    await svc.idle();
    expect(ep.seen).toHaveLength(4);
    expect(svc.counters).toEqual({ submitted: 0, failed: 4, retried: 2, dropped: 4 });
    await ep.close();
  });

  it('counts an endpoint that does not answer as a retryable failure', async () => {
    const svc = new IndexNowSubmitterService(config('http://127.0.0.1:9/indexnow'));
    svc.submit(submission);
    await svc.idle();
    expect(svc.counters).toEqual({ submitted: 0, failed: 3, retried: 2, dropped: 2 });
  });
});

describe('INDEXNOW_KEYS', () => {
  it('maps sites to keys; a bad item stops the boot naming the site, never the key', () => {
    expect([...loadAppConfig({ INDEXNOW_KEYS: `a-site=${KEY}, other=${KEY}-2` }).INDEXNOW_KEYS]).toEqual([
      ['a-site', KEY],
      ['other', `${KEY}-2`],
    ]);
    expect(loadAppConfig({}).INDEXNOW_KEYS.size).toBe(0);
    expect(loadAppConfig({}).INDEXNOW_ENDPOINT).toBe('https://api.indexnow.org/indexnow');
    for (const bad of ['a-site=short', 'a-site', `a-site=${KEY}=x`, `Bad Site=${KEY}`, 'a-site=has space in it']) {
      let err: Error | undefined;
      try {
        loadAppConfig({ INDEXNOW_KEYS: bad });
      } catch (e) {
        err = e as Error;
      }
      expect(err).toBeInstanceOf(ConfigError);
      expect(err!.message).toContain('INDEXNOW_KEYS');
      if (bad.includes('=')) expect(err!.message).not.toContain(bad.split('=')[1]);
    }
  });
});
