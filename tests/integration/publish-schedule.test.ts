/**
 * Scheduled publishing (cms/src/plugins/publish-schedule) with TWO Strapi processes on one throw-away
 * PostgreSQL database, the real gateway behind Strapi's webhook:
 * - many due schedules, each carried out exactly once (counted by a trigger in the database, which
 *   sees committed publishes only), while one process is SIGKILLed mid-batch;
 * - a claim left `running` by a dead process is taken back and run;
 * - schedules set, every process stopped, the time passes, a process comes back: they run;
 * - a schedule whose document was deleted is `failed` with its reason, listed by the admin API;
 * - the admin API refuses bad input with clear 4xx answers;
 * - a scheduled publish reaches the site through the gateway (webhook → purge) within 60 s.
 *
 * Needs PostgreSQL (PG_TEST_URL, which CI sets); without it the suite is skipped with a warning.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEV } from '../support/dev-env.js';
import { startGateway, type GatewayHandle } from '../support/gateway-harness.js';
import { createPgDatabase, type PgDatabase } from '../support/pg-database.js';
import { freePort } from '../support/ports.js';
import { CITY_INTRO } from '../support/queries.js';
import { waitFor } from '../support/stack.js';
import { spawnStrapi, type StrapiProcess } from '../support/strapi-process.js';

const log = (line: string) => console.log(`[publish-schedule] ${line}`);
const CLINIC = 'api::clinic.clinic';
const LOCATION = 'api::location.location';
const API = '/publish-schedule/schedules';
const POLL_MS = 250;
const STALE_MS = 4000;
/** The requirement: visible on the site within 60 s of the scheduled time (default poll 10 s). */
const VISIBLE_WITHIN_MS = 60_000;

const pg = await createPgDatabase('clinic_schedule');
if ('skipped' in pg) console.warn(`⚠ ${pg.skipped}: the publish-schedule suite (two Strapi processes on PostgreSQL) is SKIPPED.`);
const db: PgDatabase | undefined = 'db' in pg ? pg.db : undefined;
const describePg = db ? describe : describe.skip;

/** Every webhook Strapi sends, recorded, then passed on to the gateway (so purges still happen). */
interface Hook {
  event: string;
  uid: string;
  documentId: string;
  locale: string | null;
}
const hooks: Hook[] = [];
let hookServer: http.Server | undefined;
async function startHookRecorder(gatewayUrl: string): Promise<string> {
  hookServer = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks).toString();
      try {
        const payload = JSON.parse(body);
        hooks.push({ event: payload.event, uid: payload.uid, documentId: payload.entry?.documentId, locale: payload.entry?.locale ?? null });
      } catch {
        /* not JSON: nothing to count */
      }
      // Answered at once: Strapi sends its webhooks one after the other, and the gateway may take its
      // time re-reading a document while the Strapi it reads from is down (the restart test).
      res.writeHead(204).end();
      await fetch(`${gatewayUrl}${req.url}`, {
        method: req.method,
        headers: { 'content-type': 'application/json', authorization: String(req.headers.authorization ?? '') },
        body,
      }).catch(() => undefined);
    });
  });
  await new Promise<void>((r) => hookServer!.listen(0, '127.0.0.1', () => r()));
  return `http://127.0.0.1:${(hookServer.address() as AddressInfo).port}`;
}
const webhooksOf = (documentId: string) => hooks.filter((h) => h.event === 'entry.publish' && h.documentId === documentId).length;

/**
 * Committed publishes of clinics, counted in the database: Strapi publishes by inserting the new
 * published row, and a trigger logs each such insert in the same transaction. Webhooks cannot count
 * them: one a process had not yet sent when it was killed is lost (the gateway's reconciliation
 * covers that in production).
 */
async function countPublishes(): Promise<void> {
  await db!.query(`
    CREATE TABLE test_publish_log (document_id text NOT NULL, at timestamptz NOT NULL DEFAULT clock_timestamp());
    CREATE FUNCTION test_log_publish() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN INSERT INTO test_publish_log (document_id) VALUES (NEW.document_id); RETURN NEW; END $$;
    CREATE TRIGGER test_log_publish AFTER INSERT ON clinics FOR EACH ROW WHEN (NEW.published_at IS NOT NULL)
      EXECUTE FUNCTION test_log_publish();`);
}
async function publishes(documentIds: string[]): Promise<number[]> {
  const found = await db!.query<{ document_id: string; n: string }>('SELECT document_id, count(*) AS n FROM test_publish_log WHERE document_id = ANY($1) GROUP BY document_id', [
    documentIds,
  ]);
  return documentIds.map((id) => Number(found.find((f) => f.document_id === id)?.n ?? 0));
}

