/**
 * Serialises Strapi's nested REST parameters (`populate`, `filters`, `fields`, `pagination`) into
 * bracket notation: `{ filters: { slug: { $eq: 'x' } } }` → `filters[slug][$eq]=x`.
 */
export type QueryValue = string | number | boolean | null | undefined | QueryValue[] | { [key: string]: QueryValue };

export function toQueryString(params: Record<string, QueryValue>): string {
  const parts: string[] = [];
  const walk = (prefix: string, value: QueryValue) => {
    if (value === undefined) return;
    if (value === null) {
      parts.push(`${encodeKey(prefix)}=`);
    } else if (Array.isArray(value)) {
      value.forEach((v, i) => walk(`${prefix}[${i}]`, v));
    } else if (typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) walk(prefix ? `${prefix}[${k}]` : k, v);
    } else {
      parts.push(`${encodeKey(prefix)}=${encodeURIComponent(String(value))}`);
    }
  };
  walk('', params as QueryValue);
  return parts.join('&');
}

// Brackets and `$` stay readable in logs; Strapi's qs parser accepts them unencoded.
const encodeKey = (key: string) => encodeURIComponent(key).replace(/%5B/g, '[').replace(/%5D/g, ']').replace(/%24/g, '$');
