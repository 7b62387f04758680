import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { renderReportJson } from '../../src/core/audit/json';
import { renderReportMarkdown } from '../../src/core/audit/markdown';
import { undetermined, type AuditOutcome } from '../../src/core/audit/outcome';
import type { AuditReport } from '../../src/core/audit/report';
import { reportMeta } from '../../src/core/audit/reportMeta';
import type { EvidenceReport } from '../../src/core/evidence';

// The JSON and Markdown reports with what a report says about itself (ReportMeta) and the evidence
// rules' EvidenceReport, each present or absent.

const NOW = new Date('2026-03-01T12:05:09Z');
const meta = reportMeta({ version: '1.2.3', model: 'mistral/mistral-large-latest', target: 'widget', calls: { made: 7, failed: 2, denied: 1 }, now: NOW });

const report: AuditReport = {
  target: 'widget',
  verdict: 'AVOID',
  summary: 'A critical advisory is open.',
  findings: [
    {
      analysis: 'security',
      severity: 'critical',
      claim: 'widget@1.0.0 is affected by GHSA-aaaa-bbbb-cccc.',
      sources: ['https://osv.dev/vulnerability/GHSA-aaaa-bbbb-cccc'],
      location: { path: 'package-lock.json', line: 42 },
      check: 'known-vulnerabilities',
    },
    { analysis: 'quality', severity: 'info', claim: 'MIT licence.', sources: ['tool supply_chain__deps_dev_package'] },
  ],
};

const evidence: EvidenceReport = {
  target: { kind: 'package', id: 'widget' },
  verdict: 'AVOID',
  score: 3.5,
  confidence: 'medium',
  why: ['Hard rule (known-vulnerabilities): critical vulnerability GHSA-aaaa-bbbb-cccc in the version in use → at most AVOID.'],
  checks: [
    {
      id: 'known-vulnerabilities',
      title: 'Known vulnerabilities in the version in use',
      weight: 10,
      status: 'fail',
      score: 0,
      explanation: '1 known vulnerability in the version in use (worst: critical).',
    },
    { id: 'malware', title: 'Malware advisories', weight: 10, status: 'pass', score: 10, explanation: 'No malware advisory.' },
    { id: 'licence', title: 'Licence', weight: 2.5, status: 'unknown', score: null, explanation: 'No licence information was returned.' },
    // Scorecard checks apply to repositories only: not listed for a package.
    { id: 'scorecard-code-review', title: 'Scorecard: Code-Review', weight: 7.5, status: 'unknown', score: null, explanation: 'No conclusive result.' },
  ],
  hardRules: [{ check: 'known-vulnerabilities', ceiling: 'AVOID', because: 'critical vulnerability GHSA-aaaa-bbbb-cccc in the version in use' }],
  couldNotCheck: [
    { what: 'github/get_repository (call call_3)', reason: 'rate-limited', text: 'GitHub rate limit exceeded' },
    { what: 'Licence', reason: 'no-evidence', text: 'No licence information was returned.' },
  ],
  model: {
    verdict: 'SAFE TO ADOPT',
    bound: { verdict: 'AVOID', overridden: true, why: 'The model said SAFE TO ADOPT, but the evidence allows at most AVOID; the evidence verdict stands.' },
  },
};

const withEvidence: AuditOutcome = { kind: 'report', report, evidence };

