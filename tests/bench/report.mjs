/**
 * The bench's report: the targets each result is held to, the tables printed at the end and the JSON
 * written to tests/bench/results/.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from '../dist/support/paths.js';
import { CONNECTIONS, PUBLISH_ROUNDS, PUBLISH_TIMEOUT_MS } from './scenarios.mjs';
import { BENCH_DIR, log } from './boot.mjs';

export const RESULTS_FILE = path.join(BENCH_DIR, 'results', 'latest.json');
export const PUBLISH_UNDER_LOAD_FILE = path.join(BENCH_DIR, 'results', 'publish-under-load.json');
export const REDIRECTS_FILE = path.join(BENCH_DIR, 'results', 'redirects.json');

export const TARGETS = {
  gatewayOverBare: 0.7, // 2/1 ≥ (floor 0.5)
  gatewayOverStrapi: 50, // 2/4 ≥
  hitP99Ms: 10, // ≤, at 32 connections
  redirectP99Ms: 5, // ≤, a cached redirect lookup among 10,000 redirects (row 8b, at REDIRECT_LATENCY_CONNECTIONS; row 8 at 32 shown beside it)
  publishP99Ms: 1000, // ≤
  pageOverBare: 0.3, // 5/5b ≥: the website's cached page ÷ bare node sending the same bytes
  varnishPageOverStatic: 0.9, // 7/7b ≥: Varnish serving the page ÷ the same Varnish serving a static object of its size
  madeUpRatio: 2, // ≤: another visitor's real page p50 under one address's 1,000 made-up paths a minute ÷ idle
  gatewayRssMb: 250, // ≤
  fairnessRatio: 2, // ≤: site B's miss p50 under site A's flood ÷ idle
  publishUnderLoadP99Ms: 500, // ≤, publish-under-load
  publishUnderLoadMaxMs: 1000, // ≤, publish-under-load
};

/** @param {number | null | undefined} n @param {number} [d] */
export const fmt = (n, d = 0) => (typeof n === 'number' && Number.isFinite(n) ? n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d }) : String(n));

/**
 * The full run's ratios and targets from its results (rows 1–7, publish, made-up paths, fairness).
 * @param {any} results
 */
