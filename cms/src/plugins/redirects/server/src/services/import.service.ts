import { randomBytes } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { checkRedirectRule, REDIRECT_CONTENT_TYPE, redirectKindOf, type RedirectErrorCode, type RedirectRule } from '@clinic/shared';
import { announceRedirectTable, findSite, type SiteRef, siteRedirects } from '../../../../../utils/redirect-table';
import { parseCsv } from '../utils/csv.util';

const REDIRECT = REDIRECT_CONTENT_TYPE.uid;
/** Rows per INSERT: well under SQLite's and PostgreSQL's bound-parameter limits at 8 columns a row. */
const CHUNK = 500;
export const MAX_ROWS = 100_000;
/** Row errors listed in full; beyond this only their count (a wrong file would list every row). */
const MAX_LISTED_ERRORS = 1_000;

export interface RowError {
  /** The line of the file (the header is line 1). */
  row: number;
  code: RedirectErrorCode | 'BAD_CSV' | 'TOO_MANY_ROWS';
  message: string;
}

export type ImportResult = { ok: true; site: string; imported: number; replaced: number; ms: number } | { ok: false; site: string; errorCount: number; errors: RowError[] };

export class ImportRefused extends Error {}

/** The import running for each site in this process (by site document id). */
const running = new Map<string, Promise<ImportResult>>();

/** A document id like Strapi's (24 lowercase letters and digits, starting with a letter). */
function documentId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = randomBytes(24);
  let id = alphabet[bytes[0] % 26];
  for (let i = 1; i < 24; i++) id += alphabet[bytes[i] % 36];
  return id;
}

/**
 * The paths of every loop in a site's table (each `from` has one target, so the table is a functional
 * graph: walk each path once, and a walk that meets itself found a loop).
 */
function loops(table: ReadonlyMap<string, string | null>): Map<string, string[]> {
  const state = new Map<string, 'walking' | 'done'>();
  const found = new Map<string, string[]>();
  for (const start of table.keys()) {
    if (state.has(start)) continue;
    const walk: string[] = [];
    let current: string | null | undefined = start;
    while (current != null && table.has(current) && !state.has(current)) {
      state.set(current, 'walking');
      walk.push(current);
      current = table.get(current);
    }
    if (current != null && state.get(current) === 'walking') {
      const cycle = walk.slice(walk.indexOf(current));
      for (const p of cycle) found.set(p, [...cycle, current]);
    }
    for (const p of walk) state.set(p, 'done');
  }
  return found;
}

