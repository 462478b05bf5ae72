import { proxyGatewayFile } from '../../lib/gateway-file';

export const dynamic = 'force-dynamic';

export function GET(request: Request) {
  return proxyGatewayFile(request, 'sitemap.xml');
}
