'use strict';
/**
 * Moves every clinic's old free-text opening hours into the structured "Opening hours" component and
 * reports, clinic by clinic, what it could not read (those clinics are left untouched). Boots the
 * compiled CMS (`npm run build` first) against the database its environment names, as `npm start` would.
 *
 *   npm run migrate:opening-hours -w cms [-- --dry-run]
 *
 * Exit status: 0 when everything was migrated or had nothing to migrate, 3 when some clinics were left
 * for an editor (listed), 1 on an error.
 */
const path = require('node:path');
const { createStrapi } = require('@strapi/strapi');

const appDir = path.resolve(__dirname, '..');
const dryRun = process.argv.includes('--dry-run');

async function main() {
  const app = createStrapi({ appDir, distDir: path.join(appDir, 'dist'), serveAdminPanel: false, autoReload: false });
  app.log.level = process.env.MIGRATE_LOG_LEVEL || 'warn';
  await app.load();
  try {
    const { migrateOpeningHours } = require(path.join(appDir, 'dist/src/migrations/opening-hours.js'));
    const rows = await migrateOpeningHours(app, { dryRun });
    const count = (outcome) => rows.filter((r) => r.outcome === outcome).length;
    for (const r of rows.filter((row) => row.outcome !== 'skipped')) {
      console.log(`${r.outcome.padEnd(19)} ${r.name} (${r.documentId})${r.unparsed.length ? `\n${r.unparsed.map((line) => `    not understood: ${line}`).join('\n')}` : ''}`);
    }
    console.log(
      `[migrate:opening-hours]${dryRun ? ' dry run:' : ''} ${count('migrated')} migrated, ${count('migrated-draft-only')} migrated in the draft only (pending edits: publish to release), ${count('unparsed')} left for an editor, ${count('skipped')} with nothing to migrate`,
    );
    console.log(JSON.stringify({ report: rows }));
    return count('unparsed') ? 3 : 0;
  } finally {
    await app.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error('[migrate:opening-hours] failed:', error?.message ?? error);
    process.exit(1);
  },
);