/**
 * CSV import of a site's redirects: every row is checked like an editor's save (plus duplicates in the file
 * and against the site, and loops through the table as it would be), and either every row is written, in one
 * transaction with batch inserts, or none is and the row errors are answered. The gateway hears of it once.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async importCsv(input: { site: string; csv: string; replace: boolean }): Promise<ImportResult> {
    const site = (await findSite(strapi, { documentId: input.site })) ?? (await findSite(strapi, { slug: input.site }));
    if (!site) throw new ImportRefused(`No site "${input.site.slice(0, 60)}" (give its slug or document id)`);
    // One import of a site at a time in this process: each checks duplicates and loops against the table the previous one left.
    const previous = running.get(site.documentId) ?? Promise.resolve();
    const mine = previous.catch(() => undefined).then(() => this.checkAndWrite(site, input));
    running.set(site.documentId, mine);
    try {
      return await mine;
    } finally {
      if (running.get(site.documentId) === mine) running.delete(site.documentId);
    }
  },

  async checkAndWrite(site: SiteRef, input: { csv: string; replace: boolean }): Promise<ImportResult> {
    const started = performance.now();
    let records: ReturnType<typeof parseCsv>;
    try {
      records = parseCsv(input.csv);
    } catch (e) {
      return { ok: false, site: site.slug, errorCount: 1, errors: [{ row: 0, code: 'BAD_CSV', message: (e as Error).message }] };
    }
    const header = records[0]?.cells.map((c) => c.trim().toLowerCase());
    const hasHeader = header?.[0] === 'from';
    const column = (name: string, fallback: number) => (hasHeader ? header.indexOf(name) : fallback);
    const [fromCol, toCol, statusCol] = [column('from', 0), column('to', 1), column('status', 2)];
    const rows = hasHeader ? records.slice(1) : records;
    if (rows.length > MAX_ROWS) {
      return { ok: false, site: site.slug, errorCount: 1, errors: [{ row: 0, code: 'TOO_MANY_ROWS', message: `${rows.length} rows: at most ${MAX_ROWS} per import` }] };
    }

    const errors: RowError[] = [];
    const rules: Array<{ row: number; rule: RedirectRule }> = [];
    const firstRowOf = new Map<string, number>();
    for (const { line, cells } of rows) {
      const cell = (i: number) => (i >= 0 ? (cells[i] ?? '') : '');
      const kind = redirectKindOf(cell(statusCol));
      const checked = checkRedirectRule({ from: cell(fromCol), to: cell(toCol), kind: kind ?? cell(statusCol) });
      if (checked.problem) {
        errors.push({ row: line, code: checked.problem.code, message: checked.problem.message });
        continue;
      }
      const seen = firstRowOf.get(checked.rule.from);
      if (seen !== undefined) {
        errors.push({ row: line, code: 'DUPLICATE_FROM', message: `${checked.rule.from} is already on row ${seen}` });
        continue;
      }
      firstRowOf.set(checked.rule.from, line);
      rules.push({ row: line, rule: checked.rule });
    }

    const existing = input.replace ? [] : await siteRedirects(strapi, site.documentId);
    const table = new Map<string, string | null>(existing.map((r) => [r.fromPath, r.toPath]));
    for (const { row, rule } of rules) {
      const there = table.has(rule.from) ? { toPath: table.get(rule.from) } : undefined;
      if (there) errors.push({ row, code: 'DUPLICATE_FROM', message: `${rule.from} already redirects on ${site.slug} (to ${there.toPath ?? '410 Gone'})` });
    }
    for (const { rule } of rules) if (!table.has(rule.from)) table.set(rule.from, rule.to);
    const looping = loops(table);
    for (const { row, rule } of rules) {
      const loop = looping.get(rule.from);
      if (loop) errors.push({ row, code: 'LOOP', message: `loops: ${loop.slice(0, 6).join(' → ')}${loop.length > 6 ? ' → …' : ''}` });
    }

    if (errors.length) {
      errors.sort((a, b) => a.row - b.row);
      return { ok: false, site: site.slug, errorCount: errors.length, errors: errors.slice(0, MAX_LISTED_ERRORS) };
    }
    const replaced = await this.write(
      site,
      rules.map((r) => r.rule),
      input.replace,
    );
    announceRedirectTable(strapi, site);
    const ms = Math.round(performance.now() - started);
    strapi.log.info(`[redirects] imported ${rules.length} redirect(s) for ${site.slug} in ${ms} ms${input.replace ? ` (replacing ${replaced})` : ''}`);
    return { ok: true, site: site.slug, imported: rules.length, replaced, ms };
  },

  /**
   * One transaction: rows and their site links in batches, straight through the query builder (the document
   * service would validate, emit and send a webhook per row). Returns how many rows `replace` removed.
   */
  async write(site: SiteRef, rules: RedirectRule[], replace: boolean): Promise<number> {
    const meta = strapi.db.metadata.get(REDIRECT as any) as any;
    const col = (attr: string) => meta.attributes[attr].columnName ?? attr;
    const join = meta.attributes.site.joinTable;
    // The relation links to the site's rows the document service links to: its draft and published versions alike.
    const siteIds: number[] = (await strapi.db.query('api::site.site' as any).findMany({ where: { documentId: site.documentId }, select: ['id'] })).map((r: any) => r.id);
    const knex = strapi.db.connection;
    let replaced = 0;
    await knex.transaction(async (trx) => {
      if (replace) {
        const old = (await trx(join.name).select(join.joinColumn.name).whereIn(join.inverseJoinColumn.name, siteIds)).map((r: any) => r[join.joinColumn.name]);
        for (let i = 0; i < old.length; i += CHUNK) {
          const ids = old.slice(i, i + CHUNK);
          await trx(join.name).whereIn(join.joinColumn.name, ids).delete();
          replaced += await trx(meta.tableName).whereIn('id', ids).delete();
        }
      }
      const now = new Date();
      for (let i = 0; i < rules.length; i += CHUNK) {
        const chunk = rules.slice(i, i + CHUNK).map((rule) => ({
          [col('documentId')]: documentId(),
          [col('fromPath')]: rule.from,
          [col('toPath')]: rule.to,
          [col('kind')]: rule.kind,
          [col('createdAt')]: now,
          [col('updatedAt')]: now,
          [col('publishedAt')]: now,
        }));
        await trx(meta.tableName).insert(chunk);
        const ids = await trx(meta.tableName)
          .select('id')
          .whereIn(
            col('documentId'),
            chunk.map((r) => r[col('documentId')]),
          );
        const links = ids.flatMap((r: any) => siteIds.map((siteId) => ({ [join.joinColumn.name]: r.id, [join.inverseJoinColumn.name]: siteId })));
        for (let j = 0; j < links.length; j += CHUNK) await trx(join.name).insert(links.slice(j, j + CHUNK));
      }
    });
    return replaced;
  },
});
