/**
 * Brave Search API, web search: GET {base}/res/v1/web/search with the key in X-Subscription-Token;
 * results under `web.results[]` (title, url, description with <strong> highlights, age, page_age).
 */
import { z } from 'zod';
import { fetchJson } from '../httpJson';
import { fromHttpError } from './searchErrors';
import { endpointUrl, isWebUrl, plainText, PROVIDER_LABELS, SEARCH_TIMEOUT_MS, type Freshness, type SearchHit, type SearchProvider } from './searchTypes';

export const BRAVE_DEFAULT_BASE = 'https://api.search.brave.com';

const FRESHNESS: Record<Freshness, string> = { day: 'pd', week: 'pw', month: 'pm', year: 'py' };

const BraveResult = z.object({
  title: z.string(),
  url: z.string(),
  description: z.string().optional(),
  /** "2 days ago" or "March 12, 2024". */
  age: z.string().optional(),
  /** ISO date-time, when Brave found one. */
  page_age: z.string().optional(),
});

const BraveAnswer = z.object({
  web: z.object({ results: z.array(z.unknown()) }).optional(),
});

/** Results in Brave's order; malformed entries are skipped rather than failing the search. */
export function parseBraveResults(body: unknown): SearchHit[] {
  const answer = BraveAnswer.safeParse(body);
  if (!answer.success) throw new Error('Brave Search answered in an unexpected shape (no web results).');
  const hits: SearchHit[] = [];
  for (const raw of answer.data.web?.results ?? []) {
    const r = BraveResult.safeParse(raw);
    if (!r.success || !isWebUrl(r.data.url)) continue;
    const published = r.data.page_age ?? r.data.age;
    hits.push({ title: plainText(r.data.title), url: r.data.url, snippet: plainText(r.data.description ?? ''), ...(published ? { published } : {}) });
  }
  return hits;
}

export function braveProvider(apiKey: string, base: string | undefined, configureHint: string): SearchProvider {
  const label = PROVIDER_LABELS.brave;
  return {
    name: 'brave',
    label,
    async search({ query, count, freshness, signal }) {
      const url = endpointUrl(base ?? BRAVE_DEFAULT_BASE, 'res/v1/web/search');
      url.searchParams.set('q', query);
      url.searchParams.set('count', String(count));
      if (freshness) url.searchParams.set('freshness', FRESHNESS[freshness]);
      let body: unknown;
      try {
        body = await fetchJson(url.href, { service: label, headers: { 'X-Subscription-Token': apiKey }, signal, timeoutMs: SEARCH_TIMEOUT_MS });
      } catch (err) {
        throw fromHttpError(err, label, configureHint);
      }
      if (body === undefined) throw new Error(`${label} answered 404 for ${url.origin}${url.pathname}; check the Brave endpoint setting.`);
      return parseBraveResults(body).slice(0, count);
    },
  };
}
