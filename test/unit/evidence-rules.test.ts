// The evidence engine's checks and verdict: each hard rule, missing evidence lowering confidence
// and capping the verdict, and a healthy target earning SAFE TO ADOPT only with evidence.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { runEngine, type EngineResult } from '../../src/core/evidence';
import { ev, healthyRepo, osvQuery, vuln } from './evidence-helpers';

const NOW = Date.parse('2026-12-07T00:00:00Z');
const check = (r: EngineResult, id: string) => r.checks.find((c) => c.id === id)!;

describe('evidence verdict', () => {
  it('a healthy repository with every check answered is SAFE TO ADOPT with high confidence', () => {
    const r = runEngine({ target: { kind: 'repo', id: 'acme/widget' }, evidence: healthyRepo(), now: NOW });
    assert.equal(r.verdict, 'SAFE TO ADOPT', r.why.join('\n'));
    assert.equal(r.confidence, 'high');
    assert.equal(r.score, 10);
    assert.equal(check(r, 'maintained').status, 'pass');
    assert.equal(check(r, 'known-vulnerabilities').status, 'pass');
  });

  it('hard rule: a malware advisory is AVOID whatever else is fine', () => {
    const evidence = [...healthyRepo(), osvQuery('widget', '2.0.1', [vuln('MAL-2026-1234')])];
    const r = runEngine({ target: { kind: 'package', id: 'widget@2.0.1' }, evidence, now: NOW });
    assert.equal(r.verdict, 'AVOID');
    assert.equal(check(r, 'malware').status, 'fail');
    assert.ok(r.ceilings.some((c) => c.check === 'malware' && c.ceiling === 'AVOID'));
    assert.ok(check(r, 'malware').findings[0].sources[0].includes('MAL-2026-1234'));
  });

  it('hard rule: a critical vulnerability in the version in use is AVOID, with the fixed version in the finding', () => {
    const evidence = [...healthyRepo(), osvQuery('widget', '1.0.0', [vuln('GHSA-crit-crit-crit', { score: 9.8, fixed: ['1.0.1'] })])];
    const r = runEngine({ target: { kind: 'package', id: 'widget@1.0.0' }, evidence, now: NOW });
    assert.equal(r.verdict, 'AVOID');
    const f = check(r, 'known-vulnerabilities').findings[0];
    assert.equal(f.severity, 'critical');
    assert.match(f.claim, /fixed in 1\.0\.1/);
  });

  it('a database label CRITICAL without a CVSS vector is critical too; a withdrawn record does not count', () => {
    const labelled = runEngine({
      target: { kind: 'package', id: 'x' },
      evidence: [osvQuery('x', '1.0.0', [vuln('GHSA-a', { database: 'CRITICAL' })])],
      now: NOW,
    });
    assert.equal(labelled.verdict, 'AVOID');
    const withdrawn = runEngine({
      target: { kind: 'package', id: 'x' },
      evidence: [osvQuery('x', '1.0.0', [vuln('MAL-2020-1', { withdrawn: '2021-01-01T00:00:00Z' })])],
      now: NOW,
    });
    assert.equal(check(withdrawn, 'malware').status, 'pass');
  });

  it('OSV asked without a version: a critical record of some version is context, not a hard AVOID', () => {
    const unversioned = ev(
      'supply_chain',
      'osv_query',
      { ecosystem: 'npm', name: 'lodash' },
      { query: 'npm/lodash', count: 1, vulnerabilities: [vuln('GHSA-crit', { score: 9.1, fixed: ['4.17.12'] })] },
    );
    const r = runEngine({ target: { kind: 'package', id: 'lodash' }, evidence: [unversioned], now: NOW });
    const c = check(r, 'known-vulnerabilities');
    assert.equal(c.status, 'warn');
    assert.equal(c.findings[0].severity, 'info');
    assert.equal(r.ceilings.length, 0);
    assert.notEqual(r.verdict, 'AVOID');
  });

  it('a high (not critical) vulnerability fails its check: at most ADOPT WITH CAUTION, not a hard AVOID', () => {
    const evidence = [...healthyRepo(), osvQuery('widget', '1.0.0', [vuln('GHSA-high', { score: 7.5, rating: 'high', fixed: ['1.2.0'] })])];
    const r = runEngine({ target: { kind: 'package', id: 'widget@1.0.0' }, evidence, now: NOW });
    assert.equal(check(r, 'known-vulnerabilities').status, 'fail');
    assert.equal(r.verdict, 'ADOPT WITH CAUTION');
    assert.equal(r.ceilings.length, 0);
  });

  it('hard rule: a hard-coded secret in a workspace is at least ADOPT WITH CAUTION', () => {
    const secrets = ev(
      'workspace',
      'secrets_scan',
      {},
      { findings: [{ rule: 'aws', kind: 'AWSAccessKeyID', line: 2, column: 1, preview: 'AKIA…(20 chars)', path: '.env', location: '.env:2' }], scanned: 5 },
    );
    const evidence = [
      secrets,
      ev('workspace', 'install_scripts', {}, { findings: [], notes: [] }),
      ev('workspace', 'workflows', {}, { workflows: [] }),
      ev(
        'supply_chain',
        'osv_query_batch',
        { queries: [{ ecosystem: 'npm', name: 'express', version: '5.1.0' }] },
        { results: [{ query: 'npm/express@5.1.0', count: 0, vulnerabilities: [] }], vulnerabilities: [] },
      ),
    ];
    const r = runEngine({ target: { kind: 'workspace', id: '/work/app' }, evidence, now: NOW });
    assert.equal(r.verdict, 'ADOPT WITH CAUTION');
    assert.ok(r.ceilings.some((c) => c.check === 'hardcoded-secrets'));
    assert.equal(check(r, 'hardcoded-secrets').findings[0].claim.includes('.env:2'), true);
  });

  it('missing evidence lowers confidence and caps the verdict: no OSV data for a package → low, at most CAUTION', () => {
    const r = runEngine({ target: { kind: 'package', id: 'widget' }, evidence: healthyRepo().filter((e) => e.tool !== 'osv_query'), now: NOW });
    assert.equal(check(r, 'known-vulnerabilities').status, 'unknown');
    assert.equal(r.confidence, 'low');
    assert.equal(r.verdict, 'ADOPT WITH CAUTION');
    assert.ok(r.why.some((w) => /Low confidence/.test(w)));
  });

  it('no evidence at all: ADOPT WITH CAUTION, low confidence, never SAFE', () => {
    for (const kind of ['repo', 'package', 'workspace', 'connector'] as const) {
      const r = runEngine({ target: { kind, id: 't' }, evidence: [], now: NOW });
      assert.equal(r.verdict, 'ADOPT WITH CAUTION', kind);
      assert.equal(r.confidence, 'low', kind);
      assert.equal(r.score, null);
    }
  });

  it('licence: GPL in an MIT project warns, LGPL does not; no licence warns', () => {
    const repoWith = (license: string | null) => ev('github', 'get_repository', {}, { full_name: 'acme/lib', license, archived: false });
    const licence = (license: string | null, projectLicence?: string) =>
      check(
        runEngine({ target: { kind: 'repo', id: 'acme/lib' }, evidence: [repoWith(license)], now: NOW, ...(projectLicence ? { projectLicence } : {}) }),
        'licence',
      );
    assert.equal(licence('GPL-3.0', 'MIT').status, 'warn');
    assert.match(licence('GPL-3.0', 'MIT').findings[0].claim, /copyleft/);
    assert.equal(licence('LGPL-3.0', 'MIT').status, 'pass');
    assert.equal(licence('GPL-3.0').status, 'pass', 'no project licence given: nothing to conflict with');
    assert.equal(licence(null).status, 'warn');
  });

  it('Scorecard: a Dangerous-Workflow score under 10 fails; Code-Review 5 warns', () => {
    const evidence = healthyRepo().map((e) =>
      e.tool === 'scorecard'
        ? ev(
            'supply_chain',
            'scorecard',
            {},
            {
              repository: 'github.com/acme/widget',
              checks: [
                { name: 'Dangerous-Workflow', score: 8 },
                { name: 'Code-Review', score: 5 },
                { name: 'CI-Tests', score: 'inconclusive' },
              ],
            },
          )
        : e,
    );
    const r = runEngine({ target: { kind: 'repo', id: 'acme/widget' }, evidence, now: NOW });
    assert.equal(check(r, 'scorecard-dangerous-workflow').status, 'fail');
    assert.equal(check(r, 'scorecard-code-review').status, 'warn');
    assert.equal(check(r, 'scorecard-ci-tests').status, 'unknown');
    assert.equal(r.verdict, 'ADOPT WITH CAUTION');
  });

  it('an archived repository fails maintained', () => {
    const evidence = healthyRepo().map((e) =>
      e.tool === 'get_repository'
        ? ev('github', 'get_repository', {}, { full_name: 'acme/widget', license: 'MIT', archived: true, pushed_at: '2021-01-01', days_since_push: 2166 })
        : e,
    );
    const r = runEngine({ target: { kind: 'repo', id: 'acme/widget' }, evidence, now: NOW });
    assert.equal(check(r, 'maintained').status, 'fail');
    assert.notEqual(r.verdict, 'SAFE TO ADOPT');
  });

  it('connector: a poisoned description is at most ADOPT WITH CAUTION; a changed pin fails tool-pins', () => {
    const connectors = [
      {
        connector: 'notes',
        tools: [
          { name: 'add_note', flags: [{ kind: 'addresses-model', detail: '"ignore previous instructions"' }], pin: 'pinned' },
          { name: 'list_notes', flags: [], pin: 'changed' },
        ],
      },
    ];
    const r = runEngine({ target: { kind: 'connector', id: 'notes' }, evidence: [], connectors, now: NOW });
    assert.equal(check(r, 'tool-descriptions').status, 'fail');
    assert.equal(check(r, 'tool-pins').status, 'fail');
    assert.equal(r.verdict === 'SAFE TO ADOPT', false);
    const clean = runEngine({
      target: { kind: 'connector', id: 'ok' },
      evidence: [],
      connectors: [{ connector: 'ok', tools: [{ name: 't', pin: 'pinned' }] }],
      now: NOW,
    });
    assert.equal(clean.verdict, 'SAFE TO ADOPT');
  });

  it('a rule that reads odd data does not sink the run, and the same input gives the same result', () => {
    const input = { target: { kind: 'repo' as const, id: 'acme/widget' }, evidence: [...healthyRepo(), 'garbage', { callId: 1 }], now: NOW };
    assert.deepEqual(runEngine(input), runEngine(input));
  });
});
