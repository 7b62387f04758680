import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { capList } from '../../src/core/builtins/supplyChain/capList';
import { mapWithConcurrency } from '../../src/core/builtins/supplyChain/concurrency';
import { summariseDependencies, summarisePackage, summariseVersion } from '../../src/core/builtins/supplyChain/depsDevSummary';
import { summariseScorecard } from '../../src/core/builtins/supplyChain/scorecardTool';

describe('supply chain: list caps and concurrency', () => {
  it('cuts long lists and says how many were left out', () => {
    assert.deepEqual(capList([1, 2, 3], 5, 'things'), { items: [1, 2, 3] });
    assert.deepEqual(capList([1, 2, 3, 4, 5], 2, 'things'), { items: [1, 2], note: '3 more things left out (showing 2 of 5).' });
  });

  it('runs at most `limit` at once and keeps the input order', async () => {
    let running = 0;
    let peak = 0;
    const out = await mapWithConcurrency([5, 1, 4, 2, 3], 2, async (n) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setImmediate(r));
      running--;
      return n * 10;
    });
    assert.deepEqual(out, [50, 10, 40, 20, 30]);
    assert.equal(peak, 2);
    assert.deepEqual(await mapWithConcurrency([], 3, async () => 1), []);
  });
});

describe('supply chain: deps.dev summaries', () => {
  it('orders versions newest first, marks the default, and tolerates missing dates', () => {
    const s = summarisePackage('npm', 'x', {
      packageKey: { system: 'NPM', name: 'x' },
      versions: [
        { versionKey: { version: '0.9.0' } },
        { versionKey: { version: '1.0.0' }, publishedAt: '2020-01-01T00:00:00Z' },
        { versionKey: { version: '1.1.0' }, publishedAt: '2021-01-01T00:00:00Z', isDefault: true, isDeprecated: true },
      ],
    });
    assert.deepEqual(
      s.versions.map((v) => v.version),
      ['1.1.0', '1.0.0', '0.9.0'],
    );
    assert.equal(s.defaultVersion, '1.1.0');
    assert.equal(s.latestPublished?.version, '1.1.0');
    assert.equal(s.firstPublished?.version, '1.0.0');
    assert.equal(s.deprecatedVersions, 1);
    assert.equal(s.url, 'https://deps.dev/npm/x');
  });

  it('finds the source repository and says when there is no provenance', () => {
    const s = summariseVersion(
      'npm',
      { name: 'x', version: '1.0.0' },
      { links: [{ label: 'SOURCE_REPO', url: 'git+https://github.com/a/x.git' }], licenses: [] },
      [],
    );
    assert.equal(s.repository, 'git+https://github.com/a/x.git');
    assert.match(String(s.provenance), /none published/);
    assert.match(s.licenses[0], /none found/);
    assert.equal(s.url, 'https://deps.dev/npm/x/1.0.0');
    const withProject = summariseVersion(
      'npm',
      { name: 'x', version: '1.0.0' },
      { relatedProjects: [{ projectKey: { id: 'github.com/a/x' }, relationType: 'SOURCE_REPO', relationProvenance: 'SLSA_ATTESTATION' }] },
      [],
    );
    assert.equal(withProject.repository, 'github.com/a/x');
  });

  it('counts direct and indirect dependencies, reading omitted edge indexes as 0', () => {
    const s = summariseDependencies(
      'npm',
      { name: 'root', version: '1.0.0' },
      {
        nodes: [
          { versionKey: { name: 'root', version: '1.0.0' }, relation: 'SELF' },
          { versionKey: { name: 'a', version: '2.0.0' }, relation: 'DIRECT' },
          { versionKey: { name: 'b', version: '3.0.0' }, relation: 'INDIRECT', errors: ['could not resolve c@^9'] },
        ],
        edges: [
          { toNode: 1, requirement: '^2.0.0' },
          { fromNode: 1, toNode: 2, requirement: '^3' },
        ],
      },
      true,
    );
    assert.equal(s.nodeCount, 3);
    assert.equal(s.directCount, 1);
    assert.equal(s.indirectCount, 1);
    assert.deepEqual(s.direct, [{ name: 'a', version: '2.0.0', requirement: '^2.0.0' }]);
    assert.deepEqual(s.indirect, [{ name: 'b', version: '3.0.0' }]);
    assert.deepEqual(s.resolutionErrors, ['b: could not resolve c@^9']);
  });
});

describe('supply chain: Scorecard summary', () => {
  it('reports inconclusive checks as such and lists the weak ones', () => {
    const s = summariseScorecard('o', 'r', {
      score: 5.1,
      checks: [
        { name: 'Maintained', score: 10, reason: 'active', details: ['Info: x'] },
        { name: 'Packaging', score: -1, reason: 'not detected' },
        {
          name: 'Token-Permissions',
          score: 0,
          reason: 'excessive',
          details: ['Warn: a', 'Warn: b', 'Warn: c', 'Warn: d'],
          documentation: { url: 'https://doc' },
        },
      ],
    });
    assert.equal(s.repository, 'github.com/o/r');
    assert.deepEqual(s.below5, ['Token-Permissions']);
    assert.equal(s.checks[1].score, 'inconclusive');
    assert.equal(s.checks[0].details, undefined, 'a perfect check needs no details');
    assert.equal(s.checks[2].details?.length, 3);
    assert.equal(s.checks[2].documentation, 'https://doc');
  });
});
