/**
 * Tavily: POST {base}/search with a Bearer key and a JSON body; results under `results[]` (title,
 * url, content — an extract chosen for the query — score, and published_date for news).
 */
import { z } from 'zod';
import { fetchJson } from '../httpJson';
import { fromHttpError } from './searchErrors';
import { endpointUrl, isWebUrl, plainText, PROVIDER_LABELS, SEARCH_TIMEOUT_MS, type SearchHit, type SearchProvider } from './searchTypes';

export const TAVILY_DEFAULT_BASE = 'https://api.tavily.com';

const TavilyResult = z.object({
  title: z.string().nullish(),
  url: z.string(),
  content: z.string().nullish(),
  published_date: z.string().nullish(),
});

const TavilyAnswer = z.object({ results: z.array(z.unknown()) });

export function parseTavilyResults(body: unknown): SearchHit[] {
  const answer = TavilyAnswer.safeParse(body);
  if (!answer.success) throw new Error('Tavily answered in an unexpected shape (no results).');
  const hits: SearchHit[] = [];
  for (const raw of answer.data.results) {
    const r = TavilyResult.safeParse(raw);
    if (!r.success || !isWebUrl(r.data.url)) continue;
    hits.push({
      title: plainText(r.data.title ?? '') || r.data.url,
      url: r.data.url,
      snippet: plainText(r.data.content ?? ''),
      ...(r.data.published_date ? { published: r.data.published_date } : {}),
    });
  }
  return hits;
}

export function tavilyProvider(apiKey: string, base: string | undefined, configureHint: string): SearchProvider {
  const label = PROVIDER_LABELS.tavily;
  return {
    name: 'tavily',
    label,
    async search({ query, count, freshness, signal }) {
      const url = endpointUrl(base ?? TAVILY_DEFAULT_BASE, 'search');
      let body: unknown;
      try {
        body = await fetchJson(url.href, {
          service: label,
          method: 'POST',
          headers: { Authorization: `Bearer ${apiKey}` },
          // search_depth basic: one API credit per search (advanced costs two).
          body: { query, max_results: count, topic: 'general', search_depth: 'basic', ...(freshness ? { time_range: freshness } : {}) },
          signal,
          timeoutMs: SEARCH_TIMEOUT_MS,
        });
      } catch (err) {
        throw fromHttpError(err, label, configureHint);
      }
      if (body === undefined) throw new Error(`${label} answered 404 for ${url.href}; check the Tavily endpoint setting.`);
      return parseTavilyResults(body).slice(0, count);
    },
  };
}
