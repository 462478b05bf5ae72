import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request an IndexNow endpoint received, and what it answered. */
export interface ReceivedSubmission {
  contentType: string | undefined;
  body: { host: string; key: string; keyLocation: string; urlList: string[] };
  status: number;
}

export interface IndexNowReceiver {
  /** The endpoint's URL (`INDEXNOW_ENDPOINT`). */
  url: string;
  received: ReceivedSubmission[];
  /** The next `n` requests are answered `status` (a failing engine), then 202 again. */
  failNext(n: number, status?: number): void;
  /** Resolves once `count` requests have arrived. */
  until(count: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/** A local IndexNow endpoint: the gateway's submissions in tests never leave the machine. */
export async function startIndexNowReceiver(): Promise<IndexNowReceiver> {
  const received: ReceivedSubmission[] = [];
  const failures: number[] = [];
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  const server = http.createServer((req, res) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (c) => (text += c));
    req.on('end', () => {
      const status = req.method === 'POST' && req.url === '/indexnow' ? (failures.shift() ?? 202) : 404;
      received.push({ contentType: req.headers['content-type'], body: JSON.parse(text || '{}'), status });
      res.writeHead(status).end();
      for (const w of waiters.filter((x) => received.length >= x.count)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/indexnow`,
    received,
    failNext: (n, status = 503) => failures.push(...Array(n).fill(status)),
    until: (count, timeoutMs = 30_000) =>
      received.length >= count
        ? Promise.resolve()
        : new Promise<void>((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error(`the IndexNow receiver got ${received.length} of ${count} request(s) in ${timeoutMs} ms`)), timeoutMs);
            waiters.push({
              count,
              resolve: () => {
                clearTimeout(timer);
                resolve();
              },
            });
          }),
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
