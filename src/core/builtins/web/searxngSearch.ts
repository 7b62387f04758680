/**
 * SearXNG, a self-hosted metasearch engine: GET {instance}/search?q=…&format=json, no key. Results
 * under `results[]` (title, url, content, publishedDate or null, engines). It has no count
 * parameter — a page is about twenty results — so the answer is cut to the count asked for.
 */
import { z } from 'zod';
import { fetchJson, HttpError } from '../httpJson';
import { endpointUrl, isWebUrl, plainText, PROVIDER_LABELS, SEARCH_TIMEOUT_MS, type SearchHit, type SearchProvider } from './searchTypes';

const SearxngResult = z.object({
  title: z.string().nullish(),
  url: z.string(),
  content: z.string().nullish(),
  publishedDate: z.string().nullish(),
});

const SearxngAnswer = z.object({ results: z.array(z.unknown()) });

export function parseSearxngResults(body: unknown): SearchHit[] {
  const answer = SearxngAnswer.safeParse(body);
  if (!answer.success) throw new Error('SearXNG answered in an unexpected shape (no results).');
  const hits: SearchHit[] = [];
  const seen = new Set<string>();
  for (const raw of answer.data.results) {
    const r = SearxngResult.safeParse(raw);
    // Several engines can return the same page; SearXNG merges most, not all.
    if (!r.success || !isWebUrl(r.data.url) || seen.has(r.data.url)) continue;
    seen.add(r.data.url);
    hits.push({
      title: plainText(r.data.title ?? '') || r.data.url,
      url: r.data.url,
      snippet: plainText(r.data.content ?? ''),
      ...(r.data.publishedDate ? { published: r.data.publishedDate } : {}),
    });
  }
  return hits;
}

/** The instance's search URL: the configured URL may be the instance root or its /search page. */
export function searxngSearchUrl(instance: string): URL {
  const trimmed = instance.trim().replace(/\/+$/, '');
  return trimmed.endsWith('/search') ? new URL(trimmed) : endpointUrl(trimmed, 'search');
}

export function searxngProvider(instance: string): SearchProvider {
  const label = PROVIDER_LABELS.searxng;
  return {
    name: 'searxng',
    label,
    async search({ query, count, freshness, signal }) {
      const url = searxngSearchUrl(instance);
      url.searchParams.set('q', query);
      url.searchParams.set('format', 'json');
      if (freshness) url.searchParams.set('time_range', freshness);
      let body: unknown;
      try {
        body = await fetchJson(url.href, { service: `${label} at ${url.origin}`, signal, timeoutMs: SEARCH_TIMEOUT_MS });
      } catch (err) {
        // An instance answers 403 to format=json unless its settings.yml lists json under search.formats.
        if (err instanceof HttpError && err.status === 403) {
          throw new Error(
            `${label} at ${url.origin} refused a JSON search (HTTP 403): enable the json format in the instance's settings.yml (search: formats: [html, json]).`,
          );
        }
        throw err;
      }
      if (body === undefined) throw new Error(`${label} answered 404 for ${url.origin}${url.pathname}; check the SearXNG URL setting.`);
      return parseSearxngResults(body).slice(0, count);
    },
  };
}
