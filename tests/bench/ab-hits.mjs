#!/usr/bin/env node
/**
 * A/B of gateway cache hits between two builds of the gateway (`npm run bench -w tests` measures one build
 * at a time, so a difference between two runs mixes in whatever else the machine did in between):
 *
 *   node tests/bench/ab-hits.mjs <other api dir> [rounds] [requests]
 *
 * e.g. `git worktree add /tmp/old <commit>`, build its shared and api, then pass `/tmp/old/api`. It boots
 * one seeded Strapi, this tree's gateway ("this") and the other build ("other") against it, and a bare
 * node:http server replaying this gateway's hit bytes; then, for the GET hit of the landing page
 * (BENCH_AB_MODE=post: the POST hit), it runs autocannon in its own process (32 connections, a fixed number
 * of requests) on each in turn, the order alternating every round, and prints per run and as medians: req/s
 * and the server's CPU per request (utime + stime of its process, which on a shared machine is a steadier
 * figure than req/s). The two builds may send different bytes when their schemas differ: both sizes are printed.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DEV, gatewayTestEnv } from '../dist/support/dev-env.js';
import { answers, rawRequest } from '../dist/support/edge-http.js';
import { spawnNode } from '../dist/support/node-child.js';
import { API_DIR, ROOT } from '../dist/support/paths.js';
import { freePorts } from '../dist/support/ports.js';
import { benchTmpDir, bootBareServer, bootStrapi, check, cleanup, installExitHandlers, log } from './boot.mjs';
import { LANDING_QUERY } from './scenarios.mjs';

const [otherApi, roundsArg = '5', requestsArg = '100000'] = process.argv.slice(2);
if (!otherApi) {
  process.stderr.write('usage: node tests/bench/ab-hits.mjs <other api dir> [rounds] [requests]\n');
  process.exit(2);
}
const ROUNDS = Number(roundsArg);
const REQUESTS = Number(requestsArg);
const MODE = process.env.BENCH_AB_MODE === 'post' ? 'post' : 'get';
const AUTOCANNON = path.join(ROOT, 'node_modules', '.bin', 'autocannon');
const TICKS_PER_S = 100;

/** utime + stime of a process, in seconds. @param {number} pid */
function cpuSeconds(pid) {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12])) / TICKS_PER_S;
}

/** A gateway build (`<apiDir>/dist/main.js`) reading Strapi at `strapiUrl`, as the bench starts its own. */
async function bootBuild(/** @type {string} */ name, /** @type {string} */ apiDir, /** @type {number} */ port, /** @type {string} */ strapiUrl) {
  const env = { ...process.env, ...gatewayTestEnv({ port, strapiUrl }), NODE_ENV: 'development', LOG_LEVEL: 'warn' };
  const child = spawnNode([path.join(apiDir, 'dist', 'main.js')], { cwd: apiDir, env, keepChunks: 20, name });
  const url = `http://127.0.0.1:${port}`;
  try {
    await child.until(
      name,
      answers(`${url}/health/live`, (s) => s === 200),
      120_000,
      200,
    );
  } catch (e) {
    await child.stop();
    throw e;
  }
  return { name, url, pid: /** @type {number} */ (child.child.pid), stop: child.stop };
}

installExitHandlers(30 * 60_000);
const builds = [];
try {
  const [strapiPort, thisPort, otherPort, barePort] = await freePorts(4);
  const { strapi } = await bootStrapi(strapiPort, `http://127.0.0.1:${thisPort}`);
  builds.push(await bootBuild('this', API_DIR, thisPort, strapi.url));
  builds.push(await bootBuild('other', path.resolve(otherApi), otherPort, strapi.url));

  const getPath = `/sites/${DEV.sites.lakeshore}/graphql?${new URLSearchParams({ query: LANDING_QUERY })}`;
  const headers = { 'x-site-key': DEV.siteKeys.lakeshore };
  const postBody = JSON.stringify({ query: LANDING_QUERY });
  /** @type {Record<string, number>} */
  const bytes = {};
  /** @type {import('../dist/support/edge-http.js').RawResponse | undefined} */
  let hit;
  for (const b of builds) {
    await rawRequest(b.url + getPath, { headers });
    const res = await rawRequest(b.url + getPath, { headers });
    check(res.status === 200 && res.headers['x-cache'] === 'HIT', `${b.name}: the second GET is HTTP ${res.status}, x-cache ${res.headers['x-cache']}`);
    bytes[b.name] = res.body.length;
    if (b.name === 'this') hit = res;
  }
  check(hit, 'no hit of this build');
  // The bare server replays this build's hit byte for byte (node:http adds Date, Connection and Keep-Alive itself).
  const added = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding']);
  const specFile = path.join(benchTmpDir(), 'ab-bare.json');
  writeFileSync(specFile, JSON.stringify({ status: 200, headers: hit.rawHeaders.filter(([k]) => !added.has(k.toLowerCase())), body: hit.body.toString('base64'), keepAliveTimeoutMs: 5000 }));
  const bare = await bootBareServer('bare node:http', specFile, barePort);
  const targets = [...builds.map((b) => ({ name: b.name, url: b.url, pid: b.pid })), { name: 'bare', url: `http://127.0.0.1:${barePort}`, pid: bare.pid }];
  log(`answer bytes: this ${bytes.this}, other ${bytes.other}; ${MODE.toUpperCase()} hits, ${REQUESTS} requests per run, ${ROUNDS} rounds`);

  const run = (/** @type {{ name: string, url: string, pid: number }} */ t, /** @type {number} */ n) => {
    const args = ['-c', '32', '-p', '1', '-a', String(n), '-j', '-H', `x-site-key=${headers['x-site-key']}`];
    if (MODE === 'post' && t.name !== 'bare') args.push('-m', 'POST', '-H', 'content-type=application/json', '-b', postBody);
    const cpu0 = cpuSeconds(t.pid);
    const out = execFileSync(AUTOCANNON, [...args, t.url + getPath], { encoding: 'utf8', maxBuffer: 1 << 26, stdio: ['ignore', 'pipe', 'ignore'] });
    const r = JSON.parse(out);
    check(r.non2xx === 0 && r.errors === 0, `${t.name}: ${r.non2xx} non-2xx answers, ${r.errors} errors`);
    return { rps: r.requests.total / r.duration, usPerRequest: (1e6 * (cpuSeconds(t.pid) - cpu0)) / r.requests.total };
  };
  for (const t of targets) run(t, Math.min(20_000, REQUESTS)); // warm-up
  /** @type {Record<string, Array<{ rps: number, usPerRequest: number }>>} */
  const runs = Object.fromEntries(targets.map((t) => [t.name, []]));
  for (let i = 0; i < ROUNDS; i++) {
    for (const t of i % 2 ? [...targets].reverse() : targets) {
      const x = run(t, REQUESTS);
      runs[t.name].push(x);
      log(`round ${i + 1} ${t.name}: ${x.rps.toFixed(0)} req/s, ${x.usPerRequest.toFixed(1)} µs CPU per request (load ${readFileSync('/proc/loadavg', 'utf8').split(' ')[0]})`);
    }
  }
  const median = (/** @type {number[]} */ a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
  for (const t of targets) {
    const rs = runs[t.name];
    log(`median ${t.name}: ${median(rs.map((x) => x.rps)).toFixed(0)} req/s, ${median(rs.map((x) => x.usPerRequest)).toFixed(1)} µs CPU per request`);
  }
} finally {
  await Promise.all(builds.map((b) => b.stop()));
  await cleanup();
}
