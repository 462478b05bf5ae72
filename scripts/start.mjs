#!/usr/bin/env node
/**
 * `npm start`: Strapi (cms), the gateway (api) and the clinic website (web) with one command, dev settings from `.env.example`
 * unless the environment says otherwise. Builds the Strapi admin on first start. Ctrl-C stops all three.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
// The test harness, compiled by `npm run build` (tests/dist): one way to start a process and to wait for it.
import { answers } from '../tests/dist/support/edge-http.js';
import { spawnChild } from '../tests/dist/support/node-child.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * `.env` (if any) over `.env.example`, and the real environment over both. The URLs by which the two
 * apps reach each other follow CMS_PORT/API_PORT unless `.env` or the environment name them.
 * @returns {Record<string, string | undefined> & Record<'CMS_PORT' | 'API_PORT' | 'WEB_PORT' | 'STRAPI_URL', string>}
 */
function loadEnv() {
  const read = (file) => {
    const p = path.join(root, file);
    if (!existsSync(p)) return {};
    return Object.fromEntries(
      readFileSync(p, 'utf8')
        .split(/\r?\n/)
        .filter((l) => /^\s*[A-Z0-9_]+\s*=/.test(l))
        .map((l) => {
          const i = l.indexOf('=');
          return [
            l.slice(0, i).trim(),
            l
              .slice(i + 1)
              .trim()
              .replace(/^(['"])(.*)\1$/, '$2'),
          ];
        }),
    );
  };
  const explicit = { ...read('.env'), ...process.env };
  const merged = { ...read('.env.example'), ...explicit };
  const cmsPort = merged.CMS_PORT || '1337';
  const apiPort = merged.API_PORT || '4000';
  const webPort = merged.WEB_PORT || '3000';
  return {
    ...merged,
    CMS_PORT: cmsPort,
    API_PORT: apiPort,
    WEB_PORT: webPort,
    WEB_PUBLIC_URL: explicit.WEB_PUBLIC_URL || `http://localhost:${webPort}`,
    // The website's trusted documents (web/src/gql/persisted-documents.json) for every site it serves.
    TRUSTED_DOCUMENTS: merged.TRUSTED_DOCUMENTS || trustedDocumentsOf(merged.SITES),
    STRAPI_URL: explicit.STRAPI_URL || `http://127.0.0.1:${cmsPort}`,
    GATEWAY_URL: explicit.GATEWAY_URL || `http://127.0.0.1:${apiPort}`,
    GATEWAY_PUBLIC_URL: explicit.GATEWAY_PUBLIC_URL || `http://localhost:${apiPort}`,
    // The gateway purges the website's page cache with every purge of its own (web/src/server).
    WEB_PURGE_URLS: explicit.WEB_PURGE_URLS || `http://127.0.0.1:${webPort}/`,
  };
}

/** `<site>=<web manifest>` for each site slug in SITES (`<host>=<site-slug>:<key>,…`). */
function trustedDocumentsOf(sites = '') {
  const manifest = path.join(root, 'web', 'src', 'gql', 'persisted-documents.json');
  const slugs = new Set(
    sites
      .split(',')
      .filter(Boolean)
      .map((e) => e.slice(e.indexOf('=') + 1, e.indexOf(':', e.indexOf('=')))),
  );
  return [...slugs].map((slug) => `${slug}=${manifest}`).join(',');
}

const env = loadEnv();
const cmsDir = path.join(root, 'cms');
// Strapi's CLI run by node directly (not through npx), so that our signals reach it.
const strapiPkg = createRequire(path.join(cmsDir, 'package.json')).resolve('@strapi/strapi/package.json');
const { bin } = JSON.parse(readFileSync(strapiPkg, 'utf8'));
const strapiBin = path.join(path.dirname(strapiPkg), typeof bin === 'string' ? bin : bin.strapi);
const apiDir = path.join(root, 'api');

if (!existsSync(path.join(cmsDir, 'dist', 'build', 'index.html'))) {
  console.log('» First start: building the Strapi admin panel (about a minute; later starts reuse it)…');
  const built = spawnSync(process.execPath, [strapiBin, 'build'], { cwd: cmsDir, env, stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

const children = [];
/**
 * Starts one app with its output prefixed. `restart` (Strapi): when it exits on its own it is started
 * again, after 1 s, 2 s, 4 s … (at most 30 s; the delay resets after a minute up), while the gateway
 * stays up and serves what it has cached. Any other app exiting stops everything.
 */
function run(name, cmd, args, cwd, extraEnv, { restart = false, attempt = 0 } = {}) {
  const prefix = (line) => `${name.padEnd(4)} │ ${line}`;
  // Whole lines only, per stream: a chunk may end mid-line.
  const partial = { stdout: '', stderr: '' };
  const { child } = spawnChild(cmd, args, {
    cwd,
    env: { ...env, ...extraEnv },
    name,
    keepChunks: 1,
    onOutput: (chunk, stream) => {
      const lines = (partial[stream] + chunk).split('\n');
      partial[stream] = lines.pop() ?? '';
      for (const l of lines) console.log(prefix(l));
    },
  });
  const startedAt = Date.now();
  console.log(prefix(`started (pid ${child.pid})`));
  child.on('exit', (code, signal) => {
    children.splice(children.indexOf(child), 1);
    if (stopping) return;
    if (restart) {
      const next = Date.now() - startedAt > 60_000 ? 0 : attempt + 1;
      const delay = Math.min(30_000, 1000 * 2 ** Math.max(0, next - 1));
      console.log(prefix(`exited (${signal ?? code}); restarting in ${delay / 1000} s (the gateway keeps serving cached content)`));
      const timer = setTimeout(() => {
        if (!stopping) run(name, cmd, args, cwd, extraEnv, { restart, attempt: next });
      }, delay);
      timers.push(timer);
      return;
    }
    console.log(prefix(`exited (${signal ?? code}); stopping the other processes`));
    stop(code ?? 1);
  });
  children.push(child);
  return child;
}
const timers = [];

let stopping = false;
function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  for (const t of timers) clearTimeout(t);
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  const force = setTimeout(() => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  }, 10_000);
  force.unref();
  void Promise.all([...children].map((c) => (c.exitCode !== null ? null : new Promise((r) => c.on('exit', r))))).then(() => process.exit(code));
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

// Both apps read PORT (each has its own in production); here they share one environment.
const strapiPort = env.CMS_PORT;
const gatewayPort = env.API_PORT;
const strapiUrl = env.STRAPI_URL;
const gatewayUrl = `http://127.0.0.1:${gatewayPort}`;

/** Resolves once `url` answers below 500; stops everything if it does not within `ms`. */
async function waitUp(name, url, ms) {
  const started = Date.now();
  const answering = answers(url, (status) => status < 500);
  for (;;) {
    if (await answering()) return;
    if (stopping) return new Promise(() => undefined); // the exit handler ends the process
    if (Date.now() - started > ms) {
      console.error(`${name} did not come up within ${ms / 1000} s`);
      stop(1);
      return new Promise(() => undefined);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
}

run('cms', process.execPath, [strapiBin, 'start'], cmsDir, { PORT: strapiPort }, { restart: true });
await waitUp('Strapi', `${strapiUrl}/_health`, 120_000);
run('api', process.execPath, ['dist/main.js'], apiDir, { PORT: gatewayPort });
await waitUp('The gateway', `${gatewayUrl}/health/live`, 60_000);
const web = startWeb();

/** The clinic website (web/: its front server with Next behind it), one process for every site in SITES (host → site). */
function startWeb() {
  const webDir = path.join(root, 'web');
  run('web', process.execPath, ['dist/server/main.mjs'], webDir, {
    NEXT_TELEMETRY_DISABLED: '1',
    GATEWAY_URL: gatewayUrl,
    PORT: env.WEB_PORT,
    CMS_PUBLIC_URL: env.CMS_PUBLIC_URL || `http://localhost:${env.CMS_PORT}`,
  });
  const sites = (env.SITES || '')
    .split(',')
    .filter(Boolean)
    .map((e) => ({ host: e.slice(0, e.indexOf('=')), slug: e.slice(e.indexOf('=') + 1, e.indexOf(':')) }));
  return { sites, url: (host, p) => `http://${host}:${env.WEB_PORT}${p}` };
}
await waitUp('The website', `http://127.0.0.1:${env.WEB_PORT}/robots.txt`, 60_000);
// The first landing page each seeded site serves (lakeshore: Chicago; northshore: Chicago and Evanston).
// Spanish URLs in Spanish: the seeded Kyphoplasty's Spanish slug (Evanston has no Spanish page).
const LANDING = {
  'lakeshore-spine': { en: '/chicago/kyphoplasty', es: '/es/chicago/cifoplastia' },
  'northshore-spine-partners': { en: '/evanston/kyphoplasty' },
};
const webLines = web.sites
  .map((s) => {
    const page = LANDING[s.slug] || { en: '/' };
    return `  Website        ${web.url(s.host, page.en).padEnd(52)} (${s.slug}${page.es ? `; Spanish: ${page.es}` : ''})`;
  })
  .join('\n');

const firstKey = (env.SITE_KEYS || '').split(',')[0] || '';
const [demoKey, demoSite] = [firstKey.slice(0, firstKey.lastIndexOf(':')), firstKey.slice(firstKey.lastIndexOf(':') + 1)];
console.log(`
  Strapi admin   ${strapiUrl.replace('127.0.0.1', 'localhost')}/admin   (dev login ${env.CMS_ADMIN_EMAIL} / ${env.CMS_ADMIN_PASSWORD}; editor ${env.CMS_EDITOR_EMAIL} / ${env.CMS_EDITOR_PASSWORD})
${webLines}
  GraphQL        http://localhost:${gatewayPort}/graphql
  Demo site key  ${demoKey}  (site ${demoSite})

  Try: curl -s http://localhost:${gatewayPort}/graphql -H 'content-type: application/json' -H 'x-site-key: ${demoKey}' \\
         -d '{"query":"{ landingPage(procedure: \\"kyphoplasty\\", location: \\"chicago\\") { title h1 clinics { name } } }"}'
  Ctrl-C stops all three.
`);
