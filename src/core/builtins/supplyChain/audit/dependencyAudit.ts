/**
 * The dependency-tree audit: every resolved package version → OSV in batches of 1,000 (OSV's
 * limit; a batch answers ids only), then one record per distinct id that hit, and deps.dev for the
 * direct dependencies alone (licence, provenance, and their GitHub source repository's Scorecard:
 * what a person chose, not what came along). The
 * OSV and deps.dev halves run side by side, each request bounded in concurrency and retried on 429
 * and 5xx; everything learned is cached per process, so a second audit sends nothing. A failure
 * becomes a note on the result, never a throw: a partial audit that says what it missed beats none.
 * Only cancellation throws.
 */
import type { Dependency } from '../../../dependencies';
import { mapWithConcurrency } from '../concurrency';
import type { DdVersion } from '../depsDevModel';
import type { OsvQuery, OsvVulnerability } from '../osvModel';
import type { ScorecardResult } from '../scorecardTool';
import { withRetry, type RetryOptions } from '../retry';
import { osvWebUrl, systemOf } from '../systems';
import { processAuditCache, type DependencyAuditCache } from './auditCache';
import { groupByVersion } from './auditGrouping';
import { depsDevFacts, sourceRepo } from './depsDevFacts';
import type { DependencyAuditClients, OsvBatchResult } from './auditClients';
import { SEVERITY_ORDER, type AuditedPackage, type AuditSeverity, type AuditVulnerability, type DependencyAuditResult } from './auditModel';
import { assessVulnerability } from './vulnAssessment';

/** OSV answers 400 "Too many queries" above this. */
export const OSV_BATCH_LIMIT = 1000;
/** Requests in flight per service: fast enough for a 10k tree, gentle on free public APIs. */
export const AUDIT_CONCURRENCY = 8;

export interface DependencyAuditOptions {
  signal: AbortSignal;
  /** Units of work done and known so far (packages checked, records and deps.dev versions fetched); total grows as hits are found. */
  onProgress?: (done: number, total: number) => void;
  cache?: DependencyAuditCache;
  concurrency?: number;
  retry?: Omit<RetryOptions, 'onRetry'>;
}

