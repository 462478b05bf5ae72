/**
 * Varnish in front of a local gateway, with the repository's VCL (deploy/varnish/default.vcl): used by
 * `npm run start:edge`, the Varnish test suite and the benchmark. The VCL includes `edge-backends.vcl`
 * from vcl_path; here it is rendered into varnishd's own working directory (backend host/port, the
 * purge ACL), which comes first on vcl_path. Needs Debian's `varnish` and `varnish-modules` (xkey).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const VCL_DIR = path.join(root, 'deploy', 'varnish');
export const VCL_FILE = path.join(VCL_DIR, 'default.vcl');
export const VARNISHD = process.env.VARNISHD || '/usr/sbin/varnishd';

/** True when varnishd and vmod xkey are installed. */
export function varnishAvailable() {
  const r = spawnSync(VARNISHD, ['-V'], { encoding: 'utf8' });
  if (r.status !== 0) return false;
  const vmodDirs = ['/usr/lib/x86_64-linux-gnu/varnish/vmods', '/usr/lib/aarch64-linux-gnu/varnish/vmods', '/usr/lib/varnish/vmods'];
  return vmodDirs.some((d) => spawnSync('test', ['-e', path.join(d, 'libvmod_xkey.so')]).status === 0);
}

/**
 * The `edge-backends.vcl`: the gateway (`origin`), the website (`web`; the gateway again when there is no
 * website, so the VCL always compiles), and the addresses (IPs or CIDRs) allowed to purge.
 */
export function renderEdgeBackends({ backendHost, backendPort, webHost = backendHost, webPort = backendPort, purgers }) {
  const acl = purgers
    .map((p) => {
      const [ip, bits] = p.split('/');
      return bits ? `    "${ip}"/${bits};` : `    "${ip}";`;
    })
    .join('\n');
  return `# Rendered by scripts/varnish.mjs.
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

/**
 * Starts varnishd in the foreground (`-F`) on `listen` (host:port strings; the first is the URL), plus
 * `webListen` (the socket named `web`, whose requests go to `web`, the website) when given, in a temp
 * working directory, and resolves once it answers. `stop()` ends it and removes the directory.
 */
export async function startVarnish({ listen, webListen, backend, web, purgers = ['127.0.0.1'], storage = 'malloc,128m', onLog } = {}) {
  const workDir = mkdtempSync(path.join(tmpdir(), 'clinic-varnish-'));
  writeFileSync(
    path.join(workDir, 'edge-backends.vcl'),
    renderEdgeBackends({ backendHost: backend.host, backendPort: backend.port, webHost: web?.host, webPort: web?.port, purgers }),
  );
  const args = [
    '-F',
    '-j', 'none', // run as the invoking user: the temp working directory is private to it
    '-n', path.join(workDir, 'n'),
    '-T', 'none',
    ...listen.flatMap((a) => ['-a', a]),
    ...(webListen ? ['-a', `web=${webListen}`] : []),
    '-f', VCL_FILE,
    '-p', `vcl_path=${workDir}:${VCL_DIR}`,
    // The gateway compresses (br, gzip) and keys ETags per encoding; Varnish must not re-encode.
    '-p', 'http_gzip_support=off',
    '-p', 'thread_pools=1',
    '-s', storage,
  ];
  const child = spawn(VARNISHD, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  for (const s of [child.stdout, child.stderr]) {
    s.on('data', (c) => {
      output += c;
      onLog?.(String(c));
    });
  }
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const url = `http://${listen[0]}`;
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) {
      rmSync(workDir, { recursive: true, force: true });
      throw new Error(`varnishd exited (${child.exitCode}):\n${output.slice(-2000)}`);
    }
    // Any HTTP answer means the VCL is loaded (a bare PURGE is refused or answered 400 by the VCL).
    const up = await fetch(url, { method: 'PURGE', signal: AbortSignal.timeout(1000) }).then(
      () => true,
      () => false,
    );
    if (up) break;
    if (Date.now() - started > 20_000) {
      child.kill('SIGKILL');
      rmSync(workDir, { recursive: true, force: true });
      throw new Error(`varnishd did not answer on ${url} within 20 s:\n${output.slice(-2000)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    port: Number(listen[0].split(':').pop()),
    webUrl: webListen ? `http://${webListen}` : undefined,
    workDir,
    pid: child.pid,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        const t = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(t);
      }
      rmSync(workDir, { recursive: true, force: true });
    },
  };
}
