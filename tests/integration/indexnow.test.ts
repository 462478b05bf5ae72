/**
 * IndexNow on the real Strapi and gateway, submitting to a local receiver (no outbound call): after a
 * publish, the opted-in site's public URLs whose content changed — exactly those — in one request per change;
 * a failed request retried; the counts in /metrics. Northshore has not opted in: nothing of it is submitted.
 */
import { CatalogueIndexService } from '@clinic/api/catalogue';
import { IndexNowService } from '@clinic/api/indexnow';
import { startIndexNowReceiver, type IndexNowReceiver } from '../support/indexnow-receiver.js';
import { startGateway, type GatewayHandle } from '../support/gateway-harness.js';
import { freePort } from '../support/ports.js';
import { waitFor } from '../support/stack.js';
import { startStrapi, type StrapiHandle } from '../support/strapi-harness.js';

const KEY = 'lakeshore-indexnow-key-0001';
const ORIGIN = 'https://www.lakeshorespine.example';

let strapi: StrapiHandle;
let gateway: GatewayHandle;
let receiver: IndexNowReceiver;
let indexNow: IndexNowService;
let index: CatalogueIndexService;

/** Waits until the gateway applied the webhooks of these documents and Strapi has none left to send, then until IndexNow is idle. */
async function settled(documentIds: string[], since: number) {
  const queue = strapi.app.get('webhookRunner').queue;
  await waitFor(async () => documentIds.every((id) => index.log.some((e) => e.documentId === id && e.at >= since)) && queue.running === 0 && queue.queue.length === 0, 30_000, 10);
  await indexNow.idle();
}

async function metric(name: string): Promise<number> {
  const text = await (await fetch(`${gateway.url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return Number(line?.split(' ')[1]);
}

beforeAll(async () => {
  receiver = await startIndexNowReceiver();
  const gatewayPort = await freePort();
  strapi = await startStrapi({ gatewayUrl: `http://127.0.0.1:${gatewayPort}` });
  gateway = await startGateway({
    strapiUrl: strapi.url,
    port: gatewayPort,
    env: { INDEXNOW_KEYS: `lakeshore-spine=${KEY}`, INDEXNOW_ENDPOINT: receiver.url, INDEXNOW_DEBOUNCE_MS: '400', INDEXNOW_RETRY_BASE_MS: '100' },
  });
  indexNow = gateway.gateway.app.get(IndexNowService);
  index = gateway.gateway.app.get(CatalogueIndexService);
  await index.ensureLoaded();
  await indexNow.idle();
}, 300_000);

afterAll(async () => {
  await gateway?.stop();
  await strapi?.stop();
  await receiver?.close();
});

const clinics = () => strapi.app.documents('api::clinic.clinic');

test("a clinic's new phone: one request with exactly the pages that show the clinic, on the site's host", async () => {
  const loop = await clinics().findFirst({ filters: { slug: 'chicago-loop-spine-center' }, status: 'draft' });
  const since = Date.now();
  await clinics().update({ documentId: loop.documentId, data: { phone: '(312) 555-0188' }, status: 'published' });
  await settled([loop.documentId], since);
  expect(receiver.received).toHaveLength(1);
  const [request] = receiver.received;
  expect(request.contentType).toBe('application/json; charset=utf-8');
  expect(request.body).toEqual({
    host: 'www.lakeshorespine.example',
    key: KEY,
    keyLocation: `${ORIGIN}/${KEY}.txt`,
    urlList: ['/', '/chicago', '/chicago/kyphoplasty', '/clinics/chicago-loop-spine-center', '/es', '/es/chicago', '/es/chicago/cifoplastia', '/es/clinics/chicago-loop-spine-center']
      .map((p) => `${ORIGIN}${p}`)
      .sort(),
  });
  expect(await metric('gateway_indexnow_submitted_urls_total')).toBe(8);
});

test('an engine that fails once gets the same request again; nothing is submitted twice', async () => {
  receiver.failNext(1);
  const before = receiver.received.length;
  const procedures = strapi.app.documents('api::procedure.procedure');
  const doc = await procedures.findFirst({ filters: { slug: 'kyphoplasty' }, locale: 'en', status: 'draft' });
  const since = Date.now();
  await procedures.update({ documentId: doc.documentId, locale: 'es', data: { summary: 'Un resumen nuevo de la cifoplastia para los pacientes.' }, status: 'published' });
  await settled([doc.documentId], since);
  const requests = receiver.received.slice(before);
  expect(requests.map((r) => r.status)).toEqual([503, 202]);
  expect(requests[1].body).toEqual(requests[0].body);
  const urls = requests[0].body.urlList;
  // The Spanish pages that show the Spanish summary, and no English page.
  expect(urls).toEqual(expect.arrayContaining([`${ORIGIN}/es`, `${ORIGIN}/es/procedures/cifoplastia`, `${ORIGIN}/es/chicago/cifoplastia`]));
  expect(urls.filter((u) => !u.startsWith(`${ORIGIN}/es`))).toEqual([]);
  expect(await metric('gateway_indexnow_failed_requests_total')).toBe(1);
  expect(await metric('gateway_indexnow_retries_total')).toBe(1);
  expect(await metric('gateway_indexnow_dropped_urls_total')).toBe(0);
  expect(await metric('gateway_indexnow_submitted_urls_total')).toBe(8 + urls.length);
});

test('a change only the other site shows submits nothing', async () => {
  const before = receiver.received.length;
  const evanston = await clinics().findFirst({ filters: { slug: 'evanston-spine-care' }, status: 'draft' });
  const since = Date.now();
  await clinics().update({ documentId: evanston.documentId, data: { phone: '(847) 555-0177' }, status: 'published' });
  await settled([evanston.documentId], since);
  expect(receiver.received.slice(before)).toEqual([]);
  expect(receiver.received.every((r) => r.body.host === 'www.lakeshorespine.example')).toBe(true);
});
