import { loadAppConfig } from '../../config/app-config.schema.js';
import { MissGateService, SiteBusyError } from '../budget/miss-gate.service.js';

const gate = (over: Record<string, string> = {}) => new MissGateService(loadAppConfig({ SITE_MAX_CONCURRENT_MISSES: '1', MISS_QUEUE_MAX: '2', MISS_QUEUE_TIMEOUT_MS: '1000', ...over }));

/** A unit of work that finishes when told to. */
function deferred() {
  let finish!: () => void;
  const done = new Promise<void>((r) => (finish = r));
  return { work: () => done, finish };
}

describe('MissGateService', () => {
  it('runs at most N per site; another site has its own lane', async () => {
    const g = gate();
    const a1 = deferred();
    const order: string[] = [];
    const first = g.run('a', () => a1.work().then(() => order.push('a1')));
    const second = g.run('a', async () => void order.push('a2'));
    const other = g.run('b', async () => void order.push('b1'));
    await other;
    expect(order).toEqual(['b1']); // b did not wait behind a
    expect(g.inUse('a')).toBe(1);
    a1.finish();
    await Promise.all([first, second]);
    expect(order).toEqual(['b1', 'a1', 'a2']);
    expect(g.inUse('a')).toBe(0);
  });

  it('serves visitors before background work when a slot frees', async () => {
    const g = gate({ MISS_QUEUE_MAX: '5' });
    const hold = deferred();
    const order: string[] = [];
    const running = g.run('a', hold.work);
    const bg = g.run('a', async () => void order.push('background'), true);
    const fg = g.run('a', async () => void order.push('visitor'));
    hold.finish();
    await Promise.all([running, bg, fg]);
    expect(order).toEqual(['visitor', 'background']);
  });

  it('answers SiteBusyError when the lane’s queue is full', async () => {
    const g = gate({ MISS_QUEUE_MAX: '1' });
    const hold = deferred();
    const running = g.run('a', hold.work);
    const queued = g.run('a', async () => 'ok');
    await expect(g.run('a', async () => 'never')).rejects.toBeInstanceOf(SiteBusyError);
    hold.finish();
    await expect(queued).resolves.toBe('ok');
    await running;
  });
});
