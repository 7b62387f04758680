// auditDependencies against a fake client: batching, one record fetch per id, the per-process
// cache, severity from CVSS v3.1 / v4.0 and database words, MAL- as critical, fixed versions,
// grouping and `via`, and failures as notes.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Dependency } from '../../src/core/dependencies';
import { DependencyAuditCache } from '../../src/core/builtins/supplyChain/audit/auditCache';
import type { DependencyAuditClients, OsvBatchResult } from '../../src/core/builtins/supplyChain/audit/auditClients';
import { auditDependencies } from '../../src/core/builtins/supplyChain/audit/dependencyAudit';
import { assessVulnerability, fixedVersion } from '../../src/core/builtins/supplyChain/audit/vulnAssessment';
import { scoreVector } from '../../src/core/builtins/supplyChain/cvssSeverity';
import { HttpError } from '../../src/core/builtins/httpJson';
import type { DdVersion } from '../../src/core/builtins/supplyChain/depsDevModel';
import type { OsvQuery, OsvVulnerability } from '../../src/core/builtins/supplyChain/osvModel';

const V31_HIGH = 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:H/A:H'; // 7.4
const V40_CRITICAL = 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N'; // 9.3

function dep(name: string, version: string | undefined, extra: Partial<Dependency> = {}): Dependency {
  return {
    ecosystem: 'npm',
    name,
    ...(version ? { version } : {}),
    direct: false,
    dev: false,
    purl: `pkg:npm/${name.replace('@', '%40')}${version ? `@${version}` : ''}`,
    manifest: 'package-lock.json',
    ...extra,
  };
}

function record(id: string, pkg: string, events: Array<Record<string, string>>, extra: Partial<OsvVulnerability> = {}): OsvVulnerability {
  return { id, summary: `${id} summary`, affected: [{ package: { ecosystem: 'npm', name: pkg }, ranges: [{ type: 'SEMVER', events }] }], ...extra };
}

interface FakeOptions {
  /** name → ids that hit it (any version). */
  hits?: Record<string, string[]>;
  records?: OsvVulnerability[];
  depsDev?: Record<string, DdVersion>;
  failBatch?: (call: number) => Error | undefined;
}

function fakeClients(o: FakeOptions = {}) {
  const calls = { batches: [] as OsvQuery[][], vulns: [] as string[], depsDev: [] as string[], scorecards: [] as string[] };
  const clients: DependencyAuditClients = {
    osvBase: 'fake-osv',
    depsDevBase: 'fake-dd',
    scorecardBase: 'fake-sc',
    osvBatch: async (queries) => {
      calls.batches.push(queries);
      const err = o.failBatch?.(calls.batches.length);
      if (err) throw err;
      return queries.map((q): OsvBatchResult => {
        const ids = o.hits?.[q.package?.name ?? ''] ?? [];
        return ids.length ? { vulns: ids.map((id) => ({ id })) } : {};
      });
    },
    osvVulnerability: async (id) => {
      calls.vulns.push(id);
      return o.records?.find((r) => r.id === id);
    },
    depsDevVersion: async (_system, name, version) => {
      calls.depsDev.push(`${name}@${version}`);
      return o.depsDev?.[name];
    },
    scorecard: async (repo) => {
      calls.scorecards.push(repo);
      return repo === 'github.com/o/c' ? { score: 4.2, date: '2026-11-30' } : undefined;
    },
  };
  return { clients, calls };
}

const run = (deps: Dependency[], clients: DependencyAuditClients, cache = new DependencyAuditCache(), onProgress?: (d: number, t: number) => void) =>
  auditDependencies(deps, clients, { signal: new AbortController().signal, cache, retry: { baseDelayMs: 0 }, ...(onProgress ? { onProgress } : {}) });

