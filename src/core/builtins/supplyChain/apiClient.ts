/**
 * The three services behind the supply-chain tools, reached through one small client: base URLs
 * (mirrors, proxies, test fixtures), one time limit, one fetch, and a log line per request, so
 * the tools only say which path they want and what a missing answer means.
 */
import type { Logger } from '../../util/logger';
import { fetchJson, type FetchLike } from '../httpJson';

export interface Endpoints {
  osv: string;
  depsDev: string;
  scorecard: string;
}

export const DEFAULT_ENDPOINTS: Endpoints = {
  osv: 'https://api.osv.dev',
  depsDev: 'https://api.deps.dev',
  scorecard: 'https://api.securityscorecards.dev',
};

const SERVICE: Record<keyof Endpoints, string> = { osv: 'OSV.dev', depsDev: 'deps.dev', scorecard: 'OpenSSF Scorecard' };

export interface ApiClientOptions {
  endpoints?: Partial<Endpoints>;
  log: Logger;
  fetch?: FetchLike;
  timeoutMs?: number;
}

export class ApiClient {
  readonly endpoints: Endpoints;

  constructor(private readonly options: ApiClientOptions) {
    const given = options.endpoints ?? {};
    this.endpoints = {
      osv: trimSlash(given.osv ?? DEFAULT_ENDPOINTS.osv),
      depsDev: trimSlash(given.depsDev ?? DEFAULT_ENDPOINTS.depsDev),
      scorecard: trimSlash(given.scorecard ?? DEFAULT_ENDPOINTS.scorecard),
    };
  }

  /** GET base+path; undefined on 404 (the caller says what was not found). */
  get<T>(api: keyof Endpoints, path: string, signal?: AbortSignal): Promise<T | undefined> {
    return this.request<T>(api, 'GET', path, undefined, signal);
  }

  post<T>(api: keyof Endpoints, path: string, body: unknown, signal?: AbortSignal): Promise<T | undefined> {
    return this.request<T>(api, 'POST', path, body, signal);
  }

  private async request<T>(api: keyof Endpoints, method: 'GET' | 'POST', path: string, body: unknown, signal: AbortSignal | undefined): Promise<T | undefined> {
    const url = `${this.endpoints[api]}${path}`;
    const started = Date.now();
    try {
      const result = await fetchJson<T>(url, {
        service: SERVICE[api],
        method,
        body,
        ...(signal ? { signal } : {}),
        ...(this.options.timeoutMs !== undefined ? { timeoutMs: this.options.timeoutMs } : {}),
        ...(this.options.fetch ? { fetch: this.options.fetch } : {}),
      });
      this.options.log.debug(`supply_chain: ${method} ${url} → ${result === undefined ? 'not found' : 'ok'} (${Date.now() - started} ms)`);
      return result;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.options.log.warn(`supply_chain: ${method} ${url} failed: ${message}`);
      throw err instanceof Error ? err : new Error(message);
    }
  }
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
