import { RenderBudget } from '../render-budget';

describe('RenderBudget', () => {
  it('allows perMinute renders at once, then one per 60/perMinute seconds; per visitor, IPv6 per /64', () => {
    const b = new RenderBudget(60);
    const t0 = 1_000_000;
    for (let i = 0; i < 60; i++) expect(b.take('203.0.113.9', t0)).toBeUndefined();
    expect(b.take('203.0.113.9', t0)).toBe(1);
    expect(b.take('203.0.113.10', t0)).toBeUndefined();
    expect(b.take('203.0.113.9', t0 + 1000)).toBeUndefined();
    for (let i = 0; i < 60; i++) b.take('2001:db8:0:1::1', t0);
    // Another address of the same /64 shares the bucket.
    expect(b.take('2001:db8:0:1::ffff', t0)).toBe(1);
    expect(b.take('2001:db8:0:2::1', t0)).toBeUndefined();
  });

  it('0 turns it off', () => {
    const b = new RenderBudget(0);
    for (let i = 0; i < 1000; i++) expect(b.take('198.51.100.1')).toBeUndefined();
  });
});
