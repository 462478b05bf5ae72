/**
 * The bench's processes, all started through the test harness (tests/support, compiled to tests/dist/support
 * by `npm run build`): Strapi on a temp SQLite file, gateways, the website, bare node:http servers and Varnish.
 * Everything started here is stopped by `cleanup()`, also on Ctrl-C, a crash or the time bound.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { answers } from '../dist/support/edge-http.js';
import { spawnGateway } from '../dist/support/gateway-process.js';
import { spawnNode } from '../dist/support/node-child.js';
import { spawnStrapi } from '../dist/support/strapi-process.js';
import { startVarnish } from '../dist/support/varnish-process.js';
import { startWeb } from '../dist/support/web-process.js';

/** @typedef {import('../dist/support/node-child.js').NodeChild} NodeChild */

export const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const BOOT_TIMEOUT_MS = 120_000;

/** @type {Array<() => Promise<unknown>>} */
const stops = [];
/** @type {NodeChild[]} */
const children = [];
/** @type {string | undefined} */
let tmpDir;
/** @type {Promise<void> | undefined} */
let cleaning;

export class BenchError extends Error {}
/** @param {unknown} cond @param {string} message @returns {asserts cond} */
export function check(cond, message) {
  if (!cond) throw new BenchError(message);
}

/** @param {string} msg */
export function log(msg) {
  process.stdout.write(`» ${msg}\n`);
}

/** The run's temp directory (Strapi's database, the bare servers' response files); removed by cleanup. */
export function benchTmpDir() {
  tmpDir ??= mkdtempSync(path.join(os.tmpdir(), 'clinic-bench-'));
  return tmpDir;
}

/** Keeps a started child for cleanup and says so when it dies before cleanup, with its last output. */
function watch(/** @type {NodeChild} */ child) {
  children.push(child);
  void child.exited().then(() => {
    if (!cleaning) process.stderr.write(`\n✖ ${child.name} exited unexpectedly (${child.child.signalCode ?? child.child.exitCode}). Last output:\n${child.output().slice(-2000)}\n`);
  });
  return child;
}

export function cleanup() {
  cleaning ??= (async () => {
    await Promise.all(stops.map((stop) => stop().catch(() => undefined)));
    if (tmpDir) rmSync(tmpDir, { recursive: true, force: true });
  })();
  return cleaning;
}

/** The last output of every child, for the report of a broken run. */
export function childrenOutput() {
  return children.map((c) => `--- ${c.name} (last lines) ---\n${c.output().slice(-2000)}`).join('\n');
}

/** @param {number} code @param {string} [message] */
async function abort(code, message) {
  if (message) process.stderr.write(`\n✖ ${message}\n`);
  await cleanup();
  process.exit(code);
}

/** Ctrl-C, crashes and the time bound all end in cleanup. @param {number} watchdogMs */
export function installExitHandlers(watchdogMs) {
  /** @param {unknown} e */
  const broke = (e) => abort(1, `bench broke: ${e instanceof Error ? e.stack : e}`);
  process.on('SIGINT', () => abort(130, 'interrupted'));
  process.on('SIGTERM', () => abort(143, 'terminated'));
  process.on('unhandledRejection', broke);
  process.on('uncaughtException', broke);
  setTimeout(() => abort(1, `bench exceeded its ${watchdogMs / 1000} s time bound`), watchdogMs).unref();
}

/**
 * Strapi on a temp SQLite file, seeded, its webhook pointing at `gatewayUrl`; Strapi's log at `warn`
 * (per-request lines would cost it CPU in the direct-REST row).
 * @param {number} strapiPort @param {string} gatewayUrl
 */
