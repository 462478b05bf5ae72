import { createGateway, type GatewayApp } from '@clinic/api/app';
import { DEV, gatewayTestEnv } from './dev-env.js';
import { freePort } from './ports.js';

export interface GraphqlResult<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: { data?: T; errors?: Array<{ message: string; extensions?: { code?: string } }> };
}

export interface GatewayHandle {
  url: string;
  port: number;
  gateway: GatewayApp;
  query<T = Record<string, any>>(query: string, opts?: QueryOptions): Promise<GraphqlResult<T>>;
  stop(): Promise<void>;
}

export interface QueryOptions {
  variables?: Record<string, unknown>;
  siteKey?: string | null;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
}

/** The real gateway, in this process, on a free port, pointed at `strapiUrl`. */
export async function startGateway(opts: { strapiUrl: string; port?: number; env?: Record<string, string> }): Promise<GatewayHandle> {
  const port = opts.port ?? (await freePort());
  const gateway = await createGateway({
    ...gatewayTestEnv({ port, strapiUrl: opts.strapiUrl }),
    LOG_LEVEL: 'silent',
    ...opts.env,
  });
  const url = await gateway.listen();
  return {
    url,
    port,
    gateway,
    query: (query, q = {}) => graphql(url, query, q),
    stop: () => gateway.close(),
  };
}

export async function graphql<T>(url: string, query: string, opts: QueryOptions = {}): Promise<GraphqlResult<T>> {
  const siteKey = opts.siteKey === undefined ? DEV.siteKeys.lakeshore : opts.siteKey;
  const headers: Record<string, string> = { ...(siteKey ? { 'x-site-key': siteKey } : {}), ...opts.headers };
  let res: Response;
  if (opts.method === 'GET') {
    const params = new URLSearchParams({ query });
    if (opts.variables) params.set('variables', JSON.stringify(opts.variables));
    res = await fetch(`${url}/graphql?${params}`, { headers });
  } else {
    res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables: opts.variables }),
    });
  }
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : {} };
}
