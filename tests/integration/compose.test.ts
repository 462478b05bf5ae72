/**
 * The deployment files, checked without a Docker engine: docker-compose.yml, the Dockerfiles, the
 * nginx config and the env templates are parsed and cross-checked against what the apps actually read
 * (the gateway's zod schema and the CMS config, both read from source here, not copied).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { Ajv } from 'ajv';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const read = (p: string) => readFileSync(path.join(ROOT, p), 'utf8');
const compose = parse(read('docker-compose.yml')) as any;
const services = compose.services as Record<string, any>;

// ── What the apps read, from their source ───────────────────────────────────────────────────────────
const schemaSource = read('api/src/config/app-config.schema.ts');
const schemaBody = schemaSource.slice(schemaSource.indexOf('appConfigSchema = z.object({'), schemaSource.indexOf('\n});', schemaSource.indexOf('appConfigSchema = z.object({')));
const API_KEYS = new Set([...schemaBody.matchAll(/^\s{2}([A-Z][A-Z0-9_]*):/gm)].map((m) => m[1]));
const objectKeys = (source: string, name: string) => {
  const start = source.indexOf(`${name} = {`);
  const body = source.slice(start, source.indexOf('}', start));
  return [...body.matchAll(/^\s+([A-Z][A-Z0-9_]*):/gm)].map((m) => m[1]);
};
const API_SECRETS = objectKeys(schemaSource, 'DEV_SECRETS');

function filesUnder(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir)).flatMap((f) => {
    const rel = path.join(dir, f);
    return statSync(path.join(ROOT, rel)).isDirectory() ? filesUnder(rel) : /\.(ts|js)$/.test(f) ? [rel] : [];
  });
}
const cmsSources = [...filesUnder('cms/config'), ...filesUnder('cms/src')].map(read).join('\n');
const CMS_KEYS = new Set([
  ...[...cmsSources.matchAll(/\benv(?:\.(?:int|bool|float|array|json))?\(\s*'([A-Z][A-Z0-9_]*)'/g)].map((m) => m[1]),
  ...[...cmsSources.matchAll(/\bsecret\(\s*'([A-Z][A-Z0-9_]*)'/g)].map((m) => m[1]),
  ...[...cmsSources.matchAll(/process\.env\.([A-Z][A-Z0-9_]*)/g)].map((m) => m[1]),
  // Read by Strapi itself.
  'NODE_ENV',
  'STRAPI_TELEMETRY_DISABLED',
]);
const cmsSecretsSource = read('cms/src/utils/secrets.ts');
const CMS_SECRETS = objectKeys(cmsSecretsSource, 'DEV_SECRETS');
const DEV_VALUES = [...schemaSource.matchAll(/^\s+[A-Z_]+: '([^']+)'/gm), ...cmsSecretsSource.matchAll(/^\s+[A-Z_]+: '([^']+)'/gm)].map((m) => m[1]);
const SECRET_NAME = /SECRET|TOKEN|PASSWORD|SALT|APP_KEYS|SITE_KEYS|SITE_SERVER_KEYS|ENCRYPTION_KEY|DATABASE_URL/;

// ── Helpers over the compose model ───────────────────────────────────────────────────────────────────
const envOf = (svc: string): Record<string, string> => {
  const e = services[svc].environment ?? {};
  return Array.isArray(e) ? Object.fromEntries(e.map((kv: string) => kv.split(/=(.*)/s).slice(0, 2))) : e;
};
const envFilesOf = (svc: string): string[] => (services[svc].env_file ?? []).map((f: string | { path: string }) => (typeof f === 'string' ? f : f.path));
/** Keys of an env file's committed template (`<file>.example`), with their values. */
const templateOf = (file: string): Record<string, string> =>
  Object.fromEntries(
    read(`${file}.example`)
      .split('\n')
      .filter((l) => /^[A-Z][A-Z0-9_]*=/.test(l))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
const templateKeys = (svc: string) => envFilesOf(svc).flatMap((f) => Object.keys(templateOf(f)));
const healthcheckText = (svc: string) => [services[svc].healthcheck?.test].flat().join(' ');

describe('docker-compose.yml', () => {
  it('has the production services, each with a restart policy and a healthcheck', () => {
    expect(Object.keys(services).sort()).toEqual(['api', 'cms', 'lb', 'postgres', 'redis', 'varnish', 'web']);
    for (const [name, svc] of Object.entries(services)) {
      expect([name, svc.restart]).toEqual([name, expect.stringMatching(/^(always|unless-stopped|on-failure)/)]);
      expect([name, svc.healthcheck?.test]).toEqual([name, expect.anything()]);
    }
  });

  it('is valid against the Compose Specification schema', () => {
    // tests/fixtures/compose-spec.json: the compose-spec project's schema (Apache-2.0), the format `docker compose` v2 reads.
    const schema = JSON.parse(read('tests/fixtures/compose-spec.json'));
    delete schema.$schema; // draft-07, which ajv 8 knows without the meta-schema URL
    const validate = new Ajv({ allErrors: true, strict: false, validateFormats: false }).compile(schema);
    expect([validate(compose), validate.errors]).toEqual([true, null]);
  });

  it('api scales (no host port, no container_name); only Varnish publishes the gateway, through nginx', () => {
    expect(services.api.ports).toBeUndefined();
    expect(services.api.container_name).toBeUndefined();
    expect(services.api.expose.map(String)).toContain(envOf('api').PORT);
    expect(services.lb.ports).toBeUndefined();
    const mount = services.lb.volumes.find((v: string) => v.includes('nginx.conf'));
    const [src, target] = mount.split(':');
    expect(target).toBe('/etc/nginx/nginx.conf');
    const nginx = read(src);
    expect(nginx).toMatch(new RegExp(`server\\s+api:${envOf('api').PORT}\\s+resolve`));
    expect(nginx).toMatch(/resolver 127\.0\.0\.11/); // Docker DNS: scaled replicas are picked up
    expect(nginx).toMatch(/location = \/metrics \{ return 404; \}/);
    const lbPort = /listen\s+(\d+)/.exec(nginx)![1];
    expect(services.lb.expose.map(String)).toContain(lbPort);
    expect(services.varnish.ports).toHaveLength(2);
    expect(services.varnish.depends_on).toMatchObject({ lb: { condition: 'service_healthy' }, web: { condition: 'service_healthy' } });
  });

  it('Varnish runs the shipped VCL against nginx, and only gateway replicas may purge it', () => {
    const command: string[] = services.varnish.command;
    const arg = (flag: string) => command.filter((_, i) => command[i - 1] === flag);
    const listenPort = arg('-a')[0].split(':').pop();
    expect(services.varnish.ports[0]).toMatch(new RegExp(`:${listenPort}$`));
    expect(arg('-p')).toEqual(expect.arrayContaining(['http_gzip_support=off', 'vcl_path=/etc/varnish']));
    // The VCL files mounted where -f and its include look for them.
    const mounts = Object.fromEntries(services.varnish.volumes.map((v: string) => v.split(':').slice(0, 2).reverse()));
    expect(mounts[arg('-f')[0]]).toBe('./deploy/varnish/default.vcl');
    const vcl = read('deploy/varnish/default.vcl');
    const include = /include "([^"]+)";/.exec(vcl)![1];
    const backends = read(mounts[`/etc/varnish/${include}`]);
    // Backend: the balancer, on the port nginx listens on.
    const nginxPort = /listen\s+(\d+)/.exec(read('deploy/nginx.conf'))![1];
    expect(backends).toMatch(new RegExp(`\\.host = "lb";\\s*\\.port = "${nginxPort}";`));
    // Purges: the gateway's CDN_PURGE_URLS names Varnish by its alias on the `purge` network, whose
    // subnet is the VCL's ACL; the API replicas join that network.
    const api = envOf('api');
    expect(api.CDN_PROVIDER).toBe('varnish');
    const purgeUrl = new URL(api.CDN_PURGE_URLS);
    expect(purgeUrl.port).toBe(listenPort);
    expect(services.varnish.networks.purge.aliases).toContain(purgeUrl.hostname);
    expect(services.api.networks).toContain('purge');
    const subnet: string = compose.networks.purge.ipam.config[0].subnet;
    const [net, bits] = subnet.split('/');
    expect(backends).toContain(`"${net}"/${bits};`);
    expect(compose.networks.purge.internal).toBe(true);
    expect(vcl).toMatch(/client\.ip !~ purgers/);
    expect(healthcheckText('varnish')).toContain('varnishadm ping');
  });

  it("the website sits behind Varnish's `web` door, reads the gateway through nginx, and is purged before Varnish", () => {
    const command: string[] = services.varnish.command;
    const webDoor = command.find((a, i) => command[i - 1] === '-a' && a.startsWith('web='))!;
    const webPort = webDoor.split(':').pop();
    expect(services.varnish.ports).toContain(`${webPort}:${webPort}`);
    expect(services.web.ports).toBeUndefined();
    const web = envOf('web');
    const backends = read('deploy/varnish/compose-backends.vcl');
    expect(backends).toMatch(new RegExp(`backend web \\{\\s*\\.host = "web";\\s*\\.port = "${web.PORT}";`));
    expect(read('deploy/varnish/default.vcl')).toMatch(/local\.socket == "web"/);
    expect(new URL(web.GATEWAY_URL).hostname).toBe('lb');
    expect(web).toMatchObject({ NODE_ENV: 'production', TRUST_PROXY: '1' });
    expect(new URL(envOf('api').WEB_PURGE_URLS).host).toBe(`web:${web.PORT}`);
    // The secrets the two share come from one file.
    expect(envFilesOf('web').filter((f) => envFilesOf('api').includes(f))).toEqual(['deploy/web-gateway.env']);
    expect(Object.keys(templateOf('deploy/web-gateway.env')).sort()).toEqual(['SITE_SERVER_KEYS', 'WEB_PURGE_SECRET']);
    expect(healthcheckText('web')).toContain(`http://127.0.0.1:${web.PORT}/_web/health`);
    // Every variable given to the website is one it reads.
    const webSources = ['web/src/server/web-config.ts', 'web/src/lib/sites.ts', 'web/src/lib/gateway-client.ts', 'web/src/proxy.ts', 'web/src/server/main.ts'].map(read).join('\n');
    const read_ = new Set([...webSources.matchAll(/(?:env\.|env\['|int\(env, ')([A-Z][A-Z0-9_]*)/g)].map((m) => m[1]));
    const given = [...Object.keys(web), ...templateKeys('web')];
    expect(given.filter((k) => !read_.has(k) && k !== 'NODE_ENV')).toEqual([]);
  });

  it('every variable given to the gateway is one it validates (api/src/config/app-config.schema.ts)', () => {
    expect(API_KEYS.size).toBeGreaterThan(15);
    const given = [...Object.keys(envOf('api')), ...templateKeys('api')];
    expect(given.filter((k) => !API_KEYS.has(k))).toEqual([]);
    expect(envOf('api').NODE_ENV).toBe('production');
  });

  it('every variable given to the CMS is one its config reads (cms/config, cms/src)', () => {
    const given = [...Object.keys(envOf('cms')), ...templateKeys('cms')];
    expect(given.filter((k) => !CMS_KEYS.has(k))).toEqual([]);
    expect(envOf('cms')).toMatchObject({ NODE_ENV: 'production', DATABASE_CLIENT: 'postgres' });
    expect(templateKeys('cms')).toContain('DATABASE_URL');
  });

  it('secrets come only from env files, every required one is there, and none has a value', () => {
    for (const svc of ['api', 'cms', 'web']) {
      for (const f of envFilesOf(svc)) {
        expect(f).toMatch(/^deploy\/.+\.env$/);
        expect(existsSync(path.join(ROOT, `${f}.example`))).toBe(true);
      }
    }
    expect(API_SECRETS.length).toBeGreaterThanOrEqual(4);
    expect(CMS_SECRETS.length).toBeGreaterThanOrEqual(8);
    expect(API_SECRETS.filter((s) => !templateKeys('api').includes(s))).toEqual([]);
    expect(CMS_SECRETS.filter((s) => !templateKeys('cms').includes(s))).toEqual([]);
    // Shared secrets come from one file for both apps, so they cannot drift apart.
    const shared = envFilesOf('api').filter((f) => envFilesOf('cms').includes(f));
    expect(shared.flatMap((f) => Object.keys(templateOf(f))).sort()).toEqual(API_SECRETS.filter((s) => CMS_SECRETS.includes(s as never)).sort());
    // Nothing secret inline, no ${VAR:-default} fallbacks, no dev value anywhere, empty templates.
    for (const svc of Object.keys(services)) {
      expect([svc, Object.keys(envOf(svc)).filter((k) => SECRET_NAME.test(k))]).toEqual([svc, []]);
    }
    const raw = read('docker-compose.yml');
    expect(raw).not.toMatch(/\$\{[^}]*:?-/);
    for (const v of DEV_VALUES) expect(raw).not.toContain(v);
    for (const f of new Set(Object.keys(services).flatMap(envFilesOf))) {
      for (const [k, v] of Object.entries(templateOf(f))) expect([f, k, v]).toEqual([f, k, '']);
    }
    expect(read('.gitignore')).toMatch(/^deploy\/\*\.env$/m);
    expect(read('.dockerignore')).toMatch(/^deploy\/\*\.env$/m);
  });

  it('services find each other by name on the ports they listen on', () => {
    const api = envOf('api');
    const cms = envOf('cms');
    expect(new URL(api.STRAPI_URL).host).toBe(`cms:${cms.PORT}`);
    expect(new URL(api.REDIS_URL).hostname).toBe('redis');
    expect(new URL(cms.GATEWAY_URL).host).toBe(`api:${api.PORT}`);
    expect(services.api.depends_on).toMatchObject({ redis: { condition: 'service_healthy' }, cms: { condition: 'service_healthy' } });
    expect(services.cms.depends_on).toMatchObject({ postgres: { condition: 'service_healthy' } });
    expect(services.postgres.environment).toMatchObject({ POSTGRES_USER: 'clinic', POSTGRES_DB: 'clinic' });
    expect(read('deploy/postgres.env.example')).toContain('@postgres:5432/clinic');
  });

  it('healthchecks call endpoints that exist, on the right ports', () => {
    const controller = read('api/src/health/controllers/health.controller.ts');
    expect(controller).toMatch(/@Controller\('health'\)/);
    expect(controller).toMatch(/@Get\('live'\)/);
    expect(healthcheckText('api')).toContain(`http://127.0.0.1:${envOf('api').PORT}/health/live`);
    // Strapi's built-in health route.
    expect(read('node_modules/@strapi/core/dist/services/server/index.js')).toContain("router.all('/_health'");
    expect(healthcheckText('cms')).toContain(`http://127.0.0.1:${envOf('cms').PORT}/_health`);
    expect(healthcheckText('lb')).toContain('/lb-health');
    expect(read('deploy/nginx.conf')).toContain('location = /lb-health');
    expect(healthcheckText('postgres')).toContain('pg_isready');
    expect(healthcheckText('redis')).toContain('redis-cli ping');
  });

  it('state lives in named volumes mounted where the images write', () => {
    const declared = Object.keys(compose.volumes);
    expect(declared.sort()).toEqual(['cms-uploads', 'postgres-data']);
    expect(services.postgres.volumes).toContain('postgres-data:/var/lib/postgresql/data');
    const uploads = services.cms.volumes.find((v: string) => v.startsWith('cms-uploads:')).split(':')[1];
    const dockerfile = read('cms/Dockerfile');
    expect(dockerfile).toContain(`mkdir -p cms/public/uploads`);
    expect(uploads).toBe('/app/cms/public/uploads');
  });

  it('the build contexts and Dockerfiles exist; api shuts down within its stop grace period', () => {
    for (const svc of ['api', 'cms', 'web']) {
      expect(existsSync(path.join(ROOT, services[svc].build.context, services[svc].build.dockerfile))).toBe(true);
    }
    const main = read('api/src/main.ts');
    const bound = Number(/SHUTDOWN_TIMEOUT_MS = ([\d_]+)/.exec(main)![1].replace(/_/g, ''));
    expect(parseInt(services.api.stop_grace_period, 10) * 1000).toBeGreaterThan(bound);
  });
});

