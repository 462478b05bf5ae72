import http from 'node:http';

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** Header names as sent, in order, with their values (what a byte-for-byte replay needs). */
  rawHeaders: Array<[string, string]>;
  body: Buffer;
  text: string;
}

export interface RawRequestOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  localAddress?: string;
  maxHeaderSize?: number;
  /** A keep-alive agent to reuse connections; by default each request has its own connection. */
  agent?: http.Agent;
  /** Destroys the request when no answer comes within this many milliseconds. */
  timeoutMs?: number;
}

/**
 * One HTTP request with nothing added or decoded (fetch would send its own Accept-Encoding and
 * decompress, and cannot set Host): what a CDN or a browser sees on the wire. `localAddress` picks the
 * source address; `maxHeaderSize` lifts node's 16 KiB response header limit (a big sitemap's
 * `Surrogate-Key` passes it).
 */
export function rawRequest(url: string, o: RawRequestOptions = {}): Promise<RawResponse> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: u.hostname,
        port: u.port,
        path: `${u.pathname}${u.search}`,
        method: o.method ?? 'GET',
        headers: o.headers,
        localAddress: o.localAddress,
        maxHeaderSize: o.maxHeaderSize,
        agent: o.agent ?? false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          const rawHeaders: Array<[string, string]> = [];
          for (let i = 0; i < res.rawHeaders.length; i += 2) rawHeaders.push([res.rawHeaders[i], res.rawHeaders[i + 1]]);
          resolve({ status: res.statusCode!, headers: res.headers, rawHeaders, body, text: body.toString('utf8') });
        });
        res.on('error', reject);
      },
    );
    if (o.timeoutMs) req.setTimeout(o.timeoutMs, () => req.destroy(new Error(`${o.method ?? 'GET'} ${url} timed out`)));
    req.on('error', reject);
    req.end(o.body);
  });
}

/** A readiness probe for `NodeChild.until`: true once `url` answers `accept(status)`, false while it does not (or refuses). */
export function answers(url: string, accept: (status: number) => boolean, init: RequestInit = {}): () => Promise<boolean> {
  return () =>
    fetch(url, { signal: AbortSignal.timeout(2000), ...init }).then(
      async (r) => {
        await r.arrayBuffer();
        return accept(r.status);
      },
      () => false,
    );
}

/** Sum of a Prometheus counter's samples whose labels match `filter`. */
export async function counterSum(metricsUrl: string, name: string, filter: (labels: string) => boolean = () => true): Promise<number> {
  const text = await (await fetch(metricsUrl)).text();
  let sum = 0;
  for (const line of text.split('\n')) {
    const m = new RegExp(`^${name}(?:\\{(.*)\\})? (\\S+)$`).exec(line);
    if (m && filter(m[1] ?? '')) sum += Number(m[2]);
  }
  return sum;
}