let a: StrapiProcess;
let b: StrapiProcess;
let gateway: GatewayHandle;
let token = '';

/** The admin API with one login for the whole file (Strapi rate-limits /admin/login); the JWT is valid on both processes. */
async function admin(strapi: StrapiProcess, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${strapi.url}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}
async function ok(strapi: StrapiProcess, method: string, path: string, body?: unknown): Promise<any> {
  const res = await admin(strapi, method, path, body);
  if (res.status >= 300) throw new Error(`${method} ${path}: HTTP ${res.status} ${JSON.stringify(res.body).slice(0, 400)}`);
  return res.body;
}

async function createDraftClinic(strapi: StrapiProcess, n: number): Promise<string> {
  const slug = `scheduled-clinic-${n}-${Date.now()}`;
  const res = await ok(strapi, 'POST', `/content-manager/collection-types/${CLINIC}`, { name: `Scheduled clinic ${n}`, slug });
  return res.data.documentId as string;
}
async function schedule(strapi: StrapiProcess, input: { uid: string; documentId: string; locale?: string | null; action: string; runAt: Date }) {
  const res = await ok(strapi, 'POST', API, { ...input, runAt: input.runAt.toISOString() });
  return res.data as { id: number; status: string };
}
async function rows(strapi: StrapiProcess, query = ''): Promise<any[]> {
  return (await ok(strapi, 'GET', `${API}${query}`)).data;
}
/** Waits until every listed schedule has left pending/running (the runners report through the table). */
async function settled(strapi: StrapiProcess, ids: number[], timeoutMs: number): Promise<any[]> {
  let last: any[] = [];
  await waitFor(
    async () => {
      last = (await rows(strapi)).filter((r) => ids.includes(r.id));
      return last.length === ids.length && last.every((r) => r.status === 'done' || r.status === 'failed');
    },
    timeoutMs,
    200,
  );
  return last;
}

beforeAll(async () => {
  if (!db) return;
  const gatewayPort = await freePort();
  const hookUrl = await startHookRecorder(`http://127.0.0.1:${gatewayPort}`);
  const env = {
    DATABASE_CLIENT: 'postgres',
    DATABASE_URL: db.url,
    DATABASE_POOL_MIN: '0',
    DATABASE_POOL_MAX: '4',
    PUBLISH_SCHEDULE_POLL_MS: String(POLL_MS),
    PUBLISH_SCHEDULE_STALE_MS: String(STALE_MS),
  };
  a = await spawnStrapi({ gatewayUrl: hookUrl, env });
  log(`Strapi A booted (schema + seed on PostgreSQL) in ${await a.start()} ms`);
  // One after the other: the second boot finds the schema and the seed in place.
  b = await spawnStrapi({ gatewayUrl: hookUrl, env });
  log(`Strapi B booted on the same database in ${await b.start()} ms`);
  await countPublishes();
  gateway = await startGateway({ strapiUrl: a.url, port: gatewayPort });
  const login = await admin(a, 'POST', '/admin/login', { email: DEV.admin.email, password: DEV.admin.password });
  if (login.status !== 200) throw new Error(`admin login: HTTP ${login.status}`);
  token = login.body.data.token;
}, 300_000);

afterAll(async () => {
  await gateway?.stop().catch(() => undefined);
  await a?.stop();
  await b?.stop();
  await new Promise<void>((r) => {
    if (!hookServer) return r();
    hookServer.closeAllConnections();
    hookServer.close(() => r());
  });
  await db?.drop().catch((e: Error) => console.warn(`could not drop ${db.name}: ${e.message}`));
}, 60_000);

