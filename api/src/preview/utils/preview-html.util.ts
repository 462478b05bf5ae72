import type { Clinic, Faq } from '../../content/models/content.model.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]);

/** Markdown shown as escaped paragraphs: enough for an editor to read the copy, nothing executable. */
const paragraphs = (md: string) =>
  md
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${escapeHtml(p.replace(/^#+\s*/, '')).replace(/\n/g, '<br>')}</p>`)
    .join('\n');

export interface PreviewPage {
  siteName: string;
  path: string;
  title: string;
  h1: string;
  intro: string;
  sections?: Array<{ heading: string; body: string }>;
  clinics?: Clinic[];
  faqs?: Faq[];
  description: string;
  expiresAt: Date;
}

export function renderPreview(page: PreviewPage): string {
  const clinics = page.clinics?.length
    ? `<h2>Clinics</h2><ul>${page.clinics
        .map((c) => `<li><strong>${escapeHtml(c.name)}</strong> · ${escapeHtml(c.phone)}${c.address ? ` · ${escapeHtml(`${c.address.street}, ${c.address.city}`)}` : ''}</li>`)
        .join('')}</ul>`
    : '';
  const faqs = page.faqs?.length ? `<h2>Questions</h2>${page.faqs.map((f) => `<h3>${escapeHtml(f.question)}</h3>${paragraphs(f.answer)}`).join('')}` : '';
  const sections = (page.sections ?? []).map((s) => (s.body ? `<h2>${escapeHtml(s.heading)}</h2>${paragraphs(s.body)}` : '')).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="robots" content="noindex, nofollow">
<title>${escapeHtml(page.title)}</title><meta name="description" content="${escapeHtml(page.description)}">
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:46rem;margin:0 auto;padding:1rem}.banner{background:#fff3cd;border:1px solid #e0c36c;padding:.5rem 1rem;border-radius:6px}</style>
</head><body>
<div class="banner" role="status">Draft preview of <strong>${escapeHtml(page.path)}</strong> on ${escapeHtml(page.siteName)}: not published. Link valid until ${page.expiresAt.toISOString()}.</div>
<h1>${escapeHtml(page.h1)}</h1>
<section id="intro">${paragraphs(page.intro)}</section>
${sections}${clinics}${faqs}
</body></html>`;
}