describe('supply chain: dependency audit', () => {
  it('sends 2,500 packages in three querybatch requests of at most 1,000', async () => {
    const deps = Array.from({ length: 2500 }, (_, i) => dep(`p${i}`, '1.0.0'));
    const { clients, calls } = fakeClients();
    const progress: Array<[number, number]> = [];
    const result = await run(deps, clients, undefined, (d, t) => progress.push([d, t]));
    assert.deepEqual(
      calls.batches.map((b) => b.length),
      [1000, 1000, 500],
    );
    assert.deepEqual(calls.batches[0][0], { package: { ecosystem: 'npm', name: 'p0' }, version: '1.0.0' });
    assert.equal(result.totals.packages, 2500);
    assert.equal(result.totals.vulnerablePackages, 0);
    assert.deepEqual(progress.at(-1), [2500, 2500], 'progress ends complete');
    assert.ok(
      progress.every(([d], i) => i === 0 || d >= progress[i - 1][0]),
      'progress never goes back',
    );
  });

  it('fetches each vulnerability record once however many packages it hits, and a second audit sends nothing', async () => {
    const deps = [dep('a', '1.0.0'), dep('b', '1.0.0'), dep('c', '2.0.0', { direct: true }), dep('a', '1.0.0', { manifest: 'other/package-lock.json' })];
    const { clients, calls } = fakeClients({
      hits: { a: ['GHSA-1'], b: ['GHSA-1', 'GHSA-2'], c: ['GHSA-2'] },
      records: [record('GHSA-1', 'a', [{ introduced: '0' }]), record('GHSA-2', 'b', [{ introduced: '0' }])],
      depsDev: { c: { licenses: ['MIT'], relatedProjects: [{ projectKey: { id: 'github.com/o/c' }, relationType: 'SOURCE_REPO' }] } },
    });
    const cache = new DependencyAuditCache();
    const first = await run(deps, clients, cache);
    assert.equal(calls.batches.length, 1);
    assert.equal(calls.batches[0].length, 3, 'a@1.0.0 from two lockfiles is asked once');
    assert.deepEqual(calls.vulns.sort(), ['GHSA-1', 'GHSA-2']);
    assert.deepEqual(calls.depsDev, ['c@2.0.0'], 'deps.dev only for the direct dependency');
    assert.deepEqual(calls.scorecards, ['github.com/o/c'], "the direct dependency's source repository");
    assert.deepEqual(first.packages.find((p) => p.name === 'c')?.scorecard, {
      score: 4.2,
      date: '2026-11-30',
      url: 'https://scorecard.dev/viewer/?uri=github.com/o/c',
    });
    assert.deepEqual(first.packages.find((p) => p.name === 'c')?.licences, ['MIT']);
    assert.equal(first.totals.requests, 5);
    assert.equal(first.totals.vulnerabilities, 2);

    const second = await run(deps, clients, cache);
    assert.equal(calls.batches.length, 1, 'no new batch');
    assert.equal(calls.vulns.length, 2, 'no new record fetch');
    assert.equal(calls.depsDev.length, 1, 'no new deps.dev call');
    assert.equal(calls.scorecards.length, 1, 'no new Scorecard call');
    assert.equal(second.totals.requests, 0);
    assert.deepEqual(second.packages, first.packages);
  });

  it('scores CVSS 3.1 and 4.0 vectors, prefers v4, falls back to the database word, and rates MAL- as critical malware', async () => {
    const deps = [dep('v3', '1.0.0'), dep('v4', '1.0.0'), dep('word', '1.0.0'), dep('mal', '1.0.0'), dep('none', '1.0.0')];
    const { clients } = fakeClients({
      hits: { v3: ['GHSA-v3'], v4: ['GHSA-v4'], word: ['GHSA-w'], mal: ['MAL-2025-1'], none: ['OSV-n'] },
      records: [
        record('GHSA-v3', 'v3', [{ introduced: '0' }], { severity: [{ type: 'CVSS_V3', score: V31_HIGH }] }),
        record('GHSA-v4', 'v4', [{ introduced: '0' }], {
          severity: [
            { type: 'CVSS_V3', score: V31_HIGH },
            { type: 'CVSS_V4', score: V40_CRITICAL },
          ],
        }),
        record('GHSA-w', 'word', [{ introduced: '0' }], { database_specific: { severity: 'MODERATE' } }),
        record('MAL-2025-1', 'mal', [{ introduced: '0' }], { database_specific: { 'malicious-packages-origins': [{ source: 'ghsa-malware' }] } }),
        record('OSV-n', 'none', [{ introduced: '0' }]),
      ],
    });
    const result = await run(deps, clients);
    const vuln = (name: string) => result.packages.find((p) => p.name === name)!.vulnerabilities[0];
    assert.equal(vuln('v3').severity, 'high');
    assert.deepEqual(vuln('v3').cvss, { version: '3.1', score: 7.4, vector: V31_HIGH });
    assert.equal(vuln('v4').severity, 'critical');
    assert.deepEqual(vuln('v4').cvss, { version: '4.0', score: 9.3, vector: V40_CRITICAL });
    assert.equal(vuln('word').severity, 'medium');
    assert.equal(vuln('word').cvss, undefined);
    assert.equal(vuln('mal').severity, 'critical');
    assert.equal(vuln('mal').malware, true);
    assert.equal(vuln('v3').malware, false);
    assert.equal(vuln('none').severity, 'unknown');
    assert.deepEqual(result.totals.bySeverity, { critical: 2, high: 1, medium: 1, low: 0, unknown: 1 });
    assert.equal(result.totals.malwarePackages, 1);
  });

  it('names the fixed version of the range the version is in, from affected[].ranges[].events', () => {
    const affected = [
      {
        package: { ecosystem: 'npm', name: 'lodash' },
        ranges: [
          { type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '3.10.2' }, { introduced: '4.0.0' }, { fixed: '4.17.21' }] },
          { type: 'GIT', events: [{ introduced: 'abc' }, { fixed: 'def' }] },
        ],
      },
    ];
    const at = (version: string) => fixedVersion(affected, { ecosystem: 'npm', name: 'lodash', version });
    assert.equal(at('4.17.15'), '4.17.21');
    assert.equal(at('3.9.0'), '3.10.2');
    assert.equal(at('4.17.9'), '4.17.21', 'numbers compared as numbers, not text');
    assert.equal(
      fixedVersion([{ package: { ecosystem: 'npm', name: 'x' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '1.2.0' }] }] }], {
        ecosystem: 'npm',
        name: 'x',
        version: '1.4.0',
      }),
      undefined,
      'no fix',
    );
    const other = assessVulnerability(
      {
        id: 'GHSA-x',
        affected: [
          { package: { ecosystem: 'npm', name: 'lodash-es' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '9.9.9' }] }] },
          ...affected,
        ],
      },
      { ecosystem: 'npm', name: 'lodash', version: '4.17.15' },
    );
    assert.equal(other.fixed, '4.17.21', 'only the entries of this package count');
    assert.equal(other.url, 'https://osv.dev/vulnerability/GHSA-x');
  });

  it('groups one entry per package version with its direct and dev flags merged and via from the lockfile graph', async () => {
    const deps = [
      dep('express', '4.0.0', { direct: true, line: 12 }),
      dep('qs', '6.0.0', { via: ['express'] }),
      dep('qs', '6.0.0', { via: ['body-parser'], dev: true }),
      dep('jest', '29.0.0', { direct: true, dev: true }),
      dep('ranged', undefined, { direct: true, range: '^1.0.0' }),
    ];
    const { clients } = fakeClients({ hits: { qs: ['GHSA-qs'] }, records: [record('GHSA-qs', 'qs', [{ introduced: '0' }, { fixed: '6.2.4' }])] });
    const result = await run(deps, clients);
    assert.equal(result.totals.packages, 3);
    assert.equal(result.totals.unversioned, 1);
    assert.ok(result.notes.some((n) => /1 dependencies have no exact version/.test(n)));
    const qs = result.packages.find((p) => p.name === 'qs')!;
    assert.deepEqual(qs.via, ['express', 'body-parser']);
    assert.equal(qs.dev, false, 'a production path keeps it production');
    assert.equal(qs.direct, false);
    assert.equal(qs.vulnerabilities[0].fixed, '6.2.4');
    assert.equal(qs.worst, 'unknown');
    assert.equal(result.packages.find((p) => p.name === 'express')!.line, 12);
    assert.equal(result.packages.find((p) => p.name === 'jest')!.dev, true);
  });

  it('turns a failing batch into a note (after retrying a 503) and still reports the other batches', async () => {
    const deps = Array.from({ length: 1200 }, (_, i) => dep(`p${i}`, '1.0.0'));
    let attempts = 0;
    const { clients, calls } = fakeClients({
      hits: { p1100: ['GHSA-late'] },
      records: [record('GHSA-late', 'p1100', [{ introduced: '0' }])],
      failBatch: () => {
        // Fail the first chunk's every try; the second succeeds.
        return calls.batches.at(-1)!.length === 1000 ? (attempts++, new HttpError('OSV.dev had a server error (HTTP 503); try again later.', 503)) : undefined;
      },
    });
    const result = await run(deps, clients);
    assert.equal(attempts, 3, 'tried three times');
    assert.ok(
      result.notes.some((n) => /OSV\.dev batch 1 of 2 \(1000 packages\) failed.*HTTP 503/.test(n)),
      result.notes.join('\n'),
    );
    assert.ok(result.notes.some((n) => /1000 packages could not be checked/.test(n)));
    assert.equal(result.totals.vulnerablePackages, 1, 'the second batch still counted');

    // Nothing failed is cached: the next audit asks again for the failed chunk only.
    const cache = new DependencyAuditCache();
    const ok = fakeClients();
    await run(deps.slice(0, 10), fakeClients({ failBatch: () => new HttpError('bad', 400) }).clients, cache);
    await run(deps.slice(0, 10), ok.clients, cache);
    assert.equal(ok.calls.batches.length, 1, 'a failure is not remembered');
  });

  it('notes rate limits and drops withdrawn records', async () => {
    let tries = 0;
    const { clients } = fakeClients({
      hits: { a: ['GHSA-old'] },
      records: [record('GHSA-old', 'a', [{ introduced: '0' }], { withdrawn: '2024-01-01T00:00:00Z' })],
      failBatch: () => (tries++ === 0 ? new HttpError('OSV.dev is rate limiting requests (HTTP 429).', 429, 0) : undefined),
    });
    const result = await run([dep('a', '1.0.0')], clients);
    assert.ok(result.notes.some((n) => /OSV\.dev rate limited 1 requests/.test(n)));
    assert.equal(result.totals.vulnerablePackages, 0);
  });

  it('stops on cancellation instead of answering', async () => {
    const controller = new AbortController();
    const { clients } = fakeClients();
    const slow: DependencyAuditClients = {
      ...clients,
      osvBatch: (_queries, signal) => new Promise((_, reject) => signal.addEventListener('abort', () => reject(new Error('Cancelled.')))),
    };
    const running = auditDependencies([dep('a', '1.0.0')], slow, { signal: controller.signal, cache: new DependencyAuditCache() });
    controller.abort();
    await assert.rejects(running, /Cancelled/);
  });
});

describe('supply chain: CVSS of any version', () => {
  it('scores v2, v3.0, v3.1 and v4.0 base vectors and refuses incomplete ones', () => {
    assert.deepEqual(scoreVector(V40_CRITICAL), { version: '4.0', score: 9.3, rating: 'critical', vector: V40_CRITICAL });
    assert.equal(scoreVector('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H')?.score, 9.8);
    assert.equal(scoreVector('CVSS:3.0/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H')?.score, 9.9);
    assert.equal(scoreVector('AV:N/AC:L/Au:N/C:P/I:P/A:P')?.version, '2.0');
    assert.equal(scoreVector('CVSS:4.0/AV:N/AC:L'), undefined);
    assert.equal(scoreVector('not a vector'), undefined);
  });
});
