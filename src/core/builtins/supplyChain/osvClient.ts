/**
 * OSV.dev's three calls: a query (following `next_page_token`, within a page cap), a batch query
 * (ids only, by OSV's design) and a single record by id.
 */
import type { ApiClient } from './apiClient';
import type { OsvBatchResponse, OsvQuery, OsvQueryResponse, OsvVulnerability } from './osvModel';

/** OSV pages at about a thousand records; five pages is more than any one package should need. */
export const MAX_QUERY_PAGES = 5;

export interface OsvQueryOutcome {
  vulns: OsvVulnerability[];
  /** True when OSV had more pages than we fetched. */
  incomplete: boolean;
}

export async function queryOsv(api: ApiClient, query: OsvQuery, signal?: AbortSignal, maxPages = MAX_QUERY_PAGES): Promise<OsvQueryOutcome> {
  const vulns: OsvVulnerability[] = [];
  let pageToken: string | undefined;
  for (let page = 0; page < maxPages; page++) {
    const body: OsvQuery = pageToken ? { ...query, page_token: pageToken } : query;
    const answer = await api.post<OsvQueryResponse>('osv', '/v1/query', body, signal);
    vulns.push(...(answer?.vulns ?? []));
    pageToken = answer?.next_page_token || undefined;
    if (!pageToken) return { vulns: dedupe(vulns), incomplete: false };
  }
  return { vulns: dedupe(vulns), incomplete: true };
}

export async function queryOsvBatch(api: ApiClient, queries: OsvQuery[], signal?: AbortSignal): Promise<NonNullable<OsvBatchResponse['results']>> {
  const answer = await api.post<OsvBatchResponse>('osv', '/v1/querybatch', { queries }, signal);
  return answer?.results ?? [];
}

/** One record by id; undefined when OSV has none by that id. */
export function getOsvVulnerability(api: ApiClient, id: string, signal?: AbortSignal): Promise<OsvVulnerability | undefined> {
  return api.get<OsvVulnerability>('osv', `/v1/vulns/${encodeURIComponent(id)}`, signal);
}

/** Pages can overlap when records change between requests. */
function dedupe(vulns: OsvVulnerability[]): OsvVulnerability[] {
  const seen = new Set<string>();
  return vulns.filter((v) => !seen.has(v.id) && (seen.add(v.id), true));
}
