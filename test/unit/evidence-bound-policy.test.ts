// The bound on a model's verdict, organisation policy (tighten yes, loosen never), look-alike
// names, and the engine's result rendered as an AuditReport plus an EvidenceReport.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { storedReportSchema } from '../../src/core/audit/report';
import {
  boundVerdict,
  damerauLevenshtein,
  describeRules,
  renderEvidenceMarkdown,
  lookAlike,
  parsePolicy,
  RULES,
  runEngine,
  toReports,
  type Policy,
} from '../../src/core/evidence';
import { ev, failed, healthyRepo, osvQuery, vuln } from './evidence-helpers';

const NOW = Date.parse('2026-12-07T00:00:00Z');

describe('boundVerdict', () => {
  it('model SAFE vs evidence AVOID → AVOID, overridden, and why says so', () => {
    const b = boundVerdict('SAFE TO ADOPT', 'AVOID', ['malware advisory MAL-2026-1']);
    assert.equal(b.verdict, 'AVOID');
    assert.equal(b.overridden, true);
    assert.match(b.why, /model said SAFE TO ADOPT.*at most AVOID.*MAL-2026-1/);
  });

  it('a model as strict or stricter than the evidence stands', () => {
    assert.deepEqual(
      [boundVerdict('AVOID', 'SAFE TO ADOPT'), boundVerdict('ADOPT WITH CAUTION', 'ADOPT WITH CAUTION')].map((b) => [b.verdict, b.overridden]),
      [
        ['AVOID', false],
        ['ADOPT WITH CAUTION', false],
      ],
    );
  });
});

describe('organisation policy', () => {
  const installScripts = ev(
    'workspace',
    'install_scripts',
    {},
    { findings: [{ kind: 'dependency', path: 'package-lock.json', package: 'esbuild', version: '0.25.0' }] },
  );
  const workspace = [
    installScripts,
    ev('workspace', 'secrets_scan', {}, { findings: [], scanned: 3 }),
    ev('workspace', 'workflows', {}, { workflows: [] }),
    ev('supply_chain', 'osv_query', { ecosystem: 'npm', name: 'esbuild', version: '0.25.0' }, { query: 'npm/esbuild@0.25.0', count: 0, vulnerabilities: [] }),
  ];

  it('tightens: install scripts that warn fail, and an added hard rule makes them AVOID', () => {
    const base = runEngine({ target: { kind: 'workspace', id: 'w' }, evidence: workspace, now: NOW });
    assert.equal(base.checks.find((c) => c.id === 'install-scripts')!.status, 'warn');
    const parsed = parsePolicy({ failOn: { 'install-scripts': ['warn'] }, hardRules: { add: [{ check: 'install-scripts', when: 'warn', ceiling: 'AVOID' }] } });
    assert.ok(parsed.ok, JSON.stringify(parsed));
    const strict = runEngine({ target: { kind: 'workspace', id: 'w' }, evidence: workspace, now: NOW, policy: (parsed as { policy: Policy }).policy });
    assert.equal(strict.checks.find((c) => c.id === 'install-scripts')!.status, 'fail');
    assert.equal(strict.verdict, 'AVOID');
  });

  it('higher thresholds and weights are accepted', () => {
    assert.ok(parsePolicy({ thresholds: { safe: 9 }, weights: { licence: 10 } }).ok);
  });

  it('refuses to loosen: removing a hard rule, lowering a weight or a threshold, unknown checks', () => {
    const refused = [
      [{ hardRules: { remove: ['malware'] } }, /hard rules cannot be loosened/],
      [{ hardRules: { disable: 'hardcoded-secrets' } }, /hard rules cannot be loosened/],
      [{ weights: { malware: 1 } }, /may raise weights, not lower them/],
      [{ thresholds: { safe: 5 } }, /may raise thresholds/],
      [{ failOn: { 'no-such-check': ['warn'] } }, /not a check/],
      [{ allowMalware: true }, /allowMalware|Unrecognized/i],
    ] as const;
    for (const [policy, message] of refused) {
      const r = parsePolicy(policy);
      assert.equal(r.ok, false, JSON.stringify(policy));
      assert.match((r as { problems: string[] }).problems.join('\n'), message, JSON.stringify(policy));
    }
  });
});

