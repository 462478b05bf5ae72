import { MAX_PAGE_SIZE, paginate } from '../utils/paginate.util.js';

const item = (name: string, id: string) => ({ name, id });
const at = (x: { name: string; id: string }): [string, string] => [x.name, x.id];

describe('paginate', () => {
  const list = [item('Delta', 'd'), item('Alpha', 'a'), item('Charlie', 'c'), item('Bravo', 'b'), item('Bravo', 'b2')];

  it('walks the list in a total order, page by page, to the end', () => {
    const seen: string[] = [];
    let after: string | undefined;
    for (let i = 0; i < 10; i++) {
      const page = paginate(list, at, 2, after);
      expect(page.totalCount).toBe(5);
      seen.push(...page.nodes.map((n) => n.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor!;
    }
    expect(seen).toEqual(['a', 'b', 'b2', 'c', 'd']);
  });

  it('a cursor stays valid when items are added or removed before it', () => {
    const first = paginate(list, at, 2, undefined);
    const changed = [...list.filter((x) => x.id !== 'a'), item('Aaron', 'aa')];
    expect(paginate(changed, at, 2, first.pageInfo.endCursor!).nodes.map((n) => n.id)).toEqual(['b2', 'c']);
  });

  it('refuses page sizes out of range and forged cursors with BAD_USER_INPUT', () => {
    for (const first of [0, -1, MAX_PAGE_SIZE + 1, 1.5]) {
      expect(() => paginate(list, at, first, undefined)).toThrow(/first must be/);
    }
    for (const after of ['nope', Buffer.from('{"a":1}').toString('base64url'), 'x'.repeat(2000)]) {
      let code: unknown;
      try {
        paginate(list, at, 2, after);
      } catch (e) {
        code = (e as { extensions?: { code?: string } }).extensions?.code;
      }
      expect(code).toBe('BAD_USER_INPUT');
    }
  });
});
