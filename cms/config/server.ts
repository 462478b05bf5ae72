import { secret } from '../src/utils/secrets';

export default ({ env }) => {
  const publicUrl = env('PUBLIC_URL', '');
  return {
    host: env('HOST', '0.0.0.0'),
    port: env.int('PORT', 1337),
    ...(publicUrl ? { url: publicUrl.replace(/\/+$/, '') } : {}),
    // Trust X-Forwarded-* when served behind a TLS-terminating proxy (PUBLIC_URL https) unless told otherwise.
    proxy: { koa: env.bool('IS_PROXIED', publicUrl.startsWith('https://')) },
    app: {
      keys: secret('APP_KEYS')
        .split(',')
        .map((key) => key.trim())
        .filter(Boolean),
    },
  };
};
