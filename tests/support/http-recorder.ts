import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** What a recorder saw: one entry per request passed on. */
export interface RecordedRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
}

export interface HttpRecorder {
  url: string;
  seen: RecordedRequest[];
  close(): Promise<void>;
}

/**
 * An HTTP hop between two of our processes (the website and the gateway) that records each request
 * (method, URL, headers) and passes everything on unchanged: what one tier asks of the next.
 */
export function startRecorder(target: string): Promise<HttpRecorder> {
  const seen: RecordedRequest[] = [];
  const server = http.createServer((req, res) => {
    seen.push({ method: req.method!, url: req.url!, headers: req.headers });
    const up = http.request(`${target}${req.url}`, { method: req.method, headers: req.headers }, (r) => {
      res.writeHead(r.statusCode!, r.headers);
      r.pipe(res);
    });
    up.on('error', () => res.destroy());
    req.pipe(up);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        seen,
        close: () =>
          new Promise<void>((r) => {
            server.closeAllConnections();
            server.close(() => r());
          }),
      }),
    ),
  );
}
