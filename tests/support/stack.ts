import { startGateway, type GatewayHandle } from './gateway-harness.js';
import { freePort } from './ports.js';
import { startStrapi, type StrapiHandle } from './strapi-harness.js';

export interface Stack {
  strapi: StrapiHandle;
  gateway: GatewayHandle;
  stop(): Promise<void>;
}

/**
 * Real Strapi + real gateway wired like production: Strapi's webhook points at the gateway, the
 * gateway reads Strapi with the read-only token. The gateway's port is chosen first so that the
 * webhook Strapi provisions at boot already knows it.
 */
export async function startStack(opts: { gatewayEnv?: Record<string, string>; strapiEnv?: Record<string, string> } = {}): Promise<Stack> {
  const gatewayPort = await freePort();
  const strapi = await startStrapi({ gatewayUrl: `http://127.0.0.1:${gatewayPort}`, env: opts.strapiEnv });
  const gateway = await startGateway({ strapiUrl: strapi.url, port: gatewayPort, env: opts.gatewayEnv });
  return {
    strapi,
    gateway,
    async stop() {
      await gateway.stop();
      await strapi.stop();
    },
  };
}

/** Polls `check` until it returns true or `timeoutMs` passes; returns the elapsed milliseconds. */
export async function waitFor(check: () => Promise<boolean>, timeoutMs = 5000, everyMs = 25): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (await check()) return Date.now() - started;
    if (Date.now() - started > timeoutMs) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
