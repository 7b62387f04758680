/**
 * fetch_url's HTTP side: every hop (the URL and each redirect) is shape-checked, resolved, vetted
 * and connected to by its vetted address; redirects are followed by hand so no hop escapes the
 * check; one time limit covers the whole fetch, and the body is read up to a byte limit.
 */
import type { IncomingMessage } from 'node:http';
import { readBody } from './bodyReader';
import { checkUrlShape, FetchRefusedError, vetHost } from './hostGuard';
import { contentKind, refusedTypeMessage, sniffKind, type ContentKind } from './pageContent';
import { requestPinned } from './pinnedRequest';
import { parseContentType } from './textDecoding';
import type { FetchPolicy, LookupFn } from './webConfig';

export const FETCH_DEFAULTS = { maxBytes: 2 * 1024 * 1024, timeoutMs: 15_000, maxRedirects: 5 } as const;

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export interface FetchedPage {
  /** After redirects. */
  url: string;
  /** As the server sent it (empty when it sent none). */
  contentType: string;
  kind: ContentKind;
  charset?: string;
  body: Buffer;
  truncated: boolean;
}

export interface PageFetchOptions {
  policy: FetchPolicy;
  lookup: LookupFn;
  userAgent: string;
  /** The tool call's signal: the person or the agent cancelled. */
  signal?: AbortSignal;
}

export async function fetchPage(rawUrl: string, options: PageFetchOptions): Promise<FetchedPage> {
  const { policy } = options;
  const timeoutMs = policy.timeoutMs ?? FETCH_DEFAULTS.timeoutMs;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  try {
    return await fetchHops(parseUrl(rawUrl), options, signal);
  } catch (err) {
    if (options.signal?.aborted) throw new Error('Cancelled.');
    if (timeout.aborted) throw new Error(`${rawUrl} was not fetched within the ${formatSeconds(timeoutMs)} time limit.`);
    throw err;
  }
}

async function fetchHops(start: URL, options: PageFetchOptions, signal: AbortSignal): Promise<FetchedPage> {
  const { policy } = options;
  const maxRedirects = policy.maxRedirects ?? FETCH_DEFAULTS.maxRedirects;
  const headers = {
    'user-agent': options.userAgent,
    accept: 'text/html,application/xhtml+xml,text/plain;q=0.9,text/markdown;q=0.9,application/json;q=0.8,*/*;q=0.5',
    'accept-encoding': 'gzip, deflate, br',
    'accept-language': 'en;q=0.9, *;q=0.5',
  };
  let url = start;
  let previous: URL | undefined;
  for (let hop = 0; ; hop++) {
    const res = await requestHop(url, previous, options, headers, signal);
    const location = res.headers.location;
    if (REDIRECTS.has(res.statusCode ?? 0) && location) {
      res.destroy();
      if (hop >= maxRedirects) throw new Error(`${start.href} redirected more than ${maxRedirects} times; stopped at ${url.href}.`);
      previous = url;
      url = nextUrl(url, location);
      continue;
    }
    const status = res.statusCode ?? 0;
    if (status < 200 || status >= 300) {
      res.destroy();
      throw new Error(`${url.href} answered HTTP ${status}${res.statusMessage ? ` ${res.statusMessage}` : ''}.`);
    }
    return readPage(url, res, policy.maxBytes ?? FETCH_DEFAULTS.maxBytes);
  }
}

/** One hop; a refusal of a redirect target names the redirect, since the model asked for another URL. */
async function requestHop(
  url: URL,
  redirectedFrom: URL | undefined,
  options: PageFetchOptions,
  headers: Record<string, string>,
  signal: AbortSignal,
): Promise<IncomingMessage> {
  let target;
  try {
    checkUrlShape(url);
    target = await untilAborted(vetHost(url, options.policy.allowHosts, options.lookup), signal);
  } catch (err) {
    if (redirectedFrom && err instanceof FetchRefusedError) {
      throw new FetchRefusedError(`Refused the redirect from ${redirectedFrom.href} to ${url.href}. ${err.message}`);
    }
    throw err;
  }
  signal.throwIfAborted();
  return requestPinned(url, target, { headers, signal });
}

async function readPage(url: URL, res: IncomingMessage, maxBytes: number): Promise<FetchedPage> {
  const contentType = res.headers['content-type'] ?? '';
  const { type, charset } = parseContentType(contentType);
  const declared = contentKind(type);
  if (declared === undefined) {
    res.destroy();
    throw new FetchRefusedError(refusedTypeMessage(type, url.href));
  }
  const { body, truncated } = await readBody(res, maxBytes);
  const kind = declared === 'unknown' ? sniffKind(body) : declared;
  if (!kind) throw new FetchRefusedError(refusedTypeMessage('binary data without a content type', url.href));
  return { url: url.href, contentType, kind, charset, body, truncated };
}

/** A name lookup cannot be cancelled, but the fetch need not wait for a slow resolver past its time limit. */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  signal.throwIfAborted();
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function parseUrl(raw: string): URL {
  try {
    return new URL(raw.trim());
  } catch {
    throw new Error(`Not a valid absolute URL: ${JSON.stringify(raw.slice(0, 200))}.`);
  }
}

function nextUrl(current: URL, location: string): URL {
  try {
    return new URL(location, current);
  } catch {
    throw new Error(`${current.href} redirected to an invalid URL (${JSON.stringify(location.slice(0, 200))}).`);
  }
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}
