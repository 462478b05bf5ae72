/**
 * Browser (end-to-end) suites: real Strapi with its admin panel, real gateway, headless Chromium
 * (Debian's /usr/bin/chromium) driven by playwright-core. Run with `npm run e2e -w tests`
 * (root: `npm run test:e2e`, which builds first). Screenshots go to tests/artifacts/e2e/.
 */
export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/e2e'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  // Includes building the admin panel (~40 s) when cms/dist/build is missing.
  testTimeout: 180_000,
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'es6' } }],
  },
};
