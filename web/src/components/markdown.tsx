import MarkdownIt from 'markdown-it';

/**
 * CMS Markdown as HTML. markdown-it with `html: false` escapes any raw HTML an editor types and refuses
 * `javascript:`-style links, so the text cannot inject markup. Headings inside a section sit below the
 * section's own h2/h3. The HTML of each text is kept (bounded): the article is the same on every request
 * until an editor changes it, and rendering it as one string keeps the React tree (and the page) small.
 */
const md = new MarkdownIt({ html: false, linkify: false, typographer: false });
const SHIFT: Record<string, string> = { h1: 'h3', h2: 'h3', h3: 'h4', h4: 'h5' };
for (const rule of ['heading_open', 'heading_close'] as const) {
  md.renderer.rules[rule] = (tokens, idx, options, _env, self) => {
    tokens[idx].tag = SHIFT[tokens[idx].tag] ?? tokens[idx].tag;
    return self.renderToken(tokens, idx, options);
  };
}

const MAX_CACHED = 2000;
const cache = new Map<string, string>();

export function markdownHtml(source: string): string {
  let html = cache.get(source);
  if (html === undefined) {
    html = md.render(source);
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value as string);
    cache.set(source, html);
  }
  return html;
}

export function Markdown({ children }: { children: string }) {
  // biome-ignore lint/security/noDangerouslySetInnerHtml: markdown-it runs with `html: false` (above), so the text carries no markup of its own.
  return <div className="md" dangerouslySetInnerHTML={{ __html: markdownHtml(children) }} />;
}