export function summarize(results) {
  const g = results.gatewayGet;
  const p = results.gatewayPost;
  const rssMaxMb = Math.max(g.gatewayRssMaxMb, p.gatewayRssMaxMb);
  const ratios = {
    gatewayGetOverBare: g.reqPerSec / results.bare.reqPerSec,
    gatewayPostOverBare: p.reqPerSec / results.bare.reqPerSec,
    gatewayGetOverStrapi: g.reqPerSec / results.strapiDirect.reqPerSec,
    gatewayPostOverStrapi: p.reqPerSec / results.strapiDirect.reqPerSec,
    gatewayGetOverNoCache: g.reqPerSec / results.gatewayNoCache.reqPerSec,
    edgeOverBare: results.edgeGet.reqPerSec / results.bare.reqPerSec,
    edgeOverGateway: results.edgeGet.reqPerSec / g.reqPerSec,
  };
  const runs = [results.bare, g, p, results.gatewayNoCache, results.strapiDirect, results.edgeGet, results.webLanding, results.barePage, results.edgePage, results.edgeStatic];
  if (results.redirect) runs.push(results.redirect, results.redirect.latency);
  ratios.pageOverBare = results.webLanding.reqPerSec / results.barePage.reqPerSec;
  ratios.edgePageOverStatic = results.edgePage.reqPerSec / results.edgeStatic.reqPerSec;
  ratios.edgePageOverBare = results.edgePage.reqPerSec / results.barePage.reqPerSec;
  const invalidRuns = runs.filter((r) => !r.valid).map((r) => r.name);
  // A target computed from an invalid run (or a failed publish round) cannot pass.
  const ok = (cond, ...deps) => (cond && deps.every((d) => d.valid) ? 'PASS' : 'MISS');
  const targets = [
    {
      name: '2/1 gateway GET hits ÷ bare node',
      target: `≥ ${TARGETS.gatewayOverBare}`,
      value: ratios.gatewayGetOverBare,
      shown: fmt(ratios.gatewayGetOverBare, 3),
      result: ok(ratios.gatewayGetOverBare >= TARGETS.gatewayOverBare, g, results.bare),
    },
    {
      name: '2/4 gateway GET hits ÷ Strapi direct',
      target: `≥ ${TARGETS.gatewayOverStrapi}`,
      value: ratios.gatewayGetOverStrapi,
      shown: fmt(ratios.gatewayGetOverStrapi, 1),
      result: ok(ratios.gatewayGetOverStrapi >= TARGETS.gatewayOverStrapi, g, results.strapiDirect),
    },
    {
      name: `p99 gateway hit GET @${CONNECTIONS} conn`,
      target: `≤ ${TARGETS.hitP99Ms} ms`,
      value: g.latencyMs.p99,
      shown: `${g.latencyMs.p99} ms`,
      result: ok(g.latencyMs.p99 <= TARGETS.hitP99Ms, g),
    },
    {
      name: `p99 gateway hit POST @${CONNECTIONS} conn`,
      target: `≤ ${TARGETS.hitP99Ms} ms`,
      value: p.latencyMs.p99,
      shown: `${p.latencyMs.p99} ms`,
      result: ok(p.latencyMs.p99 <= TARGETS.hitP99Ms, p),
    },
    {
      name: 'publish-to-visible p99',
      target: `≤ ${TARGETS.publishP99Ms} ms`,
      value: results.publish.p99Ms,
      shown: `${fmt(results.publish.p99Ms, 1)} ms`,
      result: ok(results.publish.p99Ms <= TARGETS.publishP99Ms, results.publish),
    },
    {
      name: 'publish-to-rendered-page p99 (website)',
      target: `≤ ${TARGETS.publishP99Ms} ms`,
      value: results.publishRendered.p99Ms,
      shown: `${fmt(results.publishRendered.p99Ms, 1)} ms (stale after visible: ${results.publishRendered.staleAfter})`,
      result: ok(results.publishRendered.p99Ms <= TARGETS.publishP99Ms && results.publishRendered.staleAfter === 0, results.publishRendered),
    },
    {
      name: 'publish-to-rendered-page p99 (through Varnish)',
      target: `≤ ${TARGETS.publishP99Ms} ms`,
      value: results.publishRenderedEdge.p99Ms,
      shown: `${fmt(results.publishRenderedEdge.p99Ms, 1)} ms (stale after visible: ${results.publishRenderedEdge.staleAfter})`,
      result: ok(results.publishRenderedEdge.p99Ms <= TARGETS.publishP99Ms && results.publishRenderedEdge.staleAfter === 0, results.publishRenderedEdge),
    },
    {
      name: '5/5b website cached page ÷ bare node (same bytes)',
      target: `≥ ${TARGETS.pageOverBare}`,
      value: ratios.pageOverBare,
      shown: `${fmt(ratios.pageOverBare, 3)} (renders during the run: ${results.webLanding.rendersDuringRun})`,
      result: ok(ratios.pageOverBare >= TARGETS.pageOverBare && results.webLanding.rendersDuringRun === 0, results.webLanding, results.barePage),
    },
    {
      name: '7/7b Varnish page hit ÷ Varnish static object',
      target: `≥ ${TARGETS.varnishPageOverStatic}`,
      value: ratios.edgePageOverStatic,
      shown: `${fmt(ratios.edgePageOverStatic, 3)} (÷ bare node ${fmt(ratios.edgePageOverBare, 3)}; reached the website: ${results.edgePage.websiteRequestsDuringRun})`,
      result: ok(ratios.edgePageOverStatic >= TARGETS.varnishPageOverStatic && results.edgePage.websiteRequestsDuringRun === 0, results.edgePage, results.edgeStatic),
    },
    {
      name: "real page p50 under one address's 1,000 made-up paths/min ÷ idle",
      target: `≤ ${TARGETS.madeUpRatio}×`,
      value: results.madeUp.ratio,
      shown: `${fmt(results.madeUp.ratio, 2)}× (${fmt(results.madeUp.idleP50Ms, 1)} → ${fmt(results.madeUp.loadedP50Ms, 1)} ms; other visitor non-200: ${results.madeUp.otherNon200}; flood: ${JSON.stringify(results.madeUp.floodStatus)}; renders ${results.madeUp.rendersFirst} + ${results.madeUp.rendersRepeat} on the repeat)`,
      result: ok(results.madeUp.ratio <= TARGETS.madeUpRatio && results.madeUp.otherNon200 === 0 && results.madeUp.rendersRepeat <= 5, results.madeUp),
    },
    { name: 'gateway RSS under load (max)', target: `≤ ${TARGETS.gatewayRssMb} MB`, value: rssMaxMb, shown: `${fmt(rssMaxMb, 1)} MB`, result: ok(rssMaxMb <= TARGETS.gatewayRssMb, g, p) },
    {
      name: "site B miss p50 under A's 1,000 misses ÷ idle",
      target: `≤ ${TARGETS.fairnessRatio}×`,
      value: results.fairness.ratio,
      shown: `${fmt(results.fairness.ratio, 2)}× (${fmt(results.fairness.idleP50Ms, 1)} → ${fmt(results.fairness.loadedP50Ms, 1)} ms; A: ${results.fairness.floodStatus['2xx']} 2xx, ${results.fairness.floodStatus.non2xx} non-2xx)`,
      result: ok(results.fairness.ratio <= TARGETS.fairnessRatio, results.fairness),
    },
  ];
  if (results.redirect) targets.push(redirectTarget(results.redirect));
  return { runs, ratios, targets, rssMaxMb, invalidRuns };
}

