import http from 'node:http';

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  text: string;
}

/**
 * One HTTP request with nothing added or decoded (fetch would send its own Accept-Encoding and
 * decompress): what a CDN or a browser sees on the wire. `localAddress` picks the source address;
 * `maxHeaderSize` lifts node's 16 KiB response header limit (a big sitemap's `Surrogate-Key` passes it).
 */
export function rawRequest(
  url: string,
  o: { method?: string; headers?: Record<string, string>; localAddress?: string; maxHeaderSize?: number } = {},
): Promise<RawResponse> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: u.hostname, port: u.port, path: `${u.pathname}${u.search}`, method: o.method ?? 'GET', headers: o.headers, localAddress: o.localAddress, maxHeaderSize: o.maxHeaderSize, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          resolve({ status: res.statusCode!, headers: res.headers, body, text: body.toString('utf8') });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
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
