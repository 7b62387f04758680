import { createHash } from 'node:crypto';
import { z } from 'zod';

/**
 * Answers GitHub sent with an ETag, so the next identical request can ask "changed since?"
 * (`If-None-Match`). GitHub answers an unchanged resource with 304, which does not count against
 * the rate limit: a repeated audit of the same repository costs next to nothing.
 */

/** What a cached answer keeps: enough to stand in for the response Octokit would have returned. */
export interface CachedResponse {
  etag: string;
  status: number;
  url: string;
  headers: Record<string, string>;
  data: unknown;
}

const cachedResponseSchema = z.object({
  etag: z.string(),
  status: z.number(),
  url: z.string(),
  headers: z.record(z.string(), z.string()),
  data: z.unknown(),
});

const cacheDataSchema = z.object({
  version: z.literal(1),
  entries: z.array(z.tuple([z.string(), cachedResponseSchema])),
});

export type GitHubCacheData = z.infer<typeof cacheDataSchema>;

/** Headers worth replaying; the rest (rate limits, dates, request ids) belong to the fresh answer. */
const KEPT_HEADERS = ['content-type', 'etag', 'last-modified', 'link'];

export interface GitHubCacheLimits {
  /** Default 500. */
  maxEntries?: number;
  /** Default 32 MB of JSON: a few huge trees must not push out everything else or fill the memory. */
  maxBytes?: number;
}

export class GitHubCache {
  /** Insertion order is recency order: a hit is deleted and set again, so the first key is the least recently used. */
  private readonly entries = new Map<string, { response: CachedResponse; bytes: number }>();
  private totalBytes = 0;
  private readonly maxEntries: number;
  private readonly maxBytes: number;

  constructor(limits: GitHubCacheLimits = {}) {
    this.maxEntries = limits.maxEntries ?? 500;
    this.maxBytes = limits.maxBytes ?? 32 * 1024 * 1024;
  }

  /**
   * The key of a GET: the URL with its query, the media type asked for, and who asked. The
   * identity is a hash of the token, never the token, because the CLI writes the cache to disk.
   */
  static key(url: string, accept: string | undefined, token: string | undefined): string {
    const identity = token ? createHash('sha256').update(token).digest('hex').slice(0, 16) : 'anonymous';
    return `${identity} ${accept ?? ''} ${url}`;
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: string): CachedResponse | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.response;
  }

  set(key: string, response: CachedResponse): void {
    const kept: CachedResponse = { ...response, headers: keptHeaders(response.headers) };
    const bytes = JSON.stringify(kept).length;
    this.delete(key);
    if (bytes > this.maxBytes) return;
    this.entries.set(key, { response: kept, bytes });
    this.totalBytes += bytes;
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries && this.totalBytes <= this.maxBytes) break;
      this.delete(oldest);
    }
  }

  delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.totalBytes -= entry.bytes;
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
    this.totalBytes = 0;
  }

  /** Least recently used first, so `fromJSON` rebuilds the same order. */
  toJSON(): GitHubCacheData {
    return { version: 1, entries: [...this.entries].map(([key, entry]) => [key, entry.response]) };
  }

  /** A cache from `toJSON()` output; anything unreadable (an older format, a damaged file) gives an empty cache. */
  static fromJSON(data: unknown, limits?: GitHubCacheLimits): GitHubCache {
    const cache = new GitHubCache(limits);
    const parsed = cacheDataSchema.safeParse(data);
    if (!parsed.success) return cache;
    for (const [key, response] of parsed.data.entries) cache.set(key, response);
    return cache;
  }
}

/** The replayable subset of response headers, with names in lower case as Octokit gives them. */
export function keptHeaders(headers: Record<string, unknown>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of KEPT_HEADERS) {
    const value = headers[name];
    if (typeof value === 'string') kept[name] = value;
  }
  return kept;
}