describe.each(['api/Dockerfile', 'cms/Dockerfile', 'web/Dockerfile'])('%s', (file) => {
  const text = read(file);
  const lines = text.split('\n').filter((l) => !l.trim().startsWith('#'));
  const stages = lines.map((l, i) => [l, i] as const).filter(([l]) => /^FROM\s/i.test(l));
  const lastStage = lines.slice(stages[stages.length - 1][1]).join('\n');

  it('is multi-stage, and the runtime stage runs as a non-root user', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    const user = /^USER\s+(\S+)/m.exec(lastStage)?.[1];
    expect(user).toBeDefined();
    expect(['root', '0', '0:0']).not.toContain(user);
    expect(lastStage.indexOf('USER')).toBeLessThan(lastStage.indexOf('CMD'));
    expect(lastStage).toMatch(/^CMD \[/m); // exec form: node gets SIGTERM
    expect(lastStage).toMatch(/^HEALTHCHECK /m);
  });

  it('installs production dependencies only for the runtime, from the root lockfile', () => {
    expect(text).toMatch(/COPY package\.json package-lock\.json/);
    expect(text).toMatch(/npm ci --omit=dev --workspace=@clinic\/(api|cms|web)/);
    expect(lastStage).not.toMatch(/npm (ci|install)/);
    // Every workspace manifest is in the context so that npm ci accepts the lockfile.
    const workspaces = JSON.parse(read('package.json')).workspaces as string[];
    for (const ws of workspaces) expect(text).toContain(`COPY ${ws}/package.json ${ws}/`);
    const ignored = read('.dockerignore');
    expect(ignored).toMatch(/^\*\*\/node_modules$/m);
    expect(ignored).toMatch(/^\.env$/m);
  });

  it('copies only paths that exist in the repository', () => {
    for (const m of text.matchAll(/^COPY (?!--from)(.+)$/gm)) {
      const sources = m[1].trim().split(/\s+/).slice(0, -1);
      for (const s of sources) expect([s, existsSync(path.join(ROOT, s))]).toEqual([s, true]);
    }
  });
});

describe('CI', () => {
  it('.ci/run gives the PostgreSQL and Redis suites their servers', () => {
    const run = read('.ci/run');
    expect(run).toMatch(/export PG_TEST_URL=/);
    expect(run).toMatch(/export REDIS_URL=/);
  });
});
