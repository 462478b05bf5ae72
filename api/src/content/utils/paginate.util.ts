import { ErrorCode, gatewayError } from '../../common/errors/error-codes.js';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export interface Page<T> {
  nodes: T[];
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
  totalCount: number;
}

/** Where an item sits in a list: its sort key, then its documentId (unique), so the order is total. */
type Position = [sortKey: string, id: string];

const compare = (a: Position, b: Position) => a[0].localeCompare(b[0]) || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0);

const encode = (p: Position) => Buffer.from(JSON.stringify(p)).toString('base64url');

function decode(cursor: string): Position {
  try {
    const p = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(p) && p.length === 2 && p.every((x) => typeof x === 'string' && x.length <= 300)) return p as Position;
  } catch {
    // fall through
  }
  throw gatewayError(ErrorCode.BAD_USER_INPUT, 'after must be an endCursor returned by this list');
}

/**
 * Cursor pagination over an ordered list: `first` items after the item the cursor names. The cursor
 * holds that item's position (sort key and id), not an offset, so pages stay stable when items are
 * added or removed before it: the next page starts right after where the previous one ended.
 */
export function paginate<T>(items: T[], positionOf: (item: T) => Position, first: number | undefined, after: string | undefined): Page<T> {
  const size = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw gatewayError(ErrorCode.BAD_USER_INPUT, `first must be an integer from 1 to ${MAX_PAGE_SIZE}`);
  }
  if (after !== undefined && (typeof after !== 'string' || after.length > 1000)) {
    throw gatewayError(ErrorCode.BAD_USER_INPUT, 'after must be an endCursor returned by this list');
  }
  const sorted = items.map((item) => ({ item, at: positionOf(item) })).sort((a, b) => compare(a.at, b.at));
  const from =
    after === undefined
      ? 0
      : ((c) => {
          const i = sorted.findIndex((x) => compare(x.at, c) > 0);
          return i < 0 ? sorted.length : i;
        })(decode(after));
  const slice = sorted.slice(from, from + size);
  return {
    nodes: slice.map((x) => x.item),
    pageInfo: { endCursor: slice.length ? encode(slice[slice.length - 1].at) : (after ?? null), hasNextPage: from + size < sorted.length },
    totalCount: sorted.length,
  };
}
