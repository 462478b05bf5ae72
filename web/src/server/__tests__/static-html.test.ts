import { inlineJsonLd, withoutRuntimeScripts } from '../static-html';

const page = `<!DOCTYPE html><html><head><link rel="stylesheet" href="/a.css"/><link rel="preload" as="script" fetchPriority="low" href="/_next/x.js"/>
<script src="/_next/static/chunks/a.js" async=""></script><link rel="modulepreload" href="/m.js"/><title>T</title></head>
<body><main><h1>Kyphoplasty</h1><script type="application/ld+json">{"@type":"MedicalProcedure"}</script></main>
<script id="_R_">(globalThis.TURBOPACK||[]).push({})</script><script>self.__next_f.push([1,"<b>payload</b>"])</script><script nomodule src="/p.js"></script></body></html>`;

describe('withoutRuntimeScripts', () => {
  it('drops Next runtime scripts and their preloads, keeps JSON-LD, styles and content', () => {
    const out = withoutRuntimeScripts(page);
    expect(out).not.toMatch(/<script(?![^>]*ld\+json)/);
    expect(out).not.toMatch(/as="script"|modulepreload|__next_f|TURBOPACK/);
    expect(out).toContain('<script type="application/ld+json">{"@type":"MedicalProcedure"}</script>');
    expect(out).toContain('<link rel="stylesheet" href="/a.css"/>');
    expect(out).toContain('<h1>Kyphoplasty</h1>');
  });

  it('finds the inline JSON-LD for the CSP hashes', () => {
    expect(inlineJsonLd(page)).toEqual(['{"@type":"MedicalProcedure"}']);
  });
});
