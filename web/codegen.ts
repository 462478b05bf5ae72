import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Typed documents from the gateway's printed schema. `persistedDocuments` writes
 * src/gql/persisted-documents.json ({ "<sha256>": "<document text>" }): the manifest the gateway's
 * trusted-documents mode loads for these sites (TRUSTED_DOCUMENTS=<site>=web/src/gql/persisted-documents.json).
 * The output is committed, so the gateway can load it without building the site; a test checks it is current.
 */
const config: CodegenConfig = {
  schema: '../api/schema.graphql',
  documents: ['src/graphql/**/*.ts'],
  ignoreNoDocuments: false,
  generates: {
    'src/gql/': {
      preset: 'client',
      config: { documentMode: 'string', enumsAsTypes: true, useTypeImports: true },
      presetConfig: { fragmentMasking: false, persistedDocuments: { hashAlgorithm: 'sha256' } },
    },
  },
};

export default config;
