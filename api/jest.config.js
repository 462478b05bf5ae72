/** Nest 12 is ESM-only: jest runs in ESM mode, @swc/jest keeps decorator metadata. */
export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/src'],
  // Specs only: __tests__ also holds fixtures shared by several features' specs (sites/__tests__/site-info.fixture.ts).
  testMatch: ['**/__tests__/**/*.spec.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
        },
        module: { type: 'es6' },
      },
    ],
  },
};
