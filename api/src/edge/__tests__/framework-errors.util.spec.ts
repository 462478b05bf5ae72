import { jest } from '@jest/globals';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { clientErrorHandler, expectationFailed, frameworkErrorHandler } from '../http/framework-errors.util.js';

/** A socket that records what was written to it. */
function fakeSocket() {
  const written: string[] = [];
  const socket = { destroyed: false, writable: true, write: (s: string) => written.push(s), destroy: jest.fn() } as unknown as Socket;
  return { socket, written };
}

/** A reply that records the status, headers and body it was given. */
function fakeReply() {
  const sent: { status?: number; headers: Record<string, string>; body?: string } = { headers: {} };
  const reply = {
    code(s: number) {
      sent.status = s;
      return reply;
    },
    header(k: string, v: string) {
      sent.headers[k] = v;
      return reply;
    },
    send(b: string) {
      sent.body = b;
      return reply;
    },
  };
  return { reply: reply as unknown as FastifyReply, sent };
}

const codeOf = (body: string) => JSON.parse(body).errors[0].extensions.code;

describe('errors answered below the routes', () => {
  it('answers headers over the limit with 431 HEADERS_TOO_LARGE in the gateway’s error shape, then closes', () => {
    const { socket, written } = fakeSocket();
    clientErrorHandler(Object.assign(new Error('overflow'), { code: 'HPE_HEADER_OVERFLOW' }), socket);
    const [head, body] = written[0].split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 431 /);
    expect(head).toMatch(/Cache-Control: no-store/);
    expect(codeOf(body)).toBe('HEADERS_TOO_LARGE');
    expect(socket.destroy).toHaveBeenCalled();
  });

  it('sends no body after the headers when the refused request was a HEAD', () => {
    const { socket, written } = fakeSocket();
    clientErrorHandler(Object.assign(new Error('overflow'), { code: 'HPE_HEADER_OVERFLOW', rawPacket: Buffer.from('HEAD /graphql?query=x HTTP/1.1\r\n') }), socket);
    expect(written[0]).toMatch(/^HTTP\/1\.1 431 /);
    expect(written[0].endsWith('\r\n\r\n')).toBe(true);
  });

  it('answers other unparseable HTTP with 400 BAD_REQUEST, and nothing on a reset socket', () => {
    const { socket, written } = fakeSocket();
    clientErrorHandler(Object.assign(new Error('bad'), { code: 'HPE_INVALID_HEADER_TOKEN' }), socket);
    expect(written[0]).toMatch(/^HTTP\/1\.1 400 /);
    expect(codeOf(written[0].split('\r\n\r\n')[1])).toBe('BAD_REQUEST');
    const reset = fakeSocket();
    clientErrorHandler(Object.assign(new Error('reset'), { code: 'ECONNRESET' }), reset.socket);
    expect(reset.written).toEqual([]);
  });

  it.each([
    ['FST_ERR_BAD_URL', 400, 'BAD_REQUEST'],
    ['FST_ERR_MAX_PARAM_LENGTH', 414, 'URI_TOO_LONG'],
  ])('answers the router’s %s with %i %s', (code, status, errorCode) => {
    const { reply, sent } = fakeReply();
    frameworkErrorHandler(Object.assign(new Error('x'), { code }) as FastifyError, {} as FastifyRequest, reply);
    expect(sent.status).toBe(status);
    expect(codeOf(sent.body!)).toBe(errorCode);
    expect(sent.headers['cache-control']).toBe('no-store');
  });

  it('answers an Expect other than 100-continue with 417 in the error shape', () => {
    const sent: { status?: number; headers?: Record<string, unknown>; body?: string } = {};
    const res = {
      writeHead(status: number, headers: Record<string, unknown>) {
        Object.assign(sent, { status, headers });
        return res;
      },
      end(body: string) {
        sent.body = body;
      },
    };
    expectationFailed({} as IncomingMessage, res as unknown as ServerResponse);
    expect(sent.status).toBe(417);
    expect(codeOf(sent.body!)).toBe('BAD_REQUEST');
  });
});
