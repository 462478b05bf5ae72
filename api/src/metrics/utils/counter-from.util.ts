import { Counter, type Registry } from 'prom-client';

/**
 * A Prometheus counter whose value is read from a service's own running total at scrape time, so the hot path
 * increments a plain number and never touches prom-client.
 */
export function counterFrom(registers: Registry[], name: string, help: string, read: () => number): Counter {
  return new Counter({
    name,
    help,
    registers,
    collect() {
      this.reset();
      this.inc(read());
    },
  });
}