describe('look-alike names', () => {
  it('Damerau–Levenshtein counts a swap of neighbours as one edit', () => {
    assert.equal(damerauLevenshtein('lodahs', 'lodash'), 1);
    assert.equal(damerauLevenshtein('kitten', 'sitting'), 3);
    assert.equal(damerauLevenshtein('', 'abc'), 3);
    assert.equal(damerauLevenshtein('abcdef', 'uvwxyz', 2), 3, 'stops past the limit');
  });

  it('lodahs is flagged as lodash; express itself and short or scoped names are not', () => {
    assert.deepEqual(lookAlike('lodahs', 'npm'), { similarTo: 'lodash', distance: 1 });
    assert.equal(lookAlike('express', 'npm'), undefined);
    assert.equal(lookAlike('react-dom', 'npm'), undefined);
    assert.equal(lookAlike('abc', 'npm'), undefined);
    assert.equal(lookAlike('@acme/lodahs', 'npm'), undefined);
    assert.deepEqual(lookAlike('reqests', 'pypi'), { similarTo: 'requests', distance: 1 });
    assert.equal(lookAlike('Django', 'pypi'), undefined, 'PyPI names compare case-insensitively');
  });

  it('the engine warns about a look-alike package it was asked about', () => {
    const r = runEngine({ target: { kind: 'package', id: 'lodahs' }, evidence: [osvQuery('lodahs', '1.0.0', [])], now: NOW });
    const c = r.checks.find((x) => x.id === 'typosquat')!;
    assert.equal(c.status, 'warn');
    assert.match(c.findings[0].claim, /lodahs .*lodash/);
    const ok = runEngine({ target: { kind: 'package', id: 'express' }, evidence: [osvQuery('express', '5.1.0', [])], now: NOW });
    assert.equal(ok.checks.find((x) => x.id === 'typosquat')!.status, 'pass');
  });
});

describe('reports', () => {
  it('engine alone: a valid AuditReport with cited findings, and what could not be checked', () => {
    const evidence = [...healthyRepo(), osvQuery('widget', '1.0.0', [vuln('MAL-2026-9')]), failed('github', 'list_tags', 'GitHub rate limit exceeded')];
    const result = runEngine({ target: { kind: 'package', id: 'widget@1.0.0' }, evidence, now: NOW });
    const { report, evidence: er } = toReports(result);
    assert.ok(storedReportSchema.safeParse(report).success, 'the report model accepts it');
    assert.ok(
      report.findings.every((f) => f.check),
      'each finding names its check',
    );
    assert.equal(report.verdict, 'AVOID');
    assert.ok(report.findings.some((f) => f.severity === 'critical' && f.sources.includes('https://osv.dev/vulnerability/MAL-2026-9')));
    assert.ok(er.couldNotCheck.some((c) => c.reason === 'rate-limited'));
    assert.ok(er.couldNotCheck.some((c) => c.reason === 'no-evidence' && /Provenance/.test(c.what)));
    assert.equal(er.checks.length, RULES.length);
  });

  it('with a model: the stricter verdict stands and the summary says why', () => {
    const result = runEngine({ target: { kind: 'package', id: 'w' }, evidence: [osvQuery('widget', '1.0.0', [vuln('MAL-2026-9')])], now: NOW });
    const model = { target: 'widget', verdict: 'SAFE TO ADOPT' as const, summary: 'Looks fine.', findings: [] };
    const { report, evidence } = toReports(result, model);
    assert.equal(report.verdict, 'AVOID');
    assert.equal(evidence.model?.verdict, 'SAFE TO ADOPT');
    assert.equal(evidence.model?.bound.overridden, true);
    assert.match(report.summary, /the evidence verdict stands/);
  });

  it('renderEvidenceMarkdown shows the checks and what could not be checked, with tool text escaped', () => {
    const evidence = [
      osvQuery('widget', '1.0.0', [{ ...vuln('GHSA-x', { score: 5 }), summary: '<img src=x> [click](http://evil)' }]),
      failed('github', 'get_repository', 'GitHub rate limit exceeded'),
    ];
    const { evidence: er } = toReports(runEngine({ target: { kind: 'package', id: 'widget' }, evidence, now: NOW }));
    const md = renderEvidenceMarkdown(er);
    assert.match(md, /## What could not be checked/);
    assert.match(md, /rate-limited/);
    assert.doesNotMatch(md, /<img/);
    assert.doesNotMatch(md, /\[click\]\(/);
  });

  it('describeRules lists every rule and its hard rules', () => {
    const md = describeRules();
    for (const r of RULES) assert.ok(md.includes(`\`${r.id}\``), r.id);
    assert.match(md, /Hard rule:\*\* Any malware advisory: AVOID/);
  });
});
