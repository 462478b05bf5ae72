export * from './content-types';
export * from './locales';
export * from './slug';
export * from './seo-rules';
export * from './cache-tags';
export * from './preview-token';
export * from './site-paths';
export * from './strapi-schemas';
