import { Logger } from '@nestjs/common';
import { createGateway } from './app.js';
import { ConfigError } from './config/app-config.schema.js';

/** Upper bound of a graceful stop (drain + teardown); below Kubernetes' default 30 s grace period. */
export const SHUTDOWN_TIMEOUT_MS = 10_000;
const SIGNALS = ['SIGTERM', 'SIGINT'] as const;

async function main() {
  const gateway = await createGateway();
  const logger = new Logger('Gateway');
  // createGateway enables Nest's shutdown hooks, whose order (module destroy hooks, i.e. Redis and the
  // upstream pool, before the HTTP server stops) would cut requests in flight, and which end the
  // process by re-raising the signal (exit 143). The process entry point owns its signals instead.
  for (const signal of SIGNALS) process.removeAllListeners(signal);
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    const started = Date.now();
    logger.log(`${signal}: draining (no new connections; finishing requests in flight)`);
    const force = setTimeout(() => {
      logger.error(`Shutdown exceeded ${SHUTDOWN_TIMEOUT_MS} ms; exiting anyway`);
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS);
    force.unref();
    try {
      // 1. Stop accepting, answer 503 + `Connection: close` on kept-alive sockets, wait for in-flight requests.
      await gateway.app.getHttpAdapter().close();
      // 2. Then Nest's teardown: reconcile timer, Redis connections (QUIT), upstream keep-alive pool.
      await gateway.close();
      logger.log(`Stopped cleanly in ${Date.now() - started} ms`);
      process.exit(0);
    } catch (err) {
      logger.error(`Shutdown failed: ${(err as Error).stack ?? err}`);
      process.exit(1);
    }
  };
  for (const signal of SIGNALS) process.on(signal, () => void shutdown(signal));

  const url = await gateway.listen();
  logger.log(`GraphQL gateway listening on ${url}/graphql`);
}

main().catch((err: unknown) => {
  // Config errors name the variable; anything else is a bug worth its stack.
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
