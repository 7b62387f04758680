/**
 * The OSV.dev tools: vulnerabilities of one package (or purl, or commit), of many at once, and
 * one record by id.
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { errorResult, guarded, jsonResult, READ_ONLY_OPEN_WORLD } from '../toolResults';
import type { ApiClient } from './apiClient';
import { capList } from './capList';
import { mapWithConcurrency } from './concurrency';
import { getOsvVulnerability, queryOsv, queryOsvBatch } from './osvClient';
import type { OsvQuery } from './osvModel';
import { prepareOsvQuery, type PackageRef, type PreparedQuery } from './osvQuery';
import { summariseVulnerability, type VulnSummary } from './osvSummary';

const MAX_VULNS = 50;
export const MAX_BATCH_QUERIES = 100;
const MAX_HYDRATED = 100;
const HYDRATE_CONCURRENCY = 6;

const READ_ONLY = READ_ONLY_OPEN_WORLD;

const packageFields = {
  ecosystem: z
    .string()
    .optional()
    .describe(
      'OSV ecosystem of the package: npm, PyPI, Go, Maven, crates.io, NuGet, RubyGems (deps.dev spellings such as pypi or cargo work too), or any other OSV ecosystem. Use with name.',
    ),
  name: z
    .string()
    .optional()
    .describe('Package name as its registry spells it: lodash, @types/node, github.com/gin-gonic/gin, org.apache.commons:commons-text. Use with ecosystem.'),
  version: z
    .string()
    .optional()
    .describe(
      'Optional version to check, e.g. 4.17.15. Without it, every known vulnerability of the package is listed. Not with a commit, nor with a purl that has a version.',
    ),
  purl: z.string().optional().describe('Instead of ecosystem and name: a package URL such as pkg:npm/left-pad@1.3.0 or pkg:pypi/jinja2.'),
  commit: z
    .string()
    .optional()
    .describe('Instead of a package: a full 40-character git commit hash, to find vulnerabilities whose affected commit ranges contain it.'),
};

export function registerOsvTools(server: McpServer, api: ApiClient): void {
  server.registerTool(
    'osv_query',
    {
      title: 'OSV: vulnerabilities of a package',
      description:
        'Known vulnerabilities from OSV.dev for ONE package (ecosystem + name, optionally a version), a purl, or a git commit. Each has id, CVE aliases, summary, severity (CVSS score and the database label), affected ranges and fixed versions for this package, dates, withdrawn flag, and the osv.dev URL to cite.',
      inputSchema: packageFields,
      annotations: { title: 'OSV: vulnerabilities of a package', ...READ_ONLY },
    },
    (args, extra) =>
      guarded(async () => {
        const prepared = prepareOsvQuery(args);
        const { vulns, incomplete } = await queryOsv(api, prepared.query, extra.signal);
        const focus = prepared.focus ? [prepared.focus] : undefined;
        const summaries = orderForAudit(vulns.map((v) => summariseVulnerability(v, { ...(focus ? { focus } : {}) })));
        const capped = capList(summaries, MAX_VULNS, 'vulnerabilities');
        const notes = [
          summaries.length === 0
            ? `OSV.dev lists no vulnerabilities for ${prepared.label}. OSV answers the same for a package it does not know, so check the name (deps_dev_package) before calling it clean.`
            : undefined,
          capped.note,
          incomplete ? 'OSV.dev had more result pages than were fetched; the list is incomplete.' : undefined,
        ].filter(Boolean);
        return jsonResult({
          query: prepared.label,
          count: summaries.length,
          active: summaries.filter((s) => !s.withdrawn).length,
          vulnerabilities: capped.items,
          ...(notes.length ? { note: notes.join(' ') } : {}),
          sources: capped.items.map((s) => s.url),
        });
      }),
  );

  server.registerTool(
    'osv_query_batch',
    {
      title: 'OSV: vulnerabilities of many packages',
      description: `Vulnerabilities from OSV.dev for up to ${MAX_BATCH_QUERIES} packages at once (e.g. a lockfile's dependencies): which ids hit which query, plus one summary per distinct vulnerability (severity, fixed versions, osv.dev URL).`,
      inputSchema: {
        queries: z
          .array(z.object(packageFields).describe('One package: ecosystem + name (+ version), or purl, or commit.'))
          .min(1)
          .max(MAX_BATCH_QUERIES)
          .describe(`The packages to check, 1 to ${MAX_BATCH_QUERIES}; each item like osv_query's arguments.`),
      },
      annotations: { title: 'OSV: vulnerabilities of many packages', ...READ_ONLY },
    },
    (args, extra) => guarded(async () => jsonResult(await runBatch(api, args.queries, extra.signal))),
  );

  server.registerTool(
    'osv_get_vulnerability',
    {
      title: 'OSV: one vulnerability',
      description:
        'One OSV.dev vulnerability record by id (GHSA-…, CVE-…, PYSEC-…, GO-…, RUSTSEC-…): summary, details, severity, every affected package with ranges and fixed versions, references, CWEs, and the osv.dev URL to cite.',
      inputSchema: { id: z.string().min(1).describe('The vulnerability id, e.g. GHSA-p6mc-m468-83gw or CVE-2020-8203.') },
      annotations: { title: 'OSV: one vulnerability', ...READ_ONLY },
    },
    (args, extra) =>
      guarded(async () => {
        const id = args.id.trim();
        const record = await getOsvVulnerability(api, id, extra.signal);
        if (!record)
          return errorResult(
            `OSV.dev has no vulnerability "${id}". Ids look like GHSA-xxxx-xxxx-xxxx, CVE-2020-8203, PYSEC-2021-1, GO-2022-0001 or RUSTSEC-2021-0001.`,
          );
        const summary = summariseVulnerability(record, { full: true });
        return jsonResult({ ...summary, sources: [summary.url] });
      }),
  );
}

type BatchItem = PreparedQuery | { error: string; label: string };

async function runBatch(api: ApiClient, inputs: Array<Parameters<typeof prepareOsvQuery>[0]>, signal: AbortSignal) {
  // A malformed item is reported in its place; it does not sink the others.
  const items: BatchItem[] = inputs.map((input, i) => {
    try {
      return prepareOsvQuery(input);
    } catch (err) {
      return { error: (err as Error).message, label: `query ${i + 1}` };
    }
  });
  const valid = items.filter((it): it is PreparedQuery => 'query' in it);
  const answers = valid.length
    ? await queryOsvBatch(
        api,
        valid.map((v): OsvQuery => v.query),
        signal,
      )
    : [];
  const answerOf = new Map(valid.map((v, i) => [v, answers[i]] as const));

  const ids = [...new Set(answers.flatMap((a) => (a?.vulns ?? []).map((v) => v.id)))];
  const hydrated = ids.slice(0, MAX_HYDRATED);
  const focus: PackageRef[] = valid.flatMap((v) => (v.focus ? [v.focus] : []));
  const records = await mapWithConcurrency(
    hydrated,
    HYDRATE_CONCURRENCY,
    async (id): Promise<VulnSummary | { id: string; error: string }> => {
      try {
        const record = await getOsvVulnerability(api, id, signal);
        return record ? summariseVulnerability(record, { focus }) : { id, error: 'OSV.dev listed this id but has no record for it.' };
      } catch (err) {
        if (signal.aborted) throw err;
        return { id, error: (err as Error).message };
      }
    },
    signal,
  );

  const results = items.map((it) => {
    if (!('query' in it)) return { query: it.label, error: it.error };
    const answer = answerOf.get(it);
    const vulnIds = (answer?.vulns ?? []).map((v) => v.id);
    return {
      query: it.label,
      count: vulnIds.length,
      vulnerabilities: vulnIds,
      ...(answer?.next_page_token ? { incomplete: 'OSV.dev has more for this query than one batch page; run osv_query for it.' } : {}),
    };
  });
  const summaries = records.filter((r): r is VulnSummary => 'url' in r);
  const notes = [
    ids.length > hydrated.length
      ? `${ids.length - hydrated.length} more vulnerabilities were found but not looked up (showing ${hydrated.length} of ${ids.length}); use osv_get_vulnerability for the rest: ${ids.slice(hydrated.length).join(', ')}.`
      : undefined,
    ids.length === 0 && valid.length
      ? 'OSV.dev lists no vulnerabilities for any of these queries (it answers the same for packages it does not know).'
      : undefined,
  ].filter(Boolean);
  return {
    queries: items.length,
    affectedQueries: results.filter((r) => 'count' in r && r.count > 0).length,
    distinctVulnerabilities: ids.length,
    results,
    vulnerabilities: orderForAudit(summaries),
    ...(records.length > summaries.length ? { lookupErrors: records.filter((r) => !('url' in r)) } : {}),
    ...(notes.length ? { note: notes.join(' ') } : {}),
    sources: summaries.map((s) => s.url),
  };
}

/** Where a record has only a database label, a score in the middle of that label's CVSS band. */
const LABEL_WEIGHT: Record<string, number> = { CRITICAL: 9.5, HIGH: 8, MODERATE: 5.5, MEDIUM: 5.5, LOW: 2 };

/** Live records before withdrawn ones, the most severe first, so a capped list keeps what matters. */
function orderForAudit(list: VulnSummary[]): VulnSummary[] {
  const score = (s: VulnSummary) =>
    Math.max(LABEL_WEIGHT[s.severity.database?.toUpperCase() ?? ''] ?? -1, ...(s.severity.cvss ?? []).map((c) => c.score ?? -1));
  return [...list].sort((a, b) => Number(!!a.withdrawn) - Number(!!b.withdrawn) || score(b) - score(a));
}
