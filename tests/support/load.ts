import { DEV } from './dev-env.js';

/** One GraphQL request of a load mix (POST, JSON). */
export interface LoadRequest {
  query: string;
  variables?: Record<string, unknown>;
  siteKey?: string;
  label?: string;
}

export interface LoadStats {
  total: number;
  /** HTTP 200 with `data` and no `errors`. */
  ok: number;
  failed: number;
  /** Responses with HTTP status ≥ 500 (network errors are counted in `failed` as status 0). */
  status5xx: number;
  byStatus: Record<string, number>;
  byCache: Record<string, number>;
  /** The first few failures, for the assertion message. */
  failures: string[];
  latencies: number[];
  durationMs: number;
}

export interface Load {
  stats: LoadStats;
  /** Stops issuing requests, waits for those in flight, and returns the totals. */
  stop(): Promise<LoadStats>;
}

/**
 * A bounded closed-loop load: `connections` workers each send one request at a time (round-robin over
 * `requests`), optionally paced so that the total stays near `ratePerSec`. Every response is checked
 * (status, `errors`, `x-cache`), which autocannon does not do per response.
 */
export function startLoad(opts: {
  url: string;
  requests: LoadRequest[];
  connections: number;
  ratePerSec?: number;
  timeoutMs?: number;
  /** Safety bound: the load stops by itself after this long even if nobody calls stop() (default 180 s). */
  maxDurationMs?: number;
}): Load {
  const stats: LoadStats = {
    total: 0,
    ok: 0,
    failed: 0,
    status5xx: 0,
    byStatus: {},
    byCache: {},
    failures: [],
    latencies: [],
    durationMs: 0,
  };
  let running = true;
  let next = 0;
  const started = performance.now();
  const bodies = opts.requests.map((r) => JSON.stringify({ query: r.query, variables: r.variables }));
  const pauseMs = opts.ratePerSec ? (opts.connections * 1000) / opts.ratePerSec : 0;
  const bound = setTimeout(() => (running = false), opts.maxDurationMs ?? 180_000);
  bound.unref();
  const fail = (why: string) => {
    stats.failed += 1;
    if (stats.failures.length < 10) stats.failures.push(why);
  };
  const worker = async () => {
    while (running) {
      const i = next++ % opts.requests.length;
      const req = opts.requests[i];
      const t0 = performance.now();
      try {
        const res = await fetch(`${opts.url}/graphql`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-site-key': req.siteKey ?? DEV.siteKeys.lakeshore,
          },
          body: bodies[i],
          signal: AbortSignal.timeout(opts.timeoutMs ?? 5000),
        });
        const text = await res.text();
        const ms = performance.now() - t0;
        stats.total += 1;
        stats.latencies.push(ms);
        stats.byStatus[res.status] = (stats.byStatus[res.status] ?? 0) + 1;
        const cache = res.headers.get('x-cache') ?? 'none';
        stats.byCache[cache] = (stats.byCache[cache] ?? 0) + 1;
        if (res.status >= 500) stats.status5xx += 1;
        const body = res.status === 200 ? JSON.parse(text) : undefined;
        if (res.status !== 200 || body.errors || !body.data) fail(`${req.label ?? i}: HTTP ${res.status} x-cache=${cache} ${text.slice(0, 160)}`);
        else stats.ok += 1;
        if (pauseMs > ms) await new Promise((r) => setTimeout(r, pauseMs - ms));
      } catch (e) {
        stats.total += 1;
        stats.byStatus[0] = (stats.byStatus[0] ?? 0) + 1;
        fail(`${req.label ?? i}: ${(e as Error).name} ${(e as Error).message}`);
        await new Promise((r) => setTimeout(r, Math.max(pauseMs, 10))); // never spin on a refused connection
      }
    }
  };
  const workers = Array.from({ length: opts.connections }, worker);
  return {
    stats,
    async stop() {
      running = false;
      clearTimeout(bound);
      await Promise.all(workers);
      stats.durationMs = performance.now() - started;
      return stats;
    },
  };
}

/** The p-th percentile (0–100) of `values`, in the same unit. */
export function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** One line for the test output: counts, rate, latency percentiles, cache statuses. */
export function summarize(name: string, s: LoadStats): string {
  const rate = s.durationMs ? Math.round((s.total * 1000) / s.durationMs) : 0;
  const f = (n: number) => n.toFixed(1);
  return (
    `${name}: ${s.total} requests in ${(s.durationMs / 1000).toFixed(1)} s (~${rate}/s), ok ${s.ok}, failed ${s.failed}, 5xx ${s.status5xx}; ` +
    `latency ms p50 ${f(percentile(s.latencies, 50))} p95 ${f(percentile(s.latencies, 95))} p99 ${f(percentile(s.latencies, 99))} max ${f(percentile(s.latencies, 100))}; ` +
    `x-cache ${JSON.stringify(s.byCache)}`
  );
}
