import { isIPv4, isIPv6 } from 'node:net';

/** Visitor addresses as budgets see them: the gateway's per-client budgets and the website's render budget. */

/** The longest textual IPv6 address (with an embedded IPv4 tail) is 45 characters. */
const MAX_ADDRESS_LENGTH = 45;
const V4_MAPPED = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i;

/** One IPv4 or IPv6 address as a server-side caller names its visitor, or undefined (lists, zones, names, ports). */
export function parseVisitorAddress(raw: string | string[] | undefined): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const s = raw.trim();
  if (s.length === 0 || s.length > MAX_ADDRESS_LENGTH || s.includes('%')) return undefined;
  return isIPv4(s) || isIPv6(s) ? s : undefined;
}

/**
 * The address a per-client budget is kept under. An IPv6 client gets a whole /64 (one subscriber's
 * usual allocation), else one visitor could rotate through its 2^64 addresses and a fresh budget
 * each; an IPv4 client seen through a dual-stack socket (`::ffff:a.b.c.d`) is that IPv4 address.
 */
export function budgetAddress(ip: string): string {
  const mapped = V4_MAPPED.exec(ip);
  if (mapped) return mapped[1];
  if (!isIPv6(ip)) return ip;
  return `${hextets(ip)
    .slice(0, 4)
    .map((g) => parseInt(g, 16).toString(16))
    .join(':')}::/64`;
}

/** The eight 16-bit groups of a valid IPv6 address ("::" expanded; an IPv4 tail counts as two). */
function hextets(ip: string): string[] {
  const groups = (part: string) => (part ? part.split(':').flatMap((g) => (g.includes('.') ? ['0', '0'] : [g])) : []);
  const at = ip.indexOf('::');
  if (at < 0) return groups(ip);
  const left = groups(ip.slice(0, at));
  const right = groups(ip.slice(at + 2));
  return [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
}
