/**
 * Bundles the front server (src/server/main.ts and what it imports from src/lib) into dist/server/main.mjs.
 * Packages stay external (resolved from node_modules at run time); `next build` has type-checked the sources.
 */
import { build } from 'esbuild';

await build({
  entryPoints: ['src/server/main.ts'],
  outfile: 'dist/server/main.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