describe('JSON report', () => {
  it('without meta or evidence is the AuditReport itself, location and check included', () => {
    const json = JSON.parse(renderReportJson({ kind: 'report', report }));
    assert.deepEqual(json, report);
    assert.deepEqual(json.findings[0].location, { path: 'package-lock.json', line: 42 });
    assert.equal(json.findings[0].check, 'known-vulnerabilities');
  });

  it('with meta and evidence: meta first, the old fields unchanged, the EvidenceReport under `evidence`', () => {
    const text = renderReportJson(withEvidence, { ...meta, temperature: 0, seed: 42 });
    const json = JSON.parse(text);
    assert.deepEqual(Object.keys(json), [
      'schemaVersion',
      'generator',
      'generatedAt',
      'model',
      'calls',
      'temperature',
      'seed',
      'target',
      'verdict',
      'summary',
      'findings',
      'evidence',
    ]);
    assert.equal(json.schemaVersion, 1);
    assert.deepEqual(json.generator, { name: 'connector-auditor', version: '1.2.3' });
    assert.equal(json.generatedAt, '2026-03-01T12:05:09.000Z');
    assert.equal(json.model, 'mistral/mistral-large-latest');
    assert.deepEqual(json.calls, { made: 7, failed: 2, denied: 1 });
    assert.equal(json.temperature, 0, 'a temperature of 0 is kept');
    assert.equal(json.seed, 42);
    assert.deepEqual(json.findings, report.findings);
    assert.deepEqual(json.evidence, evidence);
    assert.ok(text.endsWith('}\n'));
  });

  it('leaves temperature and seed out when the run did not set them', () => {
    const json = JSON.parse(renderReportJson({ kind: 'report', report }, meta));
    assert.equal('temperature' in json, false);
    assert.equal('seed' in json, false);
    assert.equal('evidence' in json, false);
  });

  it('UNDETERMINED keeps its shape (reason, lastAnswer) and gains the meta', () => {
    const json = JSON.parse(renderReportJson(undetermined('widget', 'step-limit', undefined, 'Maybe fine.'), meta));
    assert.equal(json.verdict, 'UNDETERMINED');
    assert.equal(json.reason, 'step-limit');
    assert.equal(json.lastAnswer, 'Maybe fine.');
    assert.deepEqual(json.findings, []);
    assert.equal(json.target, 'widget');
    assert.equal(json.schemaVersion, 1);
    assert.deepEqual(json.calls, { made: 7, failed: 2, denied: 1 });
  });
});

