/**
 * What every search provider answers with, whatever its wire format: a title, a URL, a snippet
 * and, when the provider dates the page, when it was published.
 */
import type { SearchProviderName } from './webConfig';

export interface SearchHit {
  title: string;
  url: string;
  snippet: string;
  published?: string;
}

export type Freshness = 'day' | 'week' | 'month' | 'year';

export interface SearchRequest {
  query: string;
  /** 1–20. */
  count: number;
  freshness?: Freshness;
  signal?: AbortSignal;
}

export interface SearchProvider {
  name: SearchProviderName;
  /** For messages and results: "Brave Search". */
  label: string;
  search(request: SearchRequest): Promise<SearchHit[]>;
}

export const PROVIDER_LABELS: Record<SearchProviderName, string> = {
  brave: 'Brave Search',
  tavily: 'Tavily',
  searxng: 'SearXNG',
  mistral: 'Mistral web search',
};

/** Per search request (the providers' own limits are longer, but an agent turn should not wait that long). */
export const SEARCH_TIMEOUT_MS = 20_000;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

/**
 * Snippets as plain text: Brave marks matches with <strong>, others escape entities. Tags are
 * dropped and the common entities decoded; the result is data for the model, never rendered as HTML.
 */
export function plainText(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+\d*);/gi, (whole, name: string) => {
      const lower = name.toLowerCase();
      if (lower.startsWith('#x')) return safeCodePoint(parseInt(lower.slice(2), 16), whole);
      if (lower.startsWith('#') && lower !== '#39') return safeCodePoint(parseInt(lower.slice(1), 10), whole);
      return ENTITIES[lower] ?? whole;
    })
    .replace(/\s+/g, ' ')
    .trim();
}

function safeCodePoint(code: number, fallback: string): string {
  return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : fallback;
}

/** Only web links are results: a provider answering javascript: or data: URLs is not passed on. */
export function isWebUrl(url: string): boolean {
  return /^https?:\/\//i.test(url);
}

/** `path` under `base`, keeping a base's own path (a proxy's prefix) rather than replacing it. */
export function endpointUrl(base: string, path: string): URL {
  return new URL(`${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`);
}
