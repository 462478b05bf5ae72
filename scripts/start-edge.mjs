#!/usr/bin/env node
/**
 * `npm run start:edge`: `npm start` (scripts/start.mjs, unchanged) with Varnish in front of the gateway
 * on EDGE_PORT (8080) and of the website on WEB_EDGE_PORT (8081), running deploy/varnish/default.vcl. The
 * gateway purges it on every publish, after the website's own page cache (CDN_PROVIDER=varnish,
 * CDN_PURGE_URLS=http://127.0.0.1:<EDGE_PORT>/ unless set). Both apps trust Varnish, on loopback, to name
 * the visitor (TRUST_PROXY), as in docker-compose.yml. Ctrl-C stops everything.
 * Needs Debian's `varnish` and `varnish-modules` packages.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
// Varnish as the tests and the bench start it (tests/support/varnish-process.ts, compiled by `npm run build`).
import { startVarnish, varnishAvailable } from '../tests/dist/support/varnish-process.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** A variable as start.mjs sees it: the environment, then `.env`, then `.env.example`. */
function setting(name, fallback) {
  if (process.env[name]) return process.env[name];
  for (const file of ['.env', '.env.example']) {
    const p = path.join(root, file);
    if (!existsSync(p)) continue;
    const line = readFileSync(p, 'utf8')
      .split(/\r?\n/)
      .find((l) => new RegExp(`^\\s*${name}\\s*=`).test(l));
    if (line)
      return line
        .slice(line.indexOf('=') + 1)
        .trim()
        .replace(/^(['"])(.*)\1$/, '$2');
  }
  return fallback;
}

if (!varnishAvailable()) {
  console.error('start:edge needs varnishd and vmod xkey: sudo apt-get install varnish varnish-modules');
  process.exit(1);
}
const edgePort = setting('EDGE_PORT', '8080');
const webEdgePort = setting('WEB_EDGE_PORT', '8081');
const apiPort = setting('API_PORT', '4000');
const webPort = setting('WEB_PORT', '3000');
const env = {
  ...process.env,
  CDN_PROVIDER: process.env.CDN_PROVIDER || 'varnish',
  CDN_PURGE_URLS: process.env.CDN_PURGE_URLS || `http://127.0.0.1:${edgePort}/`,
  // Varnish reaches the gateway and the website from 127.0.0.1: trusting that one address, both budget the client
  // Varnish names in X-Forwarded-For (its last hop), and nothing a client wrote before it. Not a hop count
  // (Fastify 5.12 ignores those: a count cannot tell the proxy from a direct client), nor every loopback
  // address (a local client on 127.0.0.2 could then name any address). Set explicitly (environment or
  // .env), TRUST_PROXY is left as it is.
  TRUST_PROXY: setting('TRUST_PROXY', '') || '127.0.0.1',
};

let varnish;
let stopping = false;
const app = spawn(process.execPath, [path.join(root, 'scripts/start.mjs')], { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'] });
async function stop(code) {
  if (stopping) return;
  stopping = true;
  await varnish?.stop().catch(() => undefined);
  if (app.exitCode === null) {
    app.kill('SIGTERM');
    await new Promise((r) => app.once('exit', r));
  }
  process.exit(code);
}
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));
app.on('exit', (code) => void stop(code ?? 1));

let buffered = '';
app.stdout.on('data', async (chunk) => {
  process.stdout.write(chunk);
  if (varnish || stopping) return;
  buffered += chunk;
  // start.mjs ends its banner with "Ctrl-C stops …" once every app answers.
  if (!/^\s*Ctrl-C stops [^\n]*\.\s*$/m.test(buffered)) return;
  buffered = '';
  try {
    varnish = await startVarnish({
      listen: [`0.0.0.0:${edgePort}`],
      webListen: `0.0.0.0:${webEdgePort}`,
      backend: { host: '127.0.0.1', port: apiPort },
      web: { host: '127.0.0.1', port: webPort },
      purgers: ['127.0.0.1', '::1'],
      onLog: (text) => process.stdout.write(text.replace(/^(?=.)/gm, 'edge │ ')),
    });
  } catch (e) {
    console.error(`edge │ ${e instanceof Error ? e.message : e}`);
    return stop(1);
  }
  const firstKey = (setting('SITE_KEYS', '') || '').split(',')[0] || '';
  const site = firstKey.slice(firstKey.lastIndexOf(':') + 1) || 'lakeshore-spine';
  console.log(`
  Edge (Varnish) http://localhost:${edgePort}   → gateway :${apiPort}; deploy/varnish/default.vcl; purged by the gateway on publish
  Website edge   http://lakeshore.localhost:${webEdgePort}/chicago/kyphoplasty   → website :${webPort} (pages by host + path)
  Try: curl -sI http://localhost:${edgePort}/sites/${site}/sitemap.xml   (x-edge-cache: MISS, then HIT)
  Ctrl-C stops everything, Varnish included.
`);
});