export async function auditDependencies(
  deps: readonly Dependency[],
  clients: DependencyAuditClients,
  options: DependencyAuditOptions,
): Promise<DependencyAuditResult> {
  const { signal } = options;
  const cache = options.cache ?? processAuditCache;
  const limit = options.concurrency ?? AUDIT_CONCURRENCY;
  const notes: string[] = [];
  let requests = 0;
  const rateLimited = { osv: 0, depsDev: 0, scorecard: 0 };
  const send = <T>(service: keyof typeof rateLimited, fn: () => Promise<T>) =>
    withRetry(
      () => {
        requests++;
        return fn();
      },
      signal,
      { ...options.retry, onRetry: (err) => void (err.status === 429 && rateLimited[service]++) },
    );

  const { packages, unversioned } = groupByVersion(deps);
  const direct = packages.filter((p) => p.direct);
  let done = 0;
  let total = packages.length + direct.length;
  const progress = (n: number, more = 0) => {
    done += n;
    total += more;
    options.onProgress?.(done, total);
  };
  options.onProgress?.(0, total);

  const idsOf = new Map<AuditedPackage, string[]>();
  const unchecked = new Set<AuditedPackage>();

  const osvHalf = async () => {
    const toAsk: AuditedPackage[] = [];
    for (const p of packages) {
      const cached = cache.osvIds.get(`${clients.osvBase} ${p.purl}`);
      if (cached) idsOf.set(p, cached);
      else toAsk.push(p);
    }
    progress(packages.length - toAsk.length);
    const chunks = chunk(toAsk, OSV_BATCH_LIMIT);
    await mapWithConcurrency(
      chunks,
      limit,
      async (batch, i) => {
        let results: OsvBatchResult[];
        try {
          results = await send('osv', () => clients.osvBatch(batch.map(queryOf), signal));
        } catch (err) {
          if (signal.aborted) throw err;
          batch.forEach((p) => unchecked.add(p));
          notes.push(`OSV.dev batch ${i + 1} of ${chunks.length} (${batch.length} packages) failed, so those packages were not checked: ${messageOf(err)}`);
          progress(batch.length);
          return;
        }
        if (results.length !== batch.length)
          notes.push(`OSV.dev answered ${results.length} results for a batch of ${batch.length} queries; the unanswered packages were not checked.`);
        batch.forEach((p, j) => {
          const r = results[j];
          if (!r) return void unchecked.add(p);
          const ids = [...new Set((r.vulns ?? []).map((v) => v.id))];
          idsOf.set(p, ids);
          // A paged answer is incomplete: use what came, but do not remember it as the whole.
          if (r.next_page_token) notes.push(`${p.name}@${p.version} has more OSV records than one batch page holds; run osv_query for the full list.`);
          else cache.osvIds.set(`${clients.osvBase} ${p.purl}`, ids);
        });
        progress(batch.length);
      },
      signal,
    );
    return fetchRecords();
  };

  const records = new Map<string, OsvVulnerability>();
  const fetchRecords = async () => {
    const ids = [...new Set([...idsOf.values()].flat())];
    const missing: string[] = [];
    for (const id of ids) {
      const cached = cache.vulns.get(`${clients.osvBase} ${id}`);
      if (cached) records.set(id, cached);
      else if (cached === undefined) missing.push(id);
    }
    progress(0, missing.length);
    const failed: string[] = [];
    await mapWithConcurrency(
      missing,
      limit,
      async (id) => {
        try {
          const record = await send('osv', () => clients.osvVulnerability(id, signal));
          cache.vulns.set(`${clients.osvBase} ${id}`, record ?? null);
          if (record) records.set(id, record);
        } catch (err) {
          if (signal.aborted) throw err;
          failed.push(id);
          if (failed.length === 1) notes.push(`OSV.dev record ${id} could not be fetched: ${messageOf(err)}`);
        }
        progress(1);
      },
      signal,
    );
    if (failed.length > 1)
      notes.push(
        `${failed.length} OSV records could not be fetched (${failed.slice(0, 10).join(', ')}${failed.length > 10 ? ', …' : ''}); their packages are listed with the id only.`,
      );
  };

  const depsDevOf = new Map<AuditedPackage, DdVersion>();
  const depsDevHalf = async () => {
    let failures = 0;
    let firstFailure = '';
    await mapWithConcurrency(
      direct,
      limit,
      async (p) => {
        const system = systemOf(p.ecosystem);
        const key = `${clients.depsDevBase} ${p.purl}`;
        const cached = cache.depsDev.get(key);
        if (cached !== undefined || !system) {
          if (cached) depsDevOf.set(p, cached);
          return progress(1);
        }
        try {
          const found = await send('depsDev', () => clients.depsDevVersion(system, p.name, p.version, signal));
          cache.depsDev.set(key, found ?? null);
          if (found) depsDevOf.set(p, found);
        } catch (err) {
          if (signal.aborted) throw err;
          if (failures++ === 0) firstFailure = messageOf(err);
        }
        progress(1);
      },
      signal,
    );
    if (failures) notes.push(`deps.dev could not be asked about ${failures} direct dependencies (licence and provenance missing for them): ${firstFailure}`);
    await fetchScorecards();
  };

  // One request per distinct GitHub source repository of a direct dependency: cheap next to the tree.
  const scorecardOf = new Map<string, ScorecardResult>();
  const fetchScorecards = async () => {
    const repos = [...new Set([...depsDevOf.values()].map(sourceRepo).filter((r): r is string => !!r && /^github\.com\/[^/]+\/[^/]+$/.test(r)))];
    const missing: string[] = [];
    for (const repo of repos) {
      const cached = cache.scorecards.get(`${clients.scorecardBase} ${repo}`);
      if (cached) scorecardOf.set(repo, cached);
      else if (cached === undefined) missing.push(repo);
    }
    progress(0, missing.length);
    let failures = 0;
    await mapWithConcurrency(
      missing,
      limit,
      async (repo) => {
        try {
          const found = await send('scorecard', () => clients.scorecard(repo, signal));
          cache.scorecards.set(`${clients.scorecardBase} ${repo}`, found ?? null);
          if (found) scorecardOf.set(repo, found);
        } catch (err) {
          if (signal.aborted) throw err;
          failures++;
        }
        progress(1);
      },
      signal,
    );
    if (failures) notes.push(`The Scorecard of ${failures} source repositories could not be fetched.`);
  };

  await Promise.all([osvHalf(), depsDevHalf()]);
  signal.throwIfAborted();

  for (const p of packages) {
    p.vulnerabilities = (idsOf.get(p) ?? [])
      .map((id): AuditVulnerability | undefined => {
        const record = records.get(id);
        if (record) return record.withdrawn ? undefined : assessVulnerability(record, p);
        // Known to hit, record not fetched: keep the id, so the hit is not lost.
        const malware = /^MAL-/i.test(id);
        return { id, aliases: [], severity: malware ? 'critical' : 'unknown', malware, url: osvWebUrl(id) };
      })
      .filter((v): v is AuditVulnerability => !!v)
      .sort((a, b) => Number(b.malware) - Number(a.malware) || rank(a.severity) - rank(b.severity) || a.id.localeCompare(b.id));
    if (p.vulnerabilities.length) p.worst = p.vulnerabilities[0].severity;
    const dd = depsDevOf.get(p);
    if (dd) Object.assign(p, depsDevFacts(dd));
    const card = p.repository ? scorecardOf.get(p.repository) : undefined;
    if (card && typeof card.score === 'number')
      p.scorecard = {
        score: card.score,
        ...(card.date ? { date: card.date } : {}),
        url: `https://scorecard.dev/viewer/?uri=${p.repository}`,
      };
  }

  if (unchecked.size) notes.push(`${unchecked.size} packages could not be checked with OSV.dev; the audit is incomplete.`);
  if (unversioned)
    notes.push(`${unversioned} dependencies have no exact version (no lockfile resolves them), so OSV could not check them; add or update the lockfile.`);
  if (rateLimited.osv) notes.push(`OSV.dev rate limited ${rateLimited.osv} requests; they were retried.`);
  if (rateLimited.depsDev) notes.push(`deps.dev rate limited ${rateLimited.depsDev} requests; they were retried.`);
  if (rateLimited.scorecard) notes.push(`The Scorecard API rate limited ${rateLimited.scorecard} requests; they were retried.`);

  const bySeverity = Object.fromEntries(SEVERITY_ORDER.map((s) => [s, 0])) as Record<AuditSeverity, number>;
  for (const p of packages) if (p.worst) bySeverity[p.worst]++;
  return {
    packages,
    totals: {
      packages: packages.length,
      direct: direct.length,
      unversioned,
      vulnerablePackages: packages.filter((p) => p.vulnerabilities.length).length,
      malwarePackages: packages.filter((p) => p.vulnerabilities.some((v) => v.malware)).length,
      vulnerabilities: new Set(packages.flatMap((p) => p.vulnerabilities.map((v) => v.id))).size,
      bySeverity,
      requests,
    },
    notes,
  };
}

function queryOf(p: AuditedPackage): OsvQuery {
  return { package: { ecosystem: p.ecosystem, name: p.name }, version: p.version };
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function rank(s: AuditSeverity): number {
  return SEVERITY_ORDER.indexOf(s);
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
