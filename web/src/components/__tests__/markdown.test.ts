import { markdownHtml } from '../markdown';

describe('CMS Markdown', () => {
  it('renders lists, emphasis and links, with headings below the section heading', () => {
    const html = markdownHtml('## Right after\n\n- **Less pain** – soon\n\n[Read more](https://example.org/a)');
    expect(html).toContain('<h3>Right after</h3>');
    expect(html).toContain('<li><strong>Less pain</strong> – soon</li>');
    expect(html).toContain('<a href="https://example.org/a">Read more</a>');
  });
  it('escapes raw HTML and drops script links an editor might type', () => {
    const html = markdownHtml('Hi <script>alert(1)</script> <img src=x onerror=alert(1)>\n\n[x](javascript:alert(1))');
    expect(html).not.toMatch(/<script|<img|href="javascript/i);
    expect(html).toContain('&lt;script&gt;');
  });
});
