import proxyaddr from '@fastify/proxy-addr';
import type { IncomingMessage } from 'node:http';
import { fastifyTrustProxy } from '../trust-proxy.util.js';

/** The client proxy-addr (Fastify's) picks for a request from `socket` carrying `forwardedFor`. */
function clientOf(setting: Parameters<typeof fastifyTrustProxy>[0], socket: string, forwardedFor: string): string {
  const req = { socket: { remoteAddress: socket }, connection: { remoteAddress: socket }, headers: { 'x-forwarded-for': forwardedFor } } as unknown as IncomingMessage;
  const trust = fastifyTrustProxy(setting);
  if (typeof trust === 'function') return proxyaddr(req, trust);
  return proxyaddr(req, trust === false ? () => false : proxyaddr.compile(trust as string[]));
}

describe('TRUST_PROXY for Fastify', () => {
  // compose: visitor → Varnish → nginx → gateway; a visitor may forge entries further left.
  const chain = { socket: '10.0.0.3' /* nginx */, xff: '198.51.100.66, 203.0.113.7, 10.0.0.2' /* forged, visitor, Varnish */ };

  it('a hop count trusts that many proxies nearest the gateway, never what the visitor wrote', () => {
    expect(clientOf(2, chain.socket, chain.xff)).toBe('203.0.113.7');
    expect(clientOf(1, chain.socket, chain.xff)).toBe('10.0.0.2');
  });

  it('false trusts nobody; addresses trust those proxies', () => {
    expect(clientOf(false, chain.socket, chain.xff)).toBe('10.0.0.3');
    expect(clientOf(['10.0.0.0/24'], chain.socket, chain.xff)).toBe('203.0.113.7');
  });
});
