/**
 * Backup/restore round trip with Strapi's CLI (scripts/backup-roundtrip.mjs): export a seeded and
 * edited database, import it into a wiped one, and compare documents per type, locale and status.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CmsAdmin } from '../support/cms-admin.js';
import { spawnStrapi } from '../support/strapi-process.js';

const SCRIPT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../scripts/backup-roundtrip.mjs');

describe('backup: strapi export → wipe → strapi import', () => {
  it('loses no document (counts and documentIds per content type, locale and status)', async () => {
    const strapi = await spawnStrapi({
      gatewayUrl: 'http://127.0.0.1:9',
      env: { GATEWAY_WEBHOOK_ENABLED: 'false' },
    });
    try {
      await strapi.start(); // fresh SQLite: the seed runs
      // A published document with a newer draft: both versions must survive the round trip.
      await new CmsAdmin(strapi.url).publishChicagoIntro(`Published before the backup at ${Date.now()}.`);
      await fetch(`${strapi.url}/_health`);
      await strapi.kill(); // the script copies the file with SQLite's backup API; a crash-consistent file is enough
      const started = Date.now();
      const res = spawnSync(process.execPath, [SCRIPT, '--db', strapi.dbFile, '--json'], { encoding: 'utf8', timeout: 240_000 });
      if (res.status !== 0) console.log(res.stdout, res.stderr);
      expect(res.status).toBe(0);
      const summary = JSON.parse(res.stdout.trim().split('\n').pop()!);
      const lines = summary.types.map((t: any) => `${t.type} ${t.before}→${t.after} ${JSON.stringify(t.byLocaleStatus)}`);
      console.log(
        `[backup] round trip in ${Date.now() - started} ms (copy ${summary.timings.copy} ms, export ${summary.timings.export} ms, import ${summary.timings.import} ms; archive ${(summary.archiveBytes / 1024).toFixed(0)} KiB); lost ${summary.lost}, extra ${summary.extra}\n  ${lines.join('\n  ')}`,
      );
      expect(summary.ok).toBe(true);
      expect(summary.lost).toBe(0);
      const byType = Object.fromEntries(summary.types.map((t: any) => [t.type, t.before]));
      expect(byType['api::procedure.procedure']).toBeGreaterThan(0);
      expect(byType['api::location.location']).toBeGreaterThan(0);
    } finally {
      await strapi.stop();
    }
  }, 300_000);
});
