/**
 * `TRUST_PROXY` as Fastify's `trustProxy` option. A hop count is given as a function: Fastify 5 hands a bare
 * number to proxy-addr as an address list, where it trusts nobody, so `TRUST_PROXY=2` (Varnish + nginx in
 * compose) used to leave every visitor on the balancer's one budget. The function trusts the `hops` peers
 * nearest the socket (proxy-addr asks from the socket outwards: `hop` 0 is the socket's address).
 */
export type TrustProxySetting = false | number | string[];

export function fastifyTrustProxy(setting: TrustProxySetting): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (typeof setting === 'number') return (_address, hop) => hop < setting;
  return setting;
}