/**
 * Row 8's target (the full run and `npm run bench -w tests -- redirects`): the lookup's p99 at a load that does
 * not queue (8b); the p99 at CONNECTIONS (8, where a saturated shared machine measures its queue) is shown beside it.
 * @param {any} r
 */
export function redirectTarget(r) {
  const l = r.latency;
  return {
    name: `p99 gateway redirect hit GET among ${fmt(r.redirects)} redirects @${l.connections} conn`,
    target: `≤ ${TARGETS.redirectP99Ms} ms`,
    value: l.latencyMs.p99,
    shown: `${l.latencyMs.p99} ms (@${CONNECTIONS} conn: p99 ${r.latencyMs.p99} ms, ${fmt(r.reqPerSec)} req/s; CSV import ${fmt(r.importMs)} ms)`,
    result: r.valid && l.valid && l.latencyMs.p99 <= TARGETS.redirectP99Ms ? 'PASS' : 'MISS',
  };
}

/** The targets of publish-under-load. @param {{ valid: boolean, p99Ms: number, maxMs: number }} pub */
export function publishUnderLoadTargets(pub) {
  return [
    {
      name: 'publish → visible p99 under load',
      target: `≤ ${TARGETS.publishUnderLoadP99Ms} ms`,
      shown: `${fmt(pub.p99Ms, 1)} ms`,
      result: pub.valid && pub.p99Ms <= TARGETS.publishUnderLoadP99Ms ? 'PASS' : 'MISS',
    },
    {
      name: 'publish → visible max under load',
      target: `≤ ${TARGETS.publishUnderLoadMaxMs} ms`,
      shown: `${fmt(pub.maxMs, 1)} ms`,
      result: pub.valid && pub.maxMs <= TARGETS.publishUnderLoadMaxMs ? 'PASS' : 'MISS',
    },
  ];
}

/** Writes `report` as JSON to `file` and says where. @param {string} file @param {unknown} report @param {string} note */
export function writeReport(file, report, note) {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(report, null, 2) + '\n');
  log(`JSON written to ${path.relative(ROOT, file)} (${note})`);
}

/** The throughput-and-latency table of measured runs (the full bench's and a scenario's alone). @param {any[]} runs @param {string} title */
export function runsTable(runs, title = 'Throughput and latency') {
  const rows = runs.map((r) => [
    r.name,
    fmt(r.reqPerSec),
    fmt(r.latencyMs.p50),
    fmt(r.latencyMs.p99),
    fmt(r.latencyMs.max),
    fmt(r.totalRequests),
    String(r.non2xx),
    String(r.errors), // autocannon counts timeouts among errors
    r.bodyCheckedEveryResponse ? String(r.mismatches) : 'n/a',
    fmt(r.serverCpuMsPerRequest * 1000),
    fmt(r.foreignCpuPct),
    r.valid ? 'ok' : 'FAILURES',
  ]);
  table(['scenario', 'req/s', 'p50 ms', 'p99 ms', 'max ms', 'requests', 'non-2xx', 'errors', 'bad bodies', 'srv CPU µs/req', 'other load %', 'status'], rows, title);
}

