import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The repository root: the first folder above this module whose package.json declares the workspaces. Found by
 * walking up rather than by a fixed `../..`, because this module runs both from source (jest) and compiled
 * into tests/dist/support (bench, Lighthouse, scripts).
 */
function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { workspaces?: unknown }).workspaces) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no workspace root above ${from}`);
  }
}

export const ROOT = findRoot(path.dirname(fileURLToPath(import.meta.url)));
export const CMS_DIR = path.join(ROOT, 'cms');
export const API_DIR = path.join(ROOT, 'api');
export const WEB_DIR = path.join(ROOT, 'web');
export const TESTS_DIR = path.join(ROOT, 'tests');

/** The gateway's entry point (`node <API_MAIN>` starts it), as @clinic/api exports it. */
export const API_MAIN = createRequire(path.join(TESTS_DIR, 'package.json')).resolve('@clinic/api');
/** The website's front server (web/dist/server/main.mjs, with Next's production build behind it). */
export const WEB_SERVER = path.join(WEB_DIR, 'dist', 'server', 'main.mjs');
/** The website's codegen manifest: the documents the gateway trusts for the seeded sites. */
export const WEB_MANIFEST = path.join(WEB_DIR, 'src', 'gql', 'persisted-documents.json');