describe('Markdown report', () => {
  it('shows a finding’s location as path:line, escaped', () => {
    const md = renderReportMarkdown({
      kind: 'report',
      report: {
        ...report,
        findings: [
          { ...report.findings[0], location: { path: 'src/my_*secret*.ts', line: 7 } },
          { ...report.findings[1], location: { path: '<img src=x>.md' } },
        ],
      },
    });
    assert.match(md, /- \*\*CRITICAL\*\* widget@1\.0\.0 is affected by GHSA-aaaa-bbbb-cccc\.\n {2}- Location: src\/my\\_\\\*secret\\\*\.ts:7\n {2}- Sources: /);
    assert.match(md, /- Location: &lt;img src=x&gt;\.md\n/, 'a path without a line, and its HTML, stay text');
    assert.doesNotMatch(md, /<img/);
  });

  it('without evidence or meta: no Evidence part, no footer', () => {
    const md = renderReportMarkdown({ kind: 'report', report });
    assert.doesNotMatch(md, /## Evidence/);
    assert.doesNotMatch(md, /Generated by/);
  });

  it('the Evidence part follows the findings: verdict, score, confidence, the bound, checks, hard rules, what could not be checked', () => {
    const md = renderReportMarkdown(withEvidence);
    const at = (s: string) => md.indexOf(s);
    assert.ok(at('## Code quality and licence') < at('## Evidence'), 'after the findings');
    assert.match(md, /The evidence rules give \*\*AVOID\*\*: score 3\.5\/10, medium confidence\./);
    assert.match(md, /The model said SAFE TO ADOPT; the evidence allows at most AVOID, so the verdict is AVOID\./);
    assert.match(md, /### Checks\n\n\| status \| check \| score \| why \|\n\| --- \| --- \| --- \| --- \|\n/);
    assert.match(md, /\| \*\*fail\*\* \| Known vulnerabilities in the version in use \| 0 \| 1 known vulnerability/);
    assert.match(md, /\| pass \| Malware advisories \| 10 \| No malware advisory\. \|/);
    assert.match(md, /\| unknown \| Licence \| – \|/);
    assert.doesNotMatch(md, /Scorecard: Code-Review/, 'a check that does not apply to a package is not listed');
    assert.match(md, /Not listed: 1 check that does not apply to a package\./);
    assert.match(
      md,
      /### Hard rules that fired\n\n- Known vulnerabilities in the version in use: at most AVOID, because critical vulnerability GHSA-aaaa-bbbb-cccc/,
    );
    assert.match(
      md,
      /### What could not be checked\n\n- github\/get\\_repository \(call call\\_3\) \(rate-limited\): GitHub rate limit exceeded\n- Licence \(no-evidence\)/,
    );
    assert.ok(at('### Checks') < at('### Hard rules') && at('### Hard rules') < at('### What could not be checked'));
  });

  it('says so plainly when the model agreed, or was stricter', () => {
    const agreed = renderReportMarkdown({
      kind: 'report',
      report,
      evidence: { ...evidence, model: { verdict: 'AVOID', bound: { verdict: 'AVOID', overridden: false, why: '' } } },
    });
    assert.match(agreed, /The model said AVOID, as the evidence does\./);
    const stricter = renderReportMarkdown({
      kind: 'report',
      report,
      evidence: { ...evidence, verdict: 'ADOPT WITH CAUTION', model: { verdict: 'AVOID', bound: { verdict: 'AVOID', overridden: false, why: '' } } },
    });
    assert.match(stricter, /The model said AVOID, stricter than the evidence; the stricter verdict stands\./);
    const rulesOnly = renderReportMarkdown({ kind: 'report', report, evidence: { ...evidence, model: undefined } });
    assert.doesNotMatch(rulesOnly, /The model said/);
  });

  it('lists what could not be checked whenever there is any, and leaves the section out when there is none', () => {
    const none = renderReportMarkdown({ kind: 'report', report, evidence: { ...evidence, couldNotCheck: [], hardRules: [] } });
    assert.doesNotMatch(none, /What could not be checked/);
    assert.doesNotMatch(none, /Hard rules that fired/);
    const one = renderReportMarkdown({
      kind: 'report',
      report,
      evidence: { ...evidence, couldNotCheck: [{ what: 'osv_query (call c1)', reason: 'tool-error', text: 'timeout' }] },
    });
    assert.match(one, /### What could not be checked\n\n- osv\\_query \(call c1\) \(tool-error\): timeout\n/);
  });

  it('escapes hostile tool and model text in the claim, the checks, the hard rules and the gaps', () => {
    const hostile = 'x\n# Heading\n<script>alert(1)</script> [click](javascript:alert(1)) | cell ![p](http://t.test/p.png)';
    const md = renderReportMarkdown({
      kind: 'report',
      report: { ...report, findings: [{ ...report.findings[0], claim: hostile }] },
      evidence: {
        ...evidence,
        why: [hostile],
        checks: [{ ...evidence.checks[0], explanation: hostile }],
        hardRules: [{ check: 'known-vulnerabilities', ceiling: 'AVOID', because: hostile }],
        couldNotCheck: [{ what: hostile, reason: hostile, text: hostile }],
      },
    });
    assert.doesNotMatch(md, /<script/i);
    assert.doesNotMatch(md, /(?<!\\)\]\(javascript:/i);
    assert.doesNotMatch(md, /!\[/);
    assert.doesNotMatch(md, /^# Heading/m, 'a newline in tool text never starts a heading');
    const row = md.split('\n').find((l) => l.startsWith('| **fail**'))!;
    assert.equal(row.split(/(?<!\\)\|/).length, 6, 'a pipe in a cell does not add a column');
  });

  it('ends with a footer from the meta', () => {
    const md = renderReportMarkdown(withEvidence, meta);
    assert.match(
      md,
      /\n---\n\n_Generated by connector-auditor 1\\?\.2\.3 on 2026-03-01 12:05 UTC with mistral\/mistral-large-latest; 7 tool calls \(2 failed, 1 denied\)\. Report schema v1\._\n$/,
    );
    const sampled = renderReportMarkdown({ kind: 'report', report }, { ...meta, temperature: 0.2, seed: 9, calls: { made: 1, failed: 0, denied: 0 } });
    assert.match(sampled, /with mistral\/mistral-large-latest \(temperature 0\.2, seed 9\); 1 tool call \(0 failed, 0 denied\)\./);
    const rules = renderReportMarkdown({ kind: 'report', report }, { ...meta, model: 'evidence rules (no model)' });
    assert.match(rules, /with evidence rules \(no model\);/);
  });

  it('an UNDETERMINED outcome gets the footer too', () => {
    const md = renderReportMarkdown(undetermined('widget', 'cancelled'), meta);
    assert.match(md, /\*\*Verdict: UNDETERMINED\*\*/);
    assert.match(md, /Generated by connector-auditor/);
  });
});