/** @param {any} o */
export function printReport({ runs, ratios, targets, results, rssMaxMb, l1MaxBytes, invalidRuns }) {
  runsTable(runs);
  const pub = results.publish;
  console.log(
    `Publish-to-visible (${pub.rounds}/${PUBLISH_ROUNDS} rounds, ${pub.failed} not visible in ${PUBLISH_TIMEOUT_MS / 1000} s): ` +
      `p50 ${fmt(pub.p50Ms, 1)} ms · p99 ${fmt(pub.p99Ms, 1)} ms · max ${fmt(pub.maxMs, 1)} ms (publish request itself: p50 ${fmt(pub.publishResponseP50Ms, 1)} ms)`,
  );
  console.log(
    results.publish.edge
      ? `Publish-to-visible through Varnish (purged by the gateway): p50 ${fmt(results.publish.edge.p50Ms, 1)} ms · p99 ${fmt(results.publish.edge.p99Ms, 1)} ms · max ${fmt(results.publish.edge.maxMs, 1)} ms (${results.publish.edge.failed} not visible)`
      : "Publish-to-visible through Varnish: n/a (needs the gateway's /sites/<site>/graphql)",
  );
  console.log(
    `Edge (6): ${fmt(ratios.edgeOverBare, 2)}× the bare node server, ${fmt(ratios.edgeOverGateway, 2)}× the gateway's own hits; ` +
      `${results.edgeGet.gatewayRequestsDuringRun} requests reached the gateway during the run`,
  );
  for (const [label, pr] of [
    ['website', results.publishRendered],
    ['through Varnish', results.publishRenderedEdge],
  ]) {
    console.log(
      `Publish-to-rendered-page (${label}, /chicago, ${pr.rounds} rounds, ${pr.failed} not visible): p50 ${fmt(pr.p50Ms, 1)} ms · p99 ${fmt(pr.p99Ms, 1)} ms · max ${fmt(pr.maxMs, 1)} ms · old page served after it showed: ${pr.staleAfter}`,
    );
  }
  console.log(
    `Pages (5, 7): the website's cached page ${fmt(ratios.pageOverBare, 3)}× bare node sending the same ${fmt(results.pageBytes)} bytes (${results.webLanding.rendersDuringRun} renders); ` +
      `Varnish ${fmt(ratios.edgePageOverStatic, 3)}× its own static object of that size, ${fmt(ratios.edgePageOverBare, 3)}× bare node (${results.edgePage.websiteRequestsDuringRun} requests reached the website)`,
  );
  const mu = results.madeUp;
  console.log(
    `Made-up paths (1,000 from one address in ${mu.floodSeconds} s): ${mu.rendersFirst} renders, then ${mu.rendersRepeat} when the ${mu.repeated} answered were asked again; flood answers ${JSON.stringify(mu.floodStatus)}; ` +
      `another visitor's rendered real page p50 ${fmt(mu.idleP50Ms, 1)} → ${fmt(mu.loadedP50Ms, 1)} ms (${fmt(mu.ratio, 2)}×), ${mu.otherNon200} not 200 of ${mu.otherReads}`,
  );
  console.log(`Gateway RSS under hit load: max ${fmt(rssMaxMb, 1)} MB · L1 bound CACHE_L1_MAX_BYTES = ${fmt(l1MaxBytes)} bytes (${fmt(l1MaxBytes / 2 ** 20)} MiB)`);
  console.log(
    `Ratios: 2/1 GET ${fmt(ratios.gatewayGetOverBare, 3)} (POST ${fmt(ratios.gatewayPostOverBare, 3)}) · 2/4 GET ${fmt(ratios.gatewayGetOverStrapi, 1)} (POST ${fmt(ratios.gatewayPostOverStrapi, 1)}) · 2/3 GET hit ÷ cache off ${fmt(ratios.gatewayGetOverNoCache, 1)}`,
  );
  console.log(`Note (4): ${results.strapiDirect.note}.`);
  const foreign = Math.max(...runs.map((r) => r.foreignCpuPct));
  console.log(
    `CPU: ${os.cpus().length} cores shared by the load generator and the server under test (loopback). ` +
      (foreign > 10
        ? `⚠ up to ${fmt(foreign)} % of a core was used by OTHER processes during the runs: numbers are skewed; rerun on an idle machine.`
        : 'No significant other load during the runs.'),
  );
  table(
    ['target', 'wanted', 'measured', 'result'],
    targets.map((t) => [t.name, t.target, t.shown, t.result]),
    'Targets',
  );
  if (invalidRuns.length) console.log(`\n⚠ runs with failures (non-2xx, errors, wrong bodies or a failed post-check): ${invalidRuns.join(', ')}`);
  if (!pub.valid) console.log('⚠ publish-to-visible did not complete every round');
}
export function gitState() {
  const git = (/** @type {string[]} */ ...args) => spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' }).stdout?.trim();
  try {
    return { commit: git('rev-parse', 'HEAD'), dirtyFiles: (git('status', '--porcelain') || '').split('\n').filter(Boolean).length };
  } catch {
    return undefined;
  }
}
/** @param {string[]} head @param {Array<Array<string | number>>} rows @param {string} title */
export function table(head, rows, title) {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => '│ ' + cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join(' │ ') + ' │';
  const rule = (l, m, r) => l + widths.map((w) => '─'.repeat(w + 2)).join(m) + r;
  console.log(`\n${title}`);
  console.log(rule('┌', '┬', '┐'));
  console.log(line(head));
  console.log(rule('├', '┼', '┤'));
  for (const r of rows) console.log(line(r));
  console.log(rule('└', '┴', '┘'));
}
