import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Core } from '@strapi/strapi';
import { ALL_LOCALES, PLUGIN, SCHEDULE_UID } from '../utils/constants';

interface DueRow {
  id: number;
  targetUid: string;
  targetDocumentId: string;
  targetLocale: string | null;
  action: 'publish' | 'unpublish';
  attempts: number | null;
}

/** The claim was taken over (stale rule) while this process ran it: its work must not commit. */
class LostClaimError extends Error {}

/**
 * Carries out due schedules, exactly once across every Strapi process on the same database:
 *
 * - claim: `UPDATE … SET status='running', claimedBy=<me> WHERE id=? AND status='pending'`; only the
 *   process whose update changed the row runs it (the database serializes the two updates).
 * - run: the publish/unpublish through the document service (so middlewares — slug redirects — and the
 *   webhook behave as for the Publish button) and the row's `done` in ONE transaction, the latter
 *   conditional on still holding the claim. A process that dies mid-run commits neither; one that lost
 *   its claim rolls its publish back.
 * - stale claims: a row `running` for longer than `staleAfterMs` belongs to a process that died (its
 *   transaction was rolled back with its connection) and goes back to `pending`.
 * - failure: the row is `failed` with the error, which the side panel shows the editor.
 *
 * The document service emits its events after the outermost transaction commits, so the gateway's
 * webhook never reads the document before the publish is visible.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const owner = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  const rows = () => strapi.db.query(SCHEDULE_UID as any);
  const config = <T>(key: string, fallback: T): T => (strapi.plugin(PLUGIN).config(key) as T) ?? fallback;

  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = true;
  // Set by stop() only, so a manual tick() (tests, a one-off run) works while polling is off.
  let stopping = false;

  async function releaseStaleClaims(now: Date): Promise<void> {
    const before = new Date(now.getTime() - config('staleAfterMs', 120_000));
    const { count } = await rows().updateMany({
      where: { status: 'running', claimedAt: { $lt: before } },
      data: { status: 'pending', claimedBy: null, claimedAt: null },
    });
    if (count > 0) strapi.log.warn(`[publish-schedule] ${count} schedule(s) left running by a stopped process are pending again`);
  }

  async function claim(row: DueRow, now: Date): Promise<boolean> {
    const { count } = await rows().updateMany({
      where: { id: row.id, status: 'pending' },
      data: { status: 'running', claimedBy: owner, claimedAt: now, attempts: (row.attempts ?? 0) + 1 },
    });
    return count === 1;
  }

  async function execute(row: DueRow): Promise<void> {
    const uid = row.targetUid;
    if (!strapi.contentTypes[uid as keyof typeof strapi.contentTypes]) throw new Error(`Content type ${uid} no longer exists`);
    const locale = row.targetLocale ?? undefined;
    await strapi.db.transaction(async () => {
      const where: Record<string, unknown> = { documentId: row.targetDocumentId };
      if (locale && locale !== ALL_LOCALES) where.locale = locale;
      const exists = await strapi.db.query(uid as any).findOne({ where, select: ['id'] });
      if (!exists) throw new Error(`The document no longer exists${locale && locale !== ALL_LOCALES ? ` in locale ${locale}` : ''} (deleted?)`);

      const documents = strapi.documents(uid as any) as any;
      const params = { documentId: row.targetDocumentId, ...(locale ? { locale } : {}) };
      if (row.action === 'publish') await documents.publish(params);
      else await documents.unpublish(params);

      const { count } = await rows().updateMany({
        where: { id: row.id, status: 'running', claimedBy: owner },
        data: { status: 'done', error: null, finishedAt: new Date() },
      });
      if (count !== 1) throw new LostClaimError(`schedule ${row.id} was taken over by another process`);
    });
  }

  async function fail(row: DueRow, error: Error): Promise<void> {
    const message = (error.message || String(error)).slice(0, 2000);
    await rows().updateMany({
      where: { id: row.id, status: 'running', claimedBy: owner },
      data: { status: 'failed', error: message, finishedAt: new Date() },
    });
    strapi.log.error(`[publish-schedule] ${row.action} of ${row.targetUid} ${row.targetDocumentId}${row.targetLocale ? ` (${row.targetLocale})` : ''} failed: ${message}`);
  }

  /** One pass: take back stale claims, then claim and run what is due, oldest first. */
  async function tick(): Promise<number> {
    const now = new Date();
    await releaseStaleClaims(now);
    const due: DueRow[] = await rows().findMany({
      where: { status: 'pending', runAt: { $lte: now } },
      select: ['id', 'targetUid', 'targetDocumentId', 'targetLocale', 'action', 'attempts'],
      orderBy: [{ runAt: 'asc' }, { id: 'asc' }],
      limit: config('batchSize', 50),
    });
    let done = 0;
    for (const row of due) {
      if (stopping) break;
      if (!(await claim(row, now))) continue;
      try {
        await execute(row);
        done += 1;
        strapi.log.info(`[publish-schedule] ${row.action} of ${row.targetUid} ${row.targetDocumentId}${row.targetLocale ? ` (${row.targetLocale})` : ''} done`);
      } catch (error) {
        if (error instanceof LostClaimError) strapi.log.warn(`[publish-schedule] ${error.message}; rolled back here`);
        else await fail(row, error as Error).catch((e) => strapi.log.error(`[publish-schedule] could not record a failure: ${e.message}`));
      }
    }
    return done;
  }

  function schedule(): void {
    if (stopped) return;
    timer = setTimeout(
      () => {
        running = tick()
          .then(() => undefined)
          .catch((error) => strapi.log.error(`[publish-schedule] pass failed: ${(error as Error).message}`))
          .finally(() => {
            running = undefined;
            schedule();
          });
      },
      config('pollIntervalMs', 10_000),
    );
    timer.unref();
  }

  return {
    owner,
    tick,
    /** Starts polling every `pollIntervalMs`; 0 leaves scheduling to other processes. */
    start(): void {
      if (!stopped || config('pollIntervalMs', 10_000) <= 0) return;
      stopped = false;
      stopping = false;
      schedule();
    },
    /** Stops polling and waits for a pass under way, so shutdown never cuts a publish in half. */
    async stop(): Promise<void> {
      stopped = true;
      stopping = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
};
