/**
 * The three requests a dependency audit makes, as an interface: the audit is pure logic over it,
 * unit tests hand it a fake, and the connector hands it the ApiClient (same base URLs, time limit
 * and logging as every other supply-chain tool).
 */
import type { ApiClient } from '../apiClient';
import type { DdVersion } from '../depsDevModel';
import { getOsvVulnerability, queryOsvBatch } from '../osvClient';
import type { OsvBatchResponse, OsvQuery, OsvVulnerability } from '../osvModel';
import type { ScorecardResult } from '../scorecardTool';
import { encodePackageName, type System } from '../systems';

export type OsvBatchResult = NonNullable<OsvBatchResponse['results']>[number];

export interface DependencyAuditClients {
  /** Tells cache entries of different services (mirrors, fakes) apart. */
  readonly osvBase: string;
  readonly depsDevBase: string;
  readonly scorecardBase: string;
  /** POST /v1/querybatch: one result per query, in order, ids only. */
  osvBatch(queries: OsvQuery[], signal: AbortSignal): Promise<OsvBatchResult[]>;
  /** GET /v1/vulns/{id}; undefined on 404. */
  osvVulnerability(id: string, signal: AbortSignal): Promise<OsvVulnerability | undefined>;
  /** GET /v3/systems/{system}/packages/{name}/versions/{version}; undefined on 404. */
  depsDevVersion(system: System, name: string, version: string, signal: AbortSignal): Promise<DdVersion | undefined>;
  /** GET /projects/github.com/{owner}/{repo} of the Scorecard API; undefined when it never scanned it. */
  scorecard(repo: string, signal: AbortSignal): Promise<ScorecardResult | undefined>;
}

export function apiAuditClients(api: ApiClient): DependencyAuditClients {
  return {
    osvBase: api.endpoints.osv,
    depsDevBase: api.endpoints.depsDev,
    scorecardBase: api.endpoints.scorecard,
    osvBatch: (queries, signal) => queryOsvBatch(api, queries, signal),
    osvVulnerability: (id, signal) => getOsvVulnerability(api, id, signal),
    depsDevVersion: (system, name, version, signal) =>
      api.get<DdVersion>('depsDev', `/v3/systems/${system}/packages/${encodePackageName(name)}/versions/${encodeURIComponent(version)}`, signal),
    scorecard: (repo, signal) => api.get<ScorecardResult>('scorecard', `/projects/${repo.split('/').map(encodeURIComponent).join('/')}`, signal),
  };
}
