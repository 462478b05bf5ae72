'use strict';
/**
 * Compiles the Strapi app (config/ and src/ → dist/) the way `strapi develop/build` does.
 * Exits non-zero when TypeScript reports errors or compilation throws.
 */
const path = require('node:path');
const { compileStrapi } = require('@strapi/strapi');

const appDir = path.resolve(__dirname, '..');
const started = Date.now();

compileStrapi({ appDir })
  .then(({ distDir }) => {
    console.log(`[cms] compiled ${path.relative(process.cwd(), appDir) || '.'} → ${path.relative(process.cwd(), distDir)} in ${Date.now() - started} ms`);
  })
  .catch((error) => {
    console.error('[cms] compilation failed:', error?.message ? error.message : error);
    process.exit(1);
  });
