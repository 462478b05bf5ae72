import { CircuitBreaker } from '../services/circuit-breaker.js';
import { toQueryString } from '../utils/query-string.util.js';

describe('CircuitBreaker', () => {
  it('opens after the threshold, lets one probe through after the cooldown, closes on success', () => {
    let now = 0;
    const states: string[] = [];
    const b = new CircuitBreaker(
      3,
      1000,
      (s) => states.push(s),
      () => now,
    );
    b.failure();
    b.failure();
    expect(b.allow()).toBe(true);
    b.failure();
    expect(b.state).toBe('open');
    expect(b.allow()).toBe(false);
    now = 1000;
    expect(b.allow()).toBe(true);
    expect(b.allow()).toBe(false); // only one probe
    b.success();
    expect(b.state).toBe('closed');
    expect(states).toEqual(['open', 'half-open', 'closed']);
  });

  it('re-opens when the half-open probe fails', () => {
    let now = 0;
    const b = new CircuitBreaker(
      1,
      100,
      () => undefined,
      () => now,
    );
    b.failure();
    now = 100;
    expect(b.allow()).toBe(true);
    b.failure();
    expect(b.state).toBe('open');
  });
});

describe('toQueryString', () => {
  it('writes Strapi bracket notation', () => {
    expect(toQueryString({ filters: { slug: { $in: ['a', 'b c'] } }, populate: { seo: true } })).toBe('filters[slug][$in][0]=a&filters[slug][$in][1]=b%20c&populate[seo]=true');
  });
});
