import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { CMS_DIR, startStrapi, type StrapiHandle } from '../../support/strapi-harness.js';
import { startGateway, type GatewayHandle } from '../../support/gateway-harness.js';
import { freePort } from '../../support/ports.js';
import { DEV } from '../../support/dev-env.js';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export const ARTIFACTS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../artifacts/e2e');
export const ADMIN_INDEX = path.join(CMS_DIR, 'dist/build/index.html');

/** Fails with an actionable message when Debian's Chromium is not installed (the test never installs it). */
export function assertChromiumInstalled(): void {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}. The browser tests use Debian's chromium package; install it with ` + '`apt-get update && apt-get install -y chromium` and run them again.',
    );
  }
}

/**
 * Builds the Strapi admin panel (cms/dist/build) with `npx strapi build` when it is missing.
 * Takes ~40 s and ~2 GB of RAM; the output is only printed when the build fails.
 */
export async function ensureAdminBuilt(timeoutMs = 10 * 60_000): Promise<void> {
  if (existsSync(ADMIN_INDEX)) return;
  const started = Date.now();
  const output: string[] = [];
  const child = spawn('npx', ['strapi', 'build'], {
    cwd: CMS_DIR,
    env: { ...process.env, NODE_OPTIONS: '', STRAPI_TELEMETRY_DISABLED: 'true', CI: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  child.stdout.on('data', (d) => output.push(String(d)));
  child.stderr.on('data', (d) => output.push(String(d)));
  const code = await new Promise<number | null>((resolve, reject) => {
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        /* already gone */
      }
      reject(new Error(`\`npx strapi build\` (admin panel) did not finish within ${timeoutMs / 1000} s:\n${output.join('').slice(-4000)}`));
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('exit', (c) => {
      clearTimeout(timer);
      resolve(c);
    });
  });
  if (code !== 0 || !existsSync(ADMIN_INDEX)) {
    throw new Error(`\`npx strapi build\` in cms/ failed (exit ${code}); no ${ADMIN_INDEX}:\n${output.join('').slice(-4000)}`);
  }
  console.log(`[e2e] built the admin panel in ${Math.round((Date.now() - started) / 1000)} s`);
}

export interface BrowserSession {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Runs one named step: a screenshot `NN-<name>.png` after it, `FAILED-<name>.png` and the step's name in the error if it throws. */
  step<T>(name: string, fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * Headless Chromium that only talks to the local servers (`allowedOrigins`): anything else the admin
 * panel tries to fetch (blog, marketplace, update checks) is aborted, so nothing leaves the machine.
 */
export async function openBrowser(
  allowedOrigins: string[],
  { artifactsDir = ARTIFACTS_DIR, javaScriptEnabled = true }: { artifactsDir?: string; javaScriptEnabled?: boolean } = {},
): Promise<BrowserSession> {
  // Only this suite's screenshots go: other suites keep theirs (in subfolders) when run in one go.
  mkdirSync(artifactsDir, { recursive: true });
  for (const f of readdirSync(artifactsDir)) if (f.endsWith('.png')) rmSync(path.join(artifactsDir, f), { force: true });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true, timeout: 60_000 });
  let context: BrowserContext | undefined;
  try {
    context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'en-US', timezoneId: 'UTC', javaScriptEnabled });
    context.setDefaultTimeout(15_000);
    context.setDefaultNavigationTimeout(30_000);
    await context.route(
      (url) => !allowedOrigins.includes(url.origin) || url.pathname === '/favicon.ico',
      (route) => route.abort('blockedbyclient'),
    );
    const page = await context.newPage();
    let n = 0;
    const shot = (file: string) => page.screenshot({ path: path.join(artifactsDir, file), fullPage: true, timeout: 10_000 });
    return {
      browser,
      context,
      page,
      async step(name, fn) {
        const index = String(++n).padStart(2, '0');
        const file = name
          .replace(/[^a-z0-9]+/gi, '-')
          .replace(/^-|-$/g, '')
          .toLowerCase();
        const started = Date.now();
        try {
          const result = await fn();
          await shot(`${index}-${file}.png`);
          console.log(`[e2e] step ${index} "${name}" passed in ${Date.now() - started} ms`);
          return result;
        } catch (error) {
          await shot(`FAILED-${file}.png`).catch(() => undefined);
          const cause = error instanceof Error ? error : new Error(String(error));
          const wrapped = new Error(
            `E2E step ${index} "${name}" failed (screenshot: ${path.relative(path.resolve(ARTIFACTS_DIR, '../../..'), path.join(artifactsDir, `FAILED-${file}.png`))}, page: ${page.url()}):\n${cause.message}`,
          );
          // Keep the failing call's frames (jest prints the stack, which holds the message it was created with).
          const frames = (cause.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
          wrapped.stack = [`Error: ${wrapped.message}`, ...frames].join('\n');
          throw wrapped;
        }
      },
      async close() {
        await context?.close().catch(() => undefined);
        await browser.close().catch(() => undefined);
      },
    };
  } catch (error) {
    await browser.close().catch(() => undefined);
    throw error;
  }
}

/** Logs in to the admin panel at `cmsUrl` as the seeded Editor (Strapi rate-limits logins: once per file). */
export async function logInAsEditor(page: Page, cmsUrl: string): Promise<void> {
  await page.goto(`${cmsUrl}/admin`);
  await page.getByRole('textbox', { name: 'Email' }).fill(DEV.editor.email);
  await page.getByRole('textbox', { name: 'Password' }).fill(DEV.editor.password);
  await page.getByRole('button', { name: 'Login' }).click();
  await page.getByRole('link', { name: 'Content Manager' }).first().waitFor({ state: 'visible' });
}

/** Waits until the first element the locator matches is visible (an event, not a sleep). */
export const visible = (locator: Locator, timeout?: number) => locator.first().waitFor({ state: 'visible', timeout });

export interface AdminStack {
  strapi: StrapiHandle;
  /** Only when asked for: Strapi's webhook then targets it from boot. */
  gateway?: GatewayHandle;
  session: BrowserSession;
  stop(): Promise<void>;
}

/**
 * What the admin-panel suites start: the built admin, a Strapi serving it (its webhook aimed at a gateway port,
 * so the webhook it provisions at boot already targets the gateway when there is one), optionally that
 * gateway, and Chromium allowed to reach them.
 */
export async function startAdminStack({
  gateway: withGateway = false,
  browserReachesGateway = false,
  env,
  artifactsDir,
}: {
  gateway?: boolean;
  browserReachesGateway?: boolean;
  env?: Record<string, string>;
  artifactsDir?: string;
} = {}): Promise<AdminStack> {
  assertChromiumInstalled();
  await ensureAdminBuilt();
  const gatewayPort = await freePort();
  const strapi = await startStrapi({ gatewayUrl: `http://127.0.0.1:${gatewayPort}`, serveAdminPanel: true, env });
  const gateway = withGateway ? await startGateway({ strapiUrl: strapi.url, port: gatewayPort }) : undefined;
  const session = await openBrowser(browserReachesGateway && gateway ? [strapi.url, gateway.url] : [strapi.url], artifactsDir ? { artifactsDir } : {});
  return {
    strapi,
    gateway,
    session,
    async stop() {
      await session.close();
      await gateway?.stop().catch((e) => console.error('[e2e] gateway stop failed', e));
      await strapi.stop().catch((e) => console.error('[e2e] strapi stop failed', e));
    },
  };
}
