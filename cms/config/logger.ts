/**
 * Strapi's logger (winston): `info` in production (no per-request `http` lines), Strapi's default
 * (`silly`, i.e. everything) otherwise; STRAPI_LOG_LEVEL overrides either.
 */
export default ({ env }) => ({
  level: env('STRAPI_LOG_LEVEL', env('NODE_ENV', 'development') === 'production' ? 'info' : 'silly'),
});
