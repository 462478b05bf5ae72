#!/usr/bin/env node
/**
 * Backup/restore round trip with Strapi's own CLI, proving that a backup loses no document.
 *
 *   node scripts/backup-roundtrip.mjs [--db <sqlite file>] [--keep] [--json]
 *
 * 1. copies the SQLite database (default cms/.tmp/data.db) to a scratch directory (online backup API,
 *    so a running Strapi is not disturbed and the copy is consistent);
 * 2. `strapi export --no-encrypt --no-compress -f <scratch>/backup` on the copy → backup.tar;
 * 3. wipes: a brand-new, empty scratch database (SEED=false, so nothing is created but the schema);
 * 4. `strapi import -f <scratch>/backup.tar --force` into it;
 * 5. compares both databases: per content type, per locale and per status (draft / published), the
 *    number of documents and their documentIds, plus media library files and i18n locales.
 * Exits 1 on any difference. The original database is only read.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CMS = path.join(ROOT, 'cms');
const require = createRequire(path.join(CMS, 'package.json'));
const Database = require('better-sqlite3');
// The `strapi` CLI of the cms workspace (bin/ is not in the package's exports, so found by path).
const STRAPI_BIN = [path.join(CMS, 'node_modules/@strapi/strapi/bin/strapi.js'), path.join(ROOT, 'node_modules/@strapi/strapi/bin/strapi.js')].find((p) => existsSync(p));

const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const source = path.resolve(opt('--db') ?? path.join(CMS, '.tmp/data.db'));
const keep = args.includes('--keep');
const asJson = args.includes('--json');
const say = (...a) => (asJson ? console.error(...a) : console.log(...a));

if (!existsSync(source)) {
  console.error(`No database at ${source} (start Strapi once, or pass --db <file>).`);
  process.exit(2);
}

const work = mkdtempSync(path.join(tmpdir(), 'clinic-backup-'));
const copy = path.join(work, 'source-copy.db');
const restored = path.join(work, 'restored.db');
const archive = path.join(work, 'backup'); // the CLI appends .tar
const timings = {};

function strapi(label, cliArgs, dbFile) {
  const started = Date.now();
  const res = spawnSync(process.execPath, [STRAPI_BIN, ...cliArgs], {
    cwd: CMS,
    encoding: 'utf8',
    timeout: 180_000,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      DATABASE_CLIENT: 'sqlite',
      DATABASE_FILENAME: dbFile,
      SEED: 'false',
      GATEWAY_WEBHOOK_ENABLED: 'false',
      STRAPI_TELEMETRY_DISABLED: 'true',
      STRAPI_DISABLE_UPDATE_NOTIFICATION: 'true',
    },
  });
  timings[label] = Date.now() - started;
  if (res.status !== 0) {
    console.error(`strapi ${cliArgs.join(' ')} failed (exit ${res.status}):\n${res.stdout}\n${res.stderr}`);
    process.exit(1);
  }
  return res.stdout;
}

/** documentId|locale|status for every row of every app content type, plus files and locales. */
function inventory(dbFile) {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    const out = {};
    const apiDir = path.join(CMS, 'src/api');
    for (const api of readdirSync(apiDir)) {
      const ctDir = path.join(apiDir, api, 'content-types');
      if (!existsSync(ctDir)) continue;
      for (const ct of readdirSync(ctDir)) {
        const schema = JSON.parse(readFileSync(path.join(ctDir, ct, 'schema.json'), 'utf8'));
        const localized = !!schema.pluginOptions?.i18n?.localized;
        const rows = db.prepare(`SELECT document_id AS d, ${localized ? 'locale' : "'-'"} AS l, published_at IS NOT NULL AS p FROM ${schema.collectionName}`).all();
        out[`api::${api}.${ct}`] = rows.map((r) => `${r.d}|${r.l}|${r.p ? 'published' : 'draft'}`).sort();
      }
    }
    out['plugin::upload.file'] = db
      .prepare('SELECT document_id AS d FROM files')
      .all()
      .map((r) => `${r.d}|-|-`)
      .sort();
    out['plugin::i18n.locale'] = db
      .prepare('SELECT code AS d FROM i18n_locale')
      .all()
      .map((r) => `${r.d}|-|-`)
      .sort();
    return out;
  } finally {
    db.close();
  }
}

/** counts per locale and status, e.g. { "en/published": 2, "en/draft": 2 } */
const countsOf = (rows) =>
  rows.reduce((acc, row) => {
    const [, l, p] = row.split('|');
    const k = `${l}/${p}`;
    acc[k] = (acc[k] ?? 0) + 1;
    return acc;
  }, {});

try {
  say(`source ${source}\nscratch ${work}`);
  const t0 = Date.now();
  const src = new Database(source, { readonly: true, fileMustExist: true });
  await src.backup(copy);
  src.close();
  timings.copy = Date.now() - t0;

  strapi('export', ['export', '--no-encrypt', '--no-compress', '-f', archive], copy);
  const tar = `${archive}.tar`;
  if (!existsSync(tar)) throw new Error(`export did not write ${tar}`);
  say(`exported ${tar} (${(statSync(tar).size / 1024).toFixed(0)} KiB) in ${timings.export} ms`);

  rmSync(restored, { force: true }); // the wiped database: Strapi creates an empty schema on boot
  strapi('import', ['import', '-f', tar, '--force'], restored);
  say(`imported into an empty database in ${timings.import} ms`);

  const before = inventory(copy);
  const after = inventory(restored);
  const types = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  const report = [];
  let lost = 0;
  let extra = 0;
  for (const type of types) {
    const a = new Set(before[type] ?? []);
    const b = new Set(after[type] ?? []);
    const missing = [...a].filter((x) => !b.has(x));
    const added = [...b].filter((x) => !a.has(x));
    lost += missing.length;
    extra += added.length;
    report.push({ type, before: a.size, after: b.size, byLocaleStatus: countsOf([...a]), missing, added });
    say(
      `${missing.length || added.length ? '✗' : '✓'} ${type.padEnd(34)} ${String(a.size).padStart(3)} → ${String(b.size).padStart(3)}  ${JSON.stringify(countsOf([...a]))}${missing.length ? `  missing ${missing.join(', ')}` : ''}${added.length ? `  added ${added.join(', ')}` : ''}`,
    );
  }
  const summary = { ok: lost === 0 && extra === 0, lost, extra, timings, types: report, archiveBytes: statSync(tar).size };
  if (asJson) console.log(JSON.stringify(summary));
  say(summary.ok ? 'Round trip OK: every document came back, per type, locale and status.' : `Round trip FAILED: ${lost} missing, ${extra} unexpected.`);
  process.exitCode = summary.ok ? 0 : 1;
} finally {
  if (!keep) rmSync(work, { recursive: true, force: true });
  else say(`kept ${work}`);
}
