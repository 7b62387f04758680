// audit_dependencies at scale: a generated 1,500-package package-lock.json (v3) audited against
// the local OSV.dev / deps.dev fake with 20 ms added to every request. Reports the measured time
// against the bound batching allows, and peak RSS. Asserts nothing.
import { ApiClient } from '../../src/core/builtins/supplyChain/apiClient';
import { DependencyAuditCache } from '../../src/core/builtins/supplyChain/audit/auditCache';
import { apiAuditClients } from '../../src/core/builtins/supplyChain/audit/auditClients';
import { AUDIT_CONCURRENCY, auditDependencies, OSV_BATCH_LIMIT } from '../../src/core/builtins/supplyChain/audit/dependencyAudit';
import { resolveWorkspaceDependencies, type Dependency } from '../../src/core/dependencies';
import { nullLogger } from '../../src/core/util/logger';
import { startSupplyChainFixture } from '../fixtures/supplyChain/server';
import { generatedPackageLock } from '../helpers/lockfiles';

const LATENCY_MS = 20;
const RUNS = 3;

/** Four leaves become packages the fake has advisories for, so the record-fetch phase is measured too. */
const KNOWN: Record<string, [string, string]> = {
  'leaf-1-0': ['lodash', '4.17.15'],
  'leaf-2-0': ['widget', '1.3.0'],
  'leaf-3-0': ['flatmap-streamz', '0.1.1'],
  'leaf-4-0': ['lodash', '4.17.11'],
};

function treeOf(): Dependency[] {
  const { dependencies } = resolveWorkspaceDependencies([{ path: 'package-lock.json', text: generatedPackageLock() }]);
  return dependencies.map((d) => {
    const known = KNOWN[d.name];
    return known ? { ...d, name: known[0], version: known[1], purl: `pkg:npm/${known[0]}@${known[1]}` } : d;
  });
}

export async function benchDependencyAudit(): Promise<void> {
  const fixture = await startSupplyChainFixture({ latencyMs: LATENCY_MS });
  try {
    const deps = treeOf();
    const clients = apiAuditClients(new ApiClient({ endpoints: { osv: fixture.url, depsDev: fixture.url, scorecard: fixture.url }, log: nullLogger }));
    const times: number[] = [];
    let last: Awaited<ReturnType<typeof auditDependencies>> | undefined;
    for (let i = 0; i < RUNS; i++) {
      const cache = new DependencyAuditCache();
      const t = performance.now();
      last = await auditDependencies(deps, clients, { signal: new AbortController().signal, cache });
      times.push(performance.now() - t);
    }
    const median = [...times].sort((a, b) => a - b)[Math.floor(RUNS / 2)];
    const r = last!;
    const hits = r.totals.vulnerabilities;
    const batches = Math.ceil(r.totals.packages / OSV_BATCH_LIMIT);
    const rounds = (n: number) => Math.ceil(n / AUDIT_CONCURRENCY);
    // The issue's bound: every batch, then the record fetches, then deps.dev, one after another.
    const serialBound = LATENCY_MS * (batches + rounds(hits) + rounds(r.totals.direct));
    // Tighter: the OSV half (batches side by side, then records) runs beside the deps.dev half.
    const parallelBound = LATENCY_MS * Math.max(1 + rounds(hits), rounds(r.totals.direct));
    console.log(
      `${`audit_dependencies: ${r.totals.packages} packages, ${r.totals.direct} direct, ${hits} advisories, ${LATENCY_MS} ms/request`.padEnd(58)} ${median.toFixed(1)} ms  (median of ${RUNS}; ${r.totals.requests} requests)`,
    );
    console.log(
      `${'  vs the batching bound'.padEnd(58)} ${(median / serialBound).toFixed(2)} × ${serialBound} ms (${batches} batches + ${rounds(hits)} + ${rounds(r.totals.direct)} rounds of ${AUDIT_CONCURRENCY}); ${(median / parallelBound).toFixed(2)} × the ${parallelBound} ms critical path`,
    );
    const cache = new DependencyAuditCache();
    await auditDependencies(deps, clients, { signal: new AbortController().signal, cache });
    const t = performance.now();
    const again = await auditDependencies(deps, clients, { signal: new AbortController().signal, cache });
    console.log(`${'  the same audit again (cached)'.padEnd(58)} ${(performance.now() - t).toFixed(1)} ms  (${again.totals.requests} requests)`);
    console.log(
      `${'  peak RSS during one uncached audit'.padEnd(58)} ${await peakRss(() => auditDependencies(deps, clients, { signal: new AbortController().signal, cache: new DependencyAuditCache() }))}`,
    );
  } finally {
    await fixture.close();
  }
}

/** RSS sampled every 5 ms while `fn` runs: the process's own high-water mark includes every earlier bench. */
async function peakRss(fn: () => Promise<unknown>): Promise<string> {
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  try {
    await fn();
  } finally {
    clearInterval(timer);
  }
  peak = Math.max(peak, process.memoryUsage().rss);
  return `${(peak / 1024 / 1024).toFixed(0)} MB (${((peak - before) / 1024 / 1024).toFixed(1)} MB above the ${(before / 1024 / 1024).toFixed(0)} MB before)`;
}
