/**
 * HTTP for the registries: JSON documents (a packument can be tens of megabytes, so its own
 * ceiling) and artifact downloads streamed into memory under a byte cap, both with the retries
 * the other supply-chain services get. A download that passes the cap is cancelled, not read.
 */
import type { Logger } from '../../../util/logger';
import { fetchJson, HttpError, type FetchLike } from '../../httpJson';
import { withRetry } from '../retry';

export interface RegistryHttpOptions {
  log: Logger;
  fetch?: FetchLike;
  timeoutMs?: number;
  /** Retry back-off base; tests set 0. */
  retryDelayMs?: number;
}

/** Packuments of old, busy packages run large (typescript's is about 30 MB). */
const MAX_DOCUMENT = 64 * 1024 * 1024;
const DOWNLOAD_TIMEOUT = 60_000;

export class RegistryHttp {
  constructor(private readonly options: RegistryHttpOptions) {}

  async json<T>(url: string, service: string, signal?: AbortSignal): Promise<T | undefined> {
    const started = Date.now();
    const result = await withRetry(
      () =>
        fetchJson<T>(url, {
          service,
          maxBytes: MAX_DOCUMENT,
          ...(signal ? { signal } : {}),
          ...(this.options.timeoutMs !== undefined ? { timeoutMs: this.options.timeoutMs } : {}),
          ...(this.options.fetch ? { fetch: this.options.fetch } : {}),
        }),
      signal,
      this.retry(),
    );
    this.options.log.debug(`supply_chain: GET ${url} → ${result === undefined ? 'not found' : 'ok'} (${Date.now() - started} ms)`);
    return result;
  }

  /** The artifact's bytes, or an HttpError (404 included: a listed file that is gone is a failure). */
  download(url: string, service: string, maxBytes: number, signal?: AbortSignal): Promise<Buffer> {
    return withRetry(() => this.downloadOnce(url, service, maxBytes, signal), signal, this.retry());
  }

  private async downloadOnce(url: string, service: string, maxBytes: number, signal?: AbortSignal): Promise<Buffer> {
    const timeoutMs = this.options.timeoutMs ?? DOWNLOAD_TIMEOUT;
    const timeout = AbortSignal.timeout(timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    let response: Response;
    try {
      response = await (this.options.fetch ?? fetch)(url, { signal: combined, headers: { accept: 'application/octet-stream' } });
    } catch (err) {
      if (signal?.aborted) throw signal.reason instanceof Error ? signal.reason : new Error('Cancelled.');
      if (timeout.aborted) throw new HttpError(`${service} did not send ${url} within ${Math.round(timeoutMs / 1000)} s.`, undefined);
      throw new HttpError(`${service} could not be reached for ${url} (${(err as Error).message}).`, undefined);
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new HttpError(`${service} answered HTTP ${response.status} for ${url}.`, response.status);
    }
    const declared = Number(response.headers.get('content-length'));
    if (declared > maxBytes) {
      await response.body?.cancel();
      throw new HttpError(`${url} is ${declared} bytes, more than the ${maxBytes}-byte limit for an inspected artifact.`, response.status);
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    if (response.body) {
      const reader = response.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        size += value.byteLength;
        if (size > maxBytes) {
          await reader.cancel();
          throw new HttpError(`${url} is more than the ${maxBytes}-byte limit for an inspected artifact.`, response.status);
        }
        chunks.push(value);
      }
    }
    this.options.log.debug(`supply_chain: downloaded ${url} (${size} bytes)`);
    return Buffer.concat(chunks);
  }

  private retry() {
    return this.options.retryDelayMs !== undefined ? { baseDelayMs: this.options.retryDelayMs } : {};
  }
}