describePg('scheduled publishing on two Strapi processes (PostgreSQL)', () => {
  it('refuses bad input with clear 4xx answers, and anonymous callers', async () => {
    const saved = token;
    token = '';
    expect((await admin(a, 'GET', API)).status).toBe(401);
    token = saved;

    const clinic = await createDraftClinic(a, 0);
    const soon = new Date(Date.now() + 60_000);
    const cases: Array<[string, Record<string, unknown>, number, RegExp]> = [
      ['a time in the past', { uid: CLINIC, documentId: clinic, action: 'publish', runAt: new Date(Date.now() - 1000).toISOString() }, 400, /in the future/],
      ['a type that is not the site’s', { uid: 'plugin::users-permissions.user', documentId: clinic, action: 'publish', runAt: soon.toISOString() }, 400, /uid must be one of/],
      ['a slug redirect (no draft & publish)', { uid: 'api::slug-redirect.slug-redirect', documentId: clinic, action: 'publish', runAt: soon.toISOString() }, 400, /uid must be one of/],
      ['an unknown action', { uid: CLINIC, documentId: clinic, action: 'delete', runAt: soon.toISOString() }, 400, /action must be/],
      ['no time', { uid: CLINIC, documentId: clinic, action: 'publish' }, 400, /runAt must be an ISO 8601/],
      ['a localized type without locale', { uid: LOCATION, documentId: clinic, action: 'publish', runAt: soon.toISOString() }, 400, /locale must be one of/],
      ['a document that does not exist', { uid: CLINIC, documentId: 'doesnotexist0000000000', action: 'publish', runAt: soon.toISOString() }, 404, /No api::clinic\.clinic document/],
    ];
    for (const [name, body, status, message] of cases) {
      const res = await admin(b, 'POST', API, body);
      expect({ name, status: res.status }).toEqual({ name, status });
      expect(res.body.error.message).toMatch(message);
    }
    expect((await admin(a, 'GET', `${API}?status=nope`)).status).toBe(400);

    // Cancel a pending one: it is gone, and a second cancel is a 404.
    const pending = await schedule(a, { uid: CLINIC, documentId: clinic, action: 'publish', runAt: soon });
    expect(pending.status).toBe('pending');
    expect((await admin(b, 'DELETE', `${API}/${pending.id}`)).status).toBe(200);
    expect((await admin(a, 'DELETE', `${API}/${pending.id}`)).status).toBe(404);
  });

  it('runs each due schedule exactly once while one process is killed mid-batch, and records a failure', async () => {
    const clinics: string[] = [];
    for (let i = 1; i <= 12; i += 1) clinics.push(await createDraftClinic(i % 2 ? a : b, i));
    const doomed = await createDraftClinic(a, 99);

    // Spread over a few seconds, so both processes are polling while they fall due.
    const start = Date.now() + 2500;
    const ids: number[] = [];
    for (const [i, documentId] of clinics.entries()) {
      ids.push((await schedule(i % 2 ? a : b, { uid: CLINIC, documentId, action: 'publish', runAt: new Date(start + i * 150) })).id);
    }
    const failing = await schedule(a, { uid: CLINIC, documentId: doomed, action: 'publish', runAt: new Date(start) });
    await ok(a, 'DELETE', `/content-manager/collection-types/${CLINIC}/${doomed}`);

    // B dies, without a goodbye, once both processes are well into the batch.
    await waitFor(async () => (await publishes(clinics)).filter((n) => n > 0).length >= 5, 30_000, 20);
    await b.kill();
    log(`B killed after ${(await publishes(clinics)).filter((n) => n > 0).length} of ${clinics.length} publishes`);

    const done = await settled(a, [...ids, failing.id], 30_000 + STALE_MS);
    expect(await publishes(clinics)).toEqual(clinics.map(() => 1));
    expect(await publishes([doomed])).toEqual([0]);
    // Webhooks go out after the commit: never two for one schedule.
    expect(Math.max(...clinics.map(webhooksOf))).toBeLessThanOrEqual(1);
    for (const row of done.filter((r) => r.id !== failing.id)) expect(row.status).toBe('done');
    const published = await rows(a, `?uid=${CLINIC}&status=done`);
    expect(published.filter((r) => ids.includes(r.id))).toHaveLength(clinics.length);
    const owners = await db!.query<{ claimed_by: string; n: string; retried: string }>(
      'SELECT claimed_by, count(*) AS n, count(*) FILTER (WHERE attempts > 1) AS retried FROM publish_schedules WHERE id = ANY($1) GROUP BY claimed_by',
      [ids],
    );
    log(`runs by process: ${owners.map((o) => `${o.claimed_by} ran ${o.n} (${o.retried} on a second attempt, after B died holding them)`).join(', ')}`);

    // The failure, with its reason, in the admin API (the side panel shows it to the editor).
    const failures = await rows(a, '?status=failed');
    const failure = failures.find((r) => r.id === failing.id);
    expect(failure).toMatchObject({ status: 'failed', targetDocumentId: doomed, action: 'publish' });
    expect(failure.error).toMatch(/no longer exists/);
    expect(failure.targetLabel).toBeNull();
    const forDocument = await rows(a, `?uid=${CLINIC}&documentId=${doomed}`);
    expect(forDocument.map((r) => r.status)).toEqual(['failed']);
    // What the homepage widget asks for: failed and upcoming, across documents, each named.
    const open = await rows(a, '?status=failed,pending,running');
    expect(open.map((r) => r.id)).toContain(failing.id);
    expect(open.every((r) => ['failed', 'pending', 'running'].includes(r.status))).toBe(true);
  }, 120_000);

  it('shows a scheduled publish on the site through the gateway (webhook → purge) within 60 s of its time', async () => {
    const query = () => gateway.query<{ location: { intro: string } | null }>(CITY_INTRO, { variables: { slug: 'chicago' } });
    const first = await query();
    expect(first.body).toMatchObject({ data: { location: { intro: expect.any(String) } } });
    const before = first.body.data!.location!.intro;
    const list = await ok(a, 'GET', `/content-manager/collection-types/${LOCATION}?locale=en&filters[slug][$eq]=chicago`);
    const chicago = list.results[0].documentId as string;
    const intro = `Scheduled at ${new Date().toISOString()}: the Chicago team now sees patients on Sundays.`;
    await ok(a, 'PUT', `/content-manager/collection-types/${LOCATION}/${chicago}?locale=en`, { intro });
    expect((await query()).body.data!.location!.intro).toBe(before);

    const runAt = new Date(Date.now() + 2000);
    await schedule(a, { uid: LOCATION, documentId: chicago, locale: 'en', action: 'publish', runAt });
    await waitFor(async () => (await query()).body.data?.location?.intro === intro, VISIBLE_WITHIN_MS + 2000, 100);
    const late = Date.now() - runAt.getTime();
    const [done] = await rows(a, `?uid=${LOCATION}&documentId=${chicago}`);
    expect(done).toMatchObject({ status: 'done', targetLocale: 'en', targetLabel: 'Chicago' });
    log(`the site served the scheduled intro ${late} ms after its time (poll every ${POLL_MS} ms)`);
    expect(late).toBeLessThan(VISIBLE_WITHIN_MS);
    // Spanish was not part of the schedule: its draft state is untouched.
    expect(hooks.filter((h) => h.event === 'entry.publish' && h.documentId === chicago).map((h) => h.locale)).toEqual(['en']);
  }, 90_000);
  it('takes back a claim left by a dead process, and runs schedules that fell due while no process ran', async () => {
    const orphan = await createDraftClinic(a, 100);
    const late = [await createDraftClinic(a, 101), await createDraftClinic(a, 102)];

    // A claim as a crashed process leaves it: running, claimed long ago, its transaction rolled back.
    const [{ id: orphanId }] = await db!.query<{ id: number }>(
      `INSERT INTO publish_schedules (document_id, target_uid, target_document_id, action, run_at, status, attempts, claimed_by, claimed_at, created_at, updated_at, published_at)
       VALUES ('orphanclaim' || floor(random() * 1e9)::text, $1, $2, 'publish', now() - interval '1 minute', 'running', 1, 'dead-host:1:deadbeef', now() - interval '10 minutes', now(), now(), now())
       RETURNING id`,
      [CLINIC, orphan],
    );
    const lateIds: number[] = [];
    for (const documentId of late) lateIds.push((await schedule(a, { uid: CLINIC, documentId, action: 'publish', runAt: new Date(Date.now() + 1500) })).id);

    // Nobody runs: A stops (B is still down); the schedules fall due meanwhile; B comes back.
    await a.stop();
    log(`B restarted in ${await b.start()} ms`);
    const done = await settled(b, [orphanId, ...lateIds], 30_000 + STALE_MS);
    expect(done.map((r) => r.status)).toEqual(done.map(() => 'done'));
    expect(await publishes([orphan, ...late])).toEqual([1, 1, 1]);
    // B alone ran them, sending their webhooks (to the recorder; the gateway's Strapi, A, is down).
    await waitFor(async () => [orphan, ...late].every((id) => webhooksOf(id) === 1), 10_000).catch(() => undefined);
    expect([orphan, ...late].map(webhooksOf)).toEqual([1, 1, 1]);
    // Taken back at least once; under load a slow run can outlive its own claim and be taken back again,
    // which the one-publish count above shows costs nothing.
    expect(done.find((r) => r.id === orphanId).attempts).toBeGreaterThanOrEqual(2);
  }, 180_000);
});
