import { jsonLdGraph } from '../utils/json-ld.util.js';

describe('jsonLdGraph', () => {
  it('writes text that cannot close the inline script, and parses to the same value', () => {
    const evil = 'Answer </script><script>alert(1)</script> & more \u2028 line \u2029 end';
    const text = jsonLdGraph([{ '@type': 'Question', name: evil }]);
    expect(text).not.toMatch(/[<>&\u2028\u2029]/);
    expect(text).toContain('\\u003c/script\\u003e');
    expect(JSON.parse(text)['@graph'][0].name).toBe(evil);
  });
});
