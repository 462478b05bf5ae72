/**
 * Public pages are server components only: nothing on them is interactive, and every link is a plain
 * `<a>`. Next still appends its client runtime (the chunks, their preloads, and the RSC payload for
 * client-side navigation), which a phone would download, parse and run for nothing. The front server
 * drops it before a page is cached; preview pages (never cached) keep it.
 *
 * Kept: JSON-LD (`type="application/ld+json"`, data for crawlers, not script). Dropped: every other
 * `<script>` (external chunks, inline bootstrap and payload) and `<link rel="preload|modulepreload" as="script">`.
 */
const SCRIPT = /<script\b([^>]*)>[\s\S]*?<\/script>/gi;
const SCRIPT_PRELOAD = /<link\b(?=[^>]*\bas="script")(?=[^>]*\brel="(?:preload|modulepreload)")[^>]*\/?>|<link\b(?=[^>]*\brel="modulepreload")[^>]*\/?>/gi;

export function withoutRuntimeScripts(html: string): string {
  return html.replace(SCRIPT, (tag, attrs: string) => (/\btype=["']application\/ld\+json["']/i.test(attrs) ? tag : '')).replace(SCRIPT_PRELOAD, '');
}

/** The inline JSON-LD blocks of a page, for the Content-Security-Policy hashes. */
export function inlineJsonLd(html: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(SCRIPT)) if (/\btype=["']application\/ld\+json["']/i.test(m[1])) out.push(m[0].slice(m[0].indexOf('>') + 1, -'</script>'.length));
  return out;
}
