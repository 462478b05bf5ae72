import { CdnPurgeError } from '../types/cdn-purger.types.js';

/**
 * One purge request with a deadline. Failures become {@link CdnPurgeError}s naming the provider and the
 * status only: request headers carry tokens and response bodies may echo them, so neither is quoted.
 */
export async function sendPurgeRequest(
  what: string,
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string },
  timeoutMs: number,
  accept: (res: Response, body: string) => boolean = (res) => res.ok,
): Promise<void> {
  let res: Response;
  let body: string;
  try {
    res = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    body = await res.text();
  } catch (e) {
    const err = e as Error & { cause?: { code?: string } };
    const reason = err.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : (err.cause?.code ?? err.message);
    throw new CdnPurgeError(`${what}: ${reason}`, true);
  }
  if (accept(res, body)) return;
  const retryable = res.status === 429 || res.status >= 500;
  throw new CdnPurgeError(`${what}: HTTP ${res.status}`, retryable, res.status);
}
