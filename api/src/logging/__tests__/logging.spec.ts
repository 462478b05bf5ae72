import { Writable } from 'node:stream';
import { createPinoLogger } from '../pino.factory.js';
import { PinoLoggerService } from '../services/pino-logger.service.js';

function capture() {
  const lines: any[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      for (const l of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(l));
      cb();
    },
  });
  return { lines, stream };
}

describe('structured logging', () => {
  it('writes JSON with level labels and redacts credential headers wherever they appear', () => {
    const { lines, stream } = capture();
    const log = createPinoLogger({ LOG_LEVEL: 'info', NODE_ENV: 'production' }, stream);
    log.info(
      {
        reqId: 'r1',
        site: 'lakeshore-spine',
        req: { headers: { authorization: 'Bearer s3cret', 'x-site-key': 'key-123', 'x-preview-token': 'tok', 'user-agent': 'ua' } },
        headers: { authorization: 'Bearer s3cret' },
        token: 'tok-2',
      },
      'request completed',
    );
    const text = JSON.stringify(lines);
    expect(lines[0]).toMatchObject({ level: 'info', msg: 'request completed', reqId: 'r1', site: 'lakeshore-spine', service: 'clinic-gateway' });
    expect(lines[0].req.headers['user-agent']).toBe('ua');
    for (const secret of ['s3cret', 'key-123', '"tok"', 'tok-2']) expect(text).not.toContain(secret);
  });

  it('respects LOG_LEVEL, silent included', () => {
    const a = capture();
    createPinoLogger({ LOG_LEVEL: 'warn', NODE_ENV: 'test' }, a.stream).info('hidden');
    expect(a.lines).toHaveLength(0);
    const b = capture();
    createPinoLogger({ LOG_LEVEL: 'silent', NODE_ENV: 'test' }, b.stream).error('hidden');
    expect(b.lines).toHaveLength(0);
  });

  it('backs Nest’s LoggerService: context, errors with stacks, Nest levels mapped to pino', () => {
    const { lines, stream } = capture();
    const nest = new PinoLoggerService(createPinoLogger({ LOG_LEVEL: 'trace', NODE_ENV: 'production' }, stream));
    nest.log('Mapped {/graphql, POST} route', 'RouterExplorer');
    nest.error('boom', 'Error: boom\n    at x', 'ExceptionsHandler');
    nest.verbose('details', 'Ctx');
    expect(lines[0]).toMatchObject({ level: 'info', context: 'RouterExplorer', msg: 'Mapped {/graphql, POST} route' });
    expect(lines[1]).toMatchObject({ level: 'error', context: 'ExceptionsHandler', msg: 'boom', stack: expect.stringContaining('at x') });
    expect(lines[2]).toMatchObject({ level: 'trace', context: 'Ctx' });
  });
});
