import net from 'node:net';

/**
 * A TCP proxy on loopback that the test controls: every chunk Strapi sends back is held `delayMs`
 * before it reaches the gateway (order preserved). Setting the delay to 0 makes it transparent.
 */
export interface DelayProxy {
  url: string;
  port: number;
  delayMs: number;
  connections(): number;
  close(): Promise<void>;
}

export async function startDelayProxy(target: { host: string; port: number }): Promise<DelayProxy> {
  const sockets = new Set<net.Socket>();
  let total = 0;
  const proxy = {} as DelayProxy;
  const server = net.createServer((client) => {
    total += 1;
    const upstream = net.connect(target.port, target.host);
    sockets.add(client).add(upstream);
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    client.pipe(upstream);
    let chain = Promise.resolve();
    upstream.on('data', (chunk: Buffer) => {
      const delay = proxy.delayMs;
      chain = chain
        .then(() => (delay > 0 ? new Promise((r) => setTimeout(r, delay)) : undefined))
        .then(() => {
          if (!client.destroyed) client.write(chunk);
        });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as net.AddressInfo).port;
  Object.assign(proxy, {
    url: `http://127.0.0.1:${port}`,
    port,
    delayMs: 0,
    connections: () => total,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  });
  return proxy;
}