export async function bootStrapi(strapiPort, gatewayUrl) {
  const dbFile = path.join(benchTmpDir(), 'data.db');
  log(`booting Strapi on http://127.0.0.1:${strapiPort} (temp SQLite in ${benchTmpDir()})`);
  const strapi = await spawnStrapi({ gatewayUrl, port: strapiPort, dbFile, inheritEnv: true, env: { NODE_ENV: 'development' }, logLevel: 'warn', bootTimeoutMs: BOOT_TIMEOUT_MS });
  stops.push(() => strapi.stop());
  const strapiBootMs = await strapi.start();
  const child = watch(/** @type {NodeChild} */ (strapi.child()));
  log(`Strapi up in ${(strapiBootMs / 1000).toFixed(1)} s`);
  return { strapi: { url: strapi.url, pid: /** @type {number} */ (child.child.pid) }, strapiBootMs };
}

/**
 * This run's own Redis keys and channels (with REDIS_URL set): another run's shared-tier entries of the same
 * site and query (older than their soft TTL, so answered STALE) must not be this run's first answers.
 */
const RUN_REDIS_PREFIX = `clinic-bench-${process.pid}-${Date.now()}:`;

/**
 * A gateway (`api/dist/main.js`) reading Strapi at `strapiUrl`, in development mode with its log at `warn`.
 * @param {{ name: string, port: number, strapiUrl: string, env?: Record<string, string>, onOutput?: (text: string) => void }} o
 */
export async function bootGateway({ name, port, strapiUrl, env, onOutput }) {
  const gateway = await spawnGateway({
    name,
    port,
    strapiUrl,
    inheritEnv: true,
    env: { NODE_ENV: 'development', LOG_LEVEL: 'warn', REDIS_KEY_PREFIX: RUN_REDIS_PREFIX, ...env },
    onOutput,
    bootTimeoutMs: BOOT_TIMEOUT_MS,
  });
  stops.push(() => gateway.stop());
  watch(gateway.child);
  return gateway;
}

/**
 * The clinic website serving the lakeshore site for the host 127.0.0.1, naming its visitors to the gateway.
 * @param {{ port: number, gatewayUrl: string, site: string, siteKey: string, serverKey: string }} o
 */
export async function bootWebsite({ port, gatewayUrl, site, siteKey, serverKey }) {
  const web = await startWeb({
    port,
    gatewayUrl,
    inheritEnv: true,
    env: { SITES: `127.0.0.1=${site}:${siteKey}`, SITE_SERVER_KEYS: `${serverKey}:${site}`, REDIS_KEY_PREFIX: RUN_REDIS_PREFIX },
  });
  stops.push(() => web.stop());
  watch(web.child);
  return web;
}

/**
 * A bare node:http server answering every request with the response in `specFile` (bare-server.mjs).
 * @param {string} name @param {string} specFile @param {number} port
 */
export async function bootBareServer(name, specFile, port) {
  const bare = watch(spawnNode([path.join(BENCH_DIR, 'bare-server.mjs'), specFile, String(port)], { cwd: BENCH_DIR, env: process.env, name, keepChunks: 20 }));
  stops.push(() => bare.stop());
  await bare.until(
    name,
    answers(`http://127.0.0.1:${port}/`, (s) => s === 200),
    10_000,
    100,
  );
  return { pid: /** @type {number} */ (bare.child.pid) };
}

/**
 * Varnish with the repository's VCL (tests/support/varnish-process.ts) on loopback: `port` in front of the
 * origin (the gateway), `webPort` (its `web` door) in front of the website; purged from 127.0.0.1.
 * @param {{ port: number, webPort: number, originPort: number, websitePort: number }} o
 */
export async function bootVarnish({ port, webPort, originPort, websitePort }) {
  const varnish = await startVarnish({
    listen: [`127.0.0.1:${port}`],
    webListen: `127.0.0.1:${webPort}`,
    backend: { host: '127.0.0.1', port: originPort },
    web: { host: '127.0.0.1', port: websitePort },
    purgers: ['127.0.0.1'],
  });
  stops.push(() => varnish.stop());
  return varnish;
}
