/** Integration suites: real Strapi (compiled, temp SQLite) and real gateways, one Strapi per file, run in band. */
export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/integration'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testTimeout: 60_000,
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'es6' } }],
  },
};
