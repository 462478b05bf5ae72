/**
 * Varnish in front of a local gateway, with the repository's VCL (deploy/varnish/default.vcl): used by
 * `npm run start:edge`, the Varnish test suites and the benchmark. The VCL includes `edge-backends.vcl`
 * from vcl_path; here it is rendered into varnishd's own working directory (backend host/port, the
 * purge ACL), which comes first on vcl_path. Needs Debian's `varnish` and `varnish-modules` (xkey).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawnChild } from './node-child.js';
import { ROOT } from './paths.js';

export const VCL_DIR = path.join(ROOT, 'deploy', 'varnish');
export const VCL_FILE = path.join(VCL_DIR, 'default.vcl');
export const VARNISHD = process.env.VARNISHD || '/usr/sbin/varnishd';

/** True when varnishd and vmod xkey are installed. */
export function varnishAvailable(): boolean {
  const r = spawnSync(VARNISHD, ['-V'], { encoding: 'utf8' });
  if (r.status !== 0) return false;
  const vmodDirs = ['/usr/lib/x86_64-linux-gnu/varnish/vmods', '/usr/lib/aarch64-linux-gnu/varnish/vmods', '/usr/lib/varnish/vmods'];
  return vmodDirs.some((d) => spawnSync('test', ['-e', path.join(d, 'libvmod_xkey.so')]).status === 0);
}

/**
 * The `edge-backends.vcl`: the gateway (`origin`), the website (`web`; the gateway again when there is no
 * website, so the VCL always compiles), and the addresses (IPs or CIDRs) allowed to purge.
 */
export function renderEdgeBackends({
  backendHost,
  backendPort,
  webHost = backendHost,
  webPort = backendPort,
  purgers,
}: {
  backendHost: string;
  backendPort: number | string;
  webHost?: string;
  webPort?: number | string;
  purgers: string[];
}): string {
  const acl = purgers
    .map((p) => {
      const [ip, bits] = p.split('/');
      return bits ? `    "${ip}"/${bits};` : `    "${ip}";`;
    })
    .join('\n');
  return `# Rendered by tests/support/varnish-process.ts.
backend origin {
    .host = "${backendHost}";
    .port = "${backendPort}";
    .connect_timeout = 1s;
    .first_byte_timeout = 30s;
}

backend web {
    .host = "${webHost}";
    .port = "${webPort}";
    .connect_timeout = 1s;
    .first_byte_timeout = 30s;
}

acl purgers {
${acl}
}
`;
}

export interface VarnishHandle {
  url: string;
  port: number;
  /** The website's socket, when started with `webListen`. */
  webUrl?: string;
  workDir: string;
  pid: number | undefined;
  stop(): Promise<void>;
}

export interface VarnishOptions {
  /** host:port strings; the first is the URL. */
  listen: string[];
  webListen?: string;
  backend: { host: string; port: number | string };
  web?: { host: string; port: number | string };
  purgers?: string[];
  storage?: string;
  onLog?: (text: string) => void;
}

/**
 * Starts varnishd in the foreground (`-F`) on `listen`, plus `webListen` (the socket named `web`, whose
 * requests go to `web`, the website) when given, in a temp working directory, and resolves once it
 * answers. `stop()` ends it and removes the directory.
 */
export async function startVarnish({ listen, webListen, backend, web, purgers = ['127.0.0.1'], storage = 'malloc,128m', onLog }: VarnishOptions): Promise<VarnishHandle> {
  const workDir = mkdtempSync(path.join(tmpdir(), 'clinic-varnish-'));
  writeFileSync(path.join(workDir, 'edge-backends.vcl'), renderEdgeBackends({ backendHost: backend.host, backendPort: backend.port, webHost: web?.host, webPort: web?.port, purgers }));
  const args = [
    '-F',
    '-j',
    'none', // run as the invoking user: the temp working directory is private to it
    '-n',
    path.join(workDir, 'n'),
    '-T',
    'none',
    ...listen.flatMap((a) => ['-a', a]),
    ...(webListen ? ['-a', `web=${webListen}`] : []),
    '-f',
    VCL_FILE,
    '-p',
    `vcl_path=${workDir}:${VCL_DIR}`,
    // The gateway compresses (br, gzip) and keys ETags per encoding; Varnish must not re-encode.
    '-p',
    'http_gzip_support=off',
    '-p',
    'thread_pools=1',
    '-s',
    storage,
  ];
  const proc = spawnChild(VARNISHD, args, { env: process.env, name: 'varnishd', onOutput: onLog });
  const url = `http://${listen[0]}`;
  try {
    // Any HTTP answer means the VCL is loaded (a bare PURGE is refused or answered 400 by the VCL).
    await proc.until(
      `varnishd answering on ${url}`,
      () =>
        fetch(url, { method: 'PURGE', signal: AbortSignal.timeout(1000) }).then(
          () => true,
          () => false,
        ),
      20_000,
      100,
    );
  } catch (e) {
    rmSync(workDir, { recursive: true, force: true });
    throw e;
  }
  return {
    url,
    port: Number(listen[0].split(':').pop()),
    webUrl: webListen ? `http://${webListen}` : undefined,
    workDir,
    pid: proc.child.pid,
    async stop() {
      await proc.stop();
      rmSync(workDir, { recursive: true, force: true });
    },
  };
}
