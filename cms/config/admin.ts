import { secret } from '../src/utils/secrets';
import { gatewayPublicUrl, previewOrigin, previewUrl } from '../src/utils/preview';

export default ({ env }) => {
  // Read eagerly so a production boot without PREVIEW_SECRET fails here, not on the first preview click.
  const previewSecret = secret('PREVIEW_SECRET');
  const gatewayOrigin = gatewayPublicUrl(env('GATEWAY_PUBLIC_URL', ''));
  // The preview button opens the clinic website (web/) when WEB_PUBLIC_URL names it, else the gateway's page.
  const origin = previewOrigin(env('WEB_PUBLIC_URL', ''), gatewayOrigin);

  return {
    auth: { secret: secret('ADMIN_JWT_SECRET') },
    apiToken: { salt: secret('API_TOKEN_SALT') },
    transfer: { token: { salt: secret('TRANSFER_TOKEN_SALT') } },
    secrets: { encryptionKey: secret('ENCRYPTION_KEY') },
    flags: {
      nps: env.bool('FLAG_NPS', false),
      promoteEE: env.bool('FLAG_PROMOTE_EE', false),
    },
    preview: {
      enabled: true,
      config: {
        allowedOrigins: [...new Set([origin, gatewayOrigin])],
        async handler(uid: string, { documentId, locale, status }: { documentId: string; locale?: string; status?: string }) {
          return previewUrl(strapi, uid, { documentId, locale, status }, { gatewayOrigin: origin, previewSecret });
        },
      },
    },
  };
};
