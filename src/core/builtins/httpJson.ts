/**
 * JSON over HTTP for the built-in connectors' public APIs (OSV, deps.dev, Scorecard, search
 * providers): one time limit, one size limit, and errors that name the service, the status and
 * what to do, so a tool can hand them to the model and the person unchanged.
 */

export type FetchLike = typeof fetch;

export interface JsonRequest {
  /** Who answers, for messages: "OSV.dev", "Brave Search", … */
  service: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** Sent as JSON. */
  body?: unknown;
  signal?: AbortSignal;
  /** Default 20 s. */
  timeoutMs?: number;
  /** Default 5 MB: a larger answer is refused rather than parsed. */
  maxBytes?: number;
  fetch?: FetchLike;
}

export class HttpError extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

const DEFAULT_TIMEOUT = 20_000;
const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;

/** Fetches and parses JSON; 404 resolves to `undefined` so callers can say "not found" in their own words. */
export async function fetchJson<T = unknown>(url: string, req: JsonRequest): Promise<T | undefined> {
  const timeoutMs = req.timeoutMs ?? DEFAULT_TIMEOUT;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
  let response: Response;
  try {
    response = await (req.fetch ?? fetch)(url, {
      method: req.method ?? (req.body === undefined ? 'GET' : 'POST'),
      headers: { accept: 'application/json', ...(req.body === undefined ? {} : { 'content-type': 'application/json' }), ...req.headers },
      body: req.body === undefined ? undefined : JSON.stringify(req.body),
      signal,
    });
  } catch (err) {
    if (req.signal?.aborted) throw req.signal.reason instanceof Error ? req.signal.reason : new Error('Cancelled.');
    if (timeout.aborted) throw new HttpError(`${req.service} did not answer within ${Math.round(timeoutMs / 1000)} s.`, undefined);
    throw new HttpError(`${req.service} could not be reached (${causeOf(err)}).`, undefined);
  }
  if (response.status === 404) {
    await response.body?.cancel();
    return undefined;
  }
  const text = await readLimited(response, req.maxBytes ?? DEFAULT_MAX_BYTES, req.service);
  if (!response.ok) throw statusError(req.service, response, text);
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new HttpError(
      `${req.service} answered something that is not JSON (HTTP ${response.status}, ${response.headers.get('content-type') ?? 'no content type'}).`,
      response.status,
    );
  }
}

function statusError(service: string, response: Response, body: string): HttpError {
  const retryAfter = Number(response.headers.get('retry-after'));
  const wait = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined;
  const detail = detailOf(body);
  const s = response.status;
  const why =
    s === 401 || s === 403
      ? `rejected the credentials (HTTP ${s}); check the API key`
      : s === 429
        ? `is rate limiting requests (HTTP 429)${wait ? `; try again in ${wait} s` : '; try again later'}`
        : s >= 500
          ? `had a server error (HTTP ${s}); try again later`
          : `refused the request (HTTP ${s})`;
  return new HttpError(`${service} ${why}${detail ? `: ${detail}` : '.'}`, s, wait);
}

/** A short reason from an error body: `{message}`, `{error: {message}}`, `{error: "…"}` or the text. */
function detailOf(body: string): string {
  try {
    const j = JSON.parse(body) as { message?: unknown; error?: unknown; detail?: unknown };
    const e = j.error as { message?: unknown } | string | undefined;
    const m = j.message ?? (typeof e === 'string' ? e : e?.message) ?? j.detail;
    if (typeof m === 'string') return m.slice(0, 300);
  } catch {
    // not JSON: fall through to the text
  }
  return body.trim().slice(0, 200);
}

async function readLimited(response: Response, maxBytes: number, service: string): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw new HttpError(`${service} answered ${declared} bytes, more than the ${maxBytes}-byte limit.`, response.status);
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw new HttpError(`${service} answered more than the ${maxBytes}-byte limit.`, response.status);
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

function causeOf(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (err as Error).message;
}
