import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sarifValidator } from '../helpers/sarifSchema';
import { undetermined, type AuditOutcome } from '../../src/core/audit/outcome';
import type { AuditReport, Finding } from '../../src/core/audit/report';
import { reportMeta } from '../../src/core/audit/reportMeta';
import { normaliseClaim } from '../../src/core/audit/findingFingerprint';
import { pascalCase, renderReportSarif } from '../../src/core/audit/sarif';
import { RULES, type EvidenceReport } from '../../src/core/evidence';

// The SARIF report, validated against the OASIS SARIF 2.1.0 schema (Errata 01, vendored with its
// source and licence in test/fixtures/sarif/), and checked for what GitHub code scanning needs:
// a repository-relative location on every result, rules with security-severity, and fingerprints
// that survive a re-run.

const validate = sarifValidator();

/** The parts of a SARIF log these tests read. */
interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: Record<string, number> } }[];
  partialFingerprints: Record<string, string>;
  properties: { anchored?: boolean; 'security-severity'?: string };
}
interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  defaultConfiguration: { level: string };
  properties: { tags: string[]; 'security-severity'?: string };
}
interface SarifLog {
  $schema: string;
  version: string;
  runs: {
    tool: { driver: { name: string; version: string; semanticVersion?: string; informationUri: string; rules: SarifRule[] } };
    automationDetails: { id: string };
    invocations: {
      executionSuccessful: boolean;
      endTimeUtc: string;
      toolExecutionNotifications: { level: string; message: { text: string }; descriptor: { id: string } }[];
      properties: Record<string, unknown>;
    }[];
    results: SarifResult[];
    properties: Record<string, unknown>;
  }[];
}

function assertValid(text: string): SarifLog {
  const log = JSON.parse(text) as SarifLog;
  assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
  return log;
}

const NOW = new Date('2026-03-01T12:00:00Z');
const meta = reportMeta({
  version: '1.2.3',
  model: 'mistral/mistral-large-latest',
  target: 'pkg:npm/widget@1.0.0',
  calls: { made: 4, failed: 1, denied: 0 },
  now: NOW,
});
const depsMeta = { ...meta, target: "the workspace's dependencies" };

const vulnA: Finding = {
  analysis: 'security',
  severity: 'critical',
  claim: 'pkg:npm/lodash@4.17.20 is affected by CVE-2021-23337 (command injection), severity critical 9.8; fixed in 4.17.21.',
  sources: ['https://osv.dev/vulnerability/GHSA-35jh-r3h4-6jhm'],
  location: { path: 'package-lock.json', line: 1200 },
  check: 'known-vulnerabilities',
};
const vulnB: Finding = {
  ...vulnA,
  severity: 'high',
  claim: vulnA.claim.replace('CVE-2021-23337', 'CVE-2020-8203'),
  location: { path: 'package-lock.json', line: 1201 },
};
const secret: Finding = {
  analysis: 'security',
  severity: 'high',
  claim: 'src/config.ts:12: AWS access key (aws-access-key-id) hard-coded, AKIA••••.',
  sources: ['tool call call_9'],
  location: { path: 'src/config.ts', line: 12 },
  check: 'hardcoded-secrets',
};
const modelNote: Finding = {
  analysis: 'maintenance',
  severity: 'info',
  claim: 'The project answers issues within a week.',
  sources: ['tool github__list_issues'],
};

const report: AuditReport = {
  target: "the workspace's dependencies",
  verdict: 'AVOID',
  summary: 'A critical vulnerability.',
  findings: [vulnA, vulnB, secret, modelNote],
};
const evidence: EvidenceReport = {
  target: { kind: 'dependencies', id: 'workspace' },
  verdict: 'AVOID',
  score: 2.5,
  confidence: 'high',
  why: ['Hard rule (known-vulnerabilities): critical vulnerability CVE-2021-23337 → at most AVOID.'],
  checks: [
    { id: 'known-vulnerabilities', title: 'Known vulnerabilities in the version in use', weight: 10, status: 'fail', score: 0, explanation: '2 known.' },
  ],
  hardRules: [{ check: 'known-vulnerabilities', ceiling: 'AVOID', because: 'critical vulnerability CVE-2021-23337' }],
  couldNotCheck: [{ what: 'supply_chain/scorecard (call call_4)', reason: 'rate-limited', text: 'Scorecard API rate limit' }],
  model: { verdict: 'ADOPT WITH CAUTION', bound: { verdict: 'AVOID', overridden: true, why: 'The evidence allows at most AVOID.' } },
};
const outcome: AuditOutcome = { kind: 'report', report, evidence };

const resultsOf = (log: SarifLog) => log.runs[0].results;
const fingerprintOf = (r: SarifResult) => r.partialFingerprints['connectorAuditor/v1'];

describe('SARIF report', () => {
  it('is a valid SARIF 2.1.0 log: tool, rules, one result per finding at file:line', () => {
    const log = assertValid(renderReportSarif(outcome, depsMeta));
    assert.equal(log.$schema, 'https://json.schemastore.org/sarif-2.1.0.json');
    assert.equal(log.version, '2.1.0');
    assert.equal(log.runs.length, 1);
    const driver = log.runs[0].tool.driver;
    assert.equal(driver.name, 'connector-auditor');
    assert.equal(driver.version, '1.2.3');
    assert.equal(driver.semanticVersion, '1.2.3');
    assert.equal(driver.informationUri, 'https://github.com/connector-auditor/connector-auditor');
    assert.deepEqual(
      driver.rules.map((r: { id: string }) => r.id),
      ['known-vulnerabilities', 'hardcoded-secrets', 'model-finding/maintenance'],
    );
    const results = resultsOf(log);
    assert.equal(results.length, 4);
    const [a, , s] = results;
    assert.equal(a.ruleId, 'known-vulnerabilities');
    assert.equal(driver.rules[a.ruleIndex].id, a.ruleId);
    assert.equal(a.level, 'error');
    assert.deepEqual(a.locations[0].physicalLocation, {
      artifactLocation: { uri: 'package-lock.json', uriBaseId: '%SRCROOT%' },
      region: { startLine: 1200 },
    });
    assert.match(
      a.message.text,
      /^pkg:npm\/lodash@4\.17\.20 is affected by CVE-2021-23337 .*\nSources: https:\/\/osv\.dev\/vulnerability\/GHSA-35jh-r3h4-6jhm$/,
    );
    assert.equal(s.ruleId, 'hardcoded-secrets');
    assert.deepEqual(s.locations[0].physicalLocation.region, { startLine: 12 });
    assert.equal(s.locations[0].physicalLocation.artifactLocation.uri, 'src/config.ts');
    assert.equal(log.runs[0].automationDetails.id, 'connector-auditor/dependencies/');
  });

  it('describes each rule for GitHub: name, descriptions, help with the hard rule, level, tags, security-severity', () => {
    const log = assertValid(renderReportSarif(outcome, depsMeta));
    const [vulns, secrets, model] = log.runs[0].tool.driver.rules;
    const rule = RULES.find((r) => r.id === 'known-vulnerabilities')!;
    assert.equal(vulns.name, 'KnownVulnerabilities');
    assert.equal(vulns.shortDescription.text, rule.title);
    assert.equal(vulns.fullDescription.text, rule.doc);
    assert.ok(vulns.help.text.includes(rule.doc) && vulns.help.text.includes(rule.hardRule!));
    assert.match(vulns.help.markdown, /\*\*Hard rule:\*\* A critical vulnerability/);
    assert.equal(vulns.defaultConfiguration.level, 'error');
    assert.deepEqual(vulns.properties.tags, ['security', 'evidence-rule']);
    assert.equal(vulns.properties['security-severity'], '9.5', 'the worst of its results');
    assert.equal(secrets.properties['security-severity'], '8.0');
    assert.equal(model.id, 'model-finding/maintenance');
    assert.equal(model.name, 'ModelFindingMaintenance');
    assert.deepEqual(model.properties.tags, ['security', 'model-finding', 'maintenance']);
    assert.equal('security-severity' in model.properties, false, 'an info finding has no security severity');
    assert.equal(pascalCase('scorecard-code-review'), 'ScorecardCodeReview');
  });

  it('maps severities to levels: critical and high error, medium warning, low and info note', () => {
    const findings = (['critical', 'high', 'medium', 'low', 'info'] as const).map((severity) => ({ ...modelNote, severity, claim: `${severity} thing` }));
    const log = assertValid(renderReportSarif({ kind: 'report', report: { ...report, findings } }, depsMeta));
    assert.deepEqual(
      resultsOf(log).map((r) => r.level),
      ['error', 'error', 'warning', 'note', 'note'],
    );
    assert.deepEqual(
      resultsOf(log).map((r) => r.properties['security-severity']),
      ['9.5', '8.0', '5.5', '3.0', undefined],
    );
  });

  it('puts the verdict and the evidence summary in the run, could-not-check as warnings of a successful invocation', () => {
    const log = assertValid(renderReportSarif(outcome, { ...depsMeta, seed: 3 }));
    const run = log.runs[0];
    assert.equal(run.properties.verdict, 'AVOID');
    assert.equal(run.properties.evidenceVerdict, 'AVOID');
    assert.equal(run.properties.modelVerdict, 'ADOPT WITH CAUTION');
    assert.equal(run.properties.score, 2.5);
    assert.equal(run.properties.confidence, 'high');
    assert.deepEqual(run.properties.couldNotCheck, evidence.couldNotCheck);
    assert.equal(run.properties.reportSchemaVersion, 1);
    const inv = run.invocations[0];
    assert.equal(inv.executionSuccessful, true);
    assert.equal(inv.endTimeUtc, '2026-03-01T12:00:00.000Z');
    assert.deepEqual(inv.properties, { model: 'mistral/mistral-large-latest', calls: { made: 4, failed: 1, denied: 0 }, seed: 3 });
    assert.equal(inv.toolExecutionNotifications[0].level, 'warning');
    assert.match(inv.toolExecutionNotifications[0].message.text, /Could not check supply_chain\/scorecard .*rate-limited/);
  });

  it('gives a finding without a location a repository file, and says so', () => {
    // Without a file in any finding, a package audit falls back to its ecosystem's manifest.
    const alone = assertValid(renderReportSarif({ kind: 'report', report: { ...report, findings: [modelNote] } }, meta));
    const r = resultsOf(alone)[0];
    assert.deepEqual(r.locations[0].physicalLocation, { artifactLocation: { uri: 'package.json', uriBaseId: '%SRCROOT%' }, region: { startLine: 1 } });
    assert.match(r.message.text, /The audit names no file for this finding; it is shown on package\.json\./);
    assert.equal(r.properties.anchored, true);
    assert.match(alone.runs[0].automationDetails.id, /^connector-auditor\/package\/npm-widget\/$/);

    // With other findings in a lockfile and a manifest, the manifest.
    const withManifest = { ...report, findings: [vulnA, { ...secret, location: { path: 'packages/app/package.json', line: 3 } }, modelNote] };
    assert.equal(
      resultsOf(assertValid(renderReportSarif({ kind: 'report', report: withManifest }, depsMeta)))[2].locations[0].physicalLocation.artifactLocation.uri,
      'packages/app/package.json',
    );

    // The caller's anchor first; a connector's is its configuration file; a repository's the README.
    const anchored = renderReportSarif({ kind: 'report', report: { ...report, findings: [modelNote] } }, meta, { anchor: './requirements.txt' });
    assert.equal(resultsOf(assertValid(anchored))[0].locations[0].physicalLocation.artifactLocation.uri, 'requirements.txt');
    const connector = renderReportSarif({ kind: 'report', report: { ...report, findings: [modelNote] } }, meta, {
      target: { kind: 'connector', name: 'My Server' },
    });
    const connectorLog = assertValid(connector);
    assert.equal(resultsOf(connectorLog)[0].locations[0].physicalLocation.artifactLocation.uri, '.vscode/connectors.json');
    assert.equal(connectorLog.runs[0].automationDetails.id, 'connector-auditor/connector/my-server/');
    const repo = assertValid(renderReportSarif({ kind: 'report', report: { ...report, findings: [modelNote] } }, { ...meta, target: 'acme/widgets' }));
    assert.equal(resultsOf(repo)[0].locations[0].physicalLocation.artifactLocation.uri, 'README.md');
    assert.equal(repo.runs[0].automationDetails.id, 'connector-auditor/repo/acme-widgets/');
  });

  it('never points outside the repository, and percent-encodes file names', () => {
    const findings: Finding[] = [
      { ...modelNote, claim: 'one', location: { path: '/etc/passwd', line: 1 } },
      { ...modelNote, claim: 'two', location: { path: '../../outside.txt', line: 2 } },
      { ...modelNote, claim: 'three', location: { path: 'C:\\Users\\x\\a.ts' } },
      { ...modelNote, claim: 'four', location: { path: 'docs\\my file #1%.md', line: 4 } },
    ];
    const log = assertValid(renderReportSarif({ kind: 'report', report: { ...report, findings } }, depsMeta));
    const uris = resultsOf(log).map((r) => r.locations[0].physicalLocation.artifactLocation.uri);
    assert.deepEqual(uris, ['package.json', 'package.json', 'package.json', 'docs/my%20file%20%231%25.md']);
    assert.match(resultsOf(log)[0].message.text, /names \/etc\/passwd, which is not a path inside the repository/);
    assert.deepEqual(resultsOf(log)[0].locations[0].physicalLocation.region, { startLine: 1 });
    assert.deepEqual(resultsOf(log)[3].locations[0].physicalLocation.region, { startLine: 4 });
  });

  it('keeps hostile claim text plain: one line, no embedded link, hidden characters shown, still valid', () => {
    const hostile: Finding = {
      ...secret,
      claim: '# Title\n<img src=x onerror=alert(1)>\r\n[click](https://evil.test) [here](0) **bold**\u202Egnp.exe\u200B',
      sources: ['javascript:alert(1)', '[x](https://evil.test)'],
    };
    const log = assertValid(renderReportSarif({ kind: 'report', report: { ...report, findings: [hostile] } }, depsMeta));
    const text: string = resultsOf(log)[0].message.text;
    const [claimLine] = text.split('\n');
    assert.doesNotMatch(text, /\]\(/, 'no [text](destination) survives');
    assert.match(claimLine, /^# Title <img src=x onerror=alert\(1\)> \[click\] \(https:\/\/evil\.test\)/);
    assert.match(claimLine, /⟨U\+202E⟩gnp\.exe⟨U\+200B⟩$/);
    assert.equal(text.split('\n').length, 2, 'the claim, then its sources');
  });

  it('an undetermined outcome is a valid log with no results, a failed invocation and the reason', () => {
    const log = assertValid(renderReportSarif(undetermined('widget', 'step-limit', 'after 40 steps'), meta));
    const run = log.runs[0];
    assert.deepEqual(run.results, []);
    assert.deepEqual(run.tool.driver.rules, []);
    assert.equal(run.properties.verdict, 'UNDETERMINED');
    assert.equal(run.properties.reason, 'step-limit');
    const inv = run.invocations[0];
    assert.equal(inv.executionSuccessful, false);
    assert.equal(inv.toolExecutionNotifications[0].level, 'error');
    assert.equal(inv.toolExecutionNotifications[0].descriptor.id, 'undetermined/step-limit');
    assert.match(inv.toolExecutionNotifications[0].message.text, /step limit.*after 40 steps/);
  });

  it('the validator is not vacuous: it rejects what the schema forbids', () => {
    const log = JSON.parse(renderReportSarif(outcome, depsMeta)) as SarifLog;
    const broken = structuredClone(log);
    broken.runs[0].results[0].locations[0].physicalLocation.region = { endLine: 3 };
    assert.equal(validate(broken), false, 'a region needs startLine, charOffset or byteOffset');
    const badLevel = structuredClone(log);
    badLevel.runs[0].results[0].level = 'critical';
    assert.equal(validate(badLevel), false);
    const twiceTagged = structuredClone(log);
    twiceTagged.runs[0].tool.driver.rules[0].properties.tags = ['security', 'security'];
    assert.equal(validate(twiceTagged), false, 'tags are a set');
  });

  it('leaves semanticVersion out when the version is not SemVer', () => {
    const log = assertValid(renderReportSarif(outcome, { ...depsMeta, generator: { name: 'connector-auditor', version: 'dev' } }));
    assert.equal(log.runs[0].tool.driver.version, 'dev');
    assert.equal('semanticVersion' in log.runs[0].tool.driver, false);
  });
});

describe('SARIF fingerprints', () => {
  const shift = (f: Finding, by: number, version: string): Finding => ({
    ...f,
    claim: f.claim.replace(/4\.17\.20/g, version).replace(/:12:/, `:${12 + by}:`),
    ...(f.location ? { location: { ...f.location, ...(f.location.line ? { line: f.location.line + by } : {}) } } : {}),
  });
  /** Which finding a result is, whatever its order: its rule and its advisory. */
  const byFinding = (log: SarifLog) => new Map(resultsOf(log).map((r) => [`${r.ruleId} ${/CVE-\d+-\d+/.exec(r.message.text)?.[0] ?? ''}`, fingerprintOf(r)]));

  it('are stable across runs: shuffled findings, moved lines, other versions', () => {
    const first = byFinding(assertValid(renderReportSarif(outcome, depsMeta)));
    const moved = [modelNote, secret, vulnB, vulnA].map((f) => shift(f, 30, '4.17.19'));
    const second = byFinding(assertValid(renderReportSarif({ kind: 'report', report: { ...report, findings: moved } }, depsMeta)));
    assert.equal(first.size, 4);
    assert.deepEqual([...second.entries()].sort(), [...first.entries()].sort());
  });

  it('differ for different findings: another advisory, another file, another rule', () => {
    const other: Finding[] = [
      vulnA,
      vulnB, // another CVE, same file and rule
      { ...vulnA, location: { path: 'packages/app/package-lock.json', line: 1200 } }, // same claim, another file
      { ...vulnA, check: 'malware' }, // same claim, another rule
      { ...secret, location: { path: 'src/config.ts', line: 40 }, claim: 'src/config.ts:40: AWS access key (aws-access-key-id) hard-coded, AKIA••••.' },
      secret, // alike but for the line: told apart by order in the file
    ];
    const log = assertValid(renderReportSarif({ kind: 'report', report: { ...report, findings: other } }, depsMeta));
    const prints = resultsOf(log).map(fingerprintOf);
    assert.equal(new Set(prints).size, prints.length, prints.join('\n'));
    for (const r of resultsOf(log)) {
      assert.match(fingerprintOf(r), /^[0-9a-f]{64}$/);
      assert.equal(r.partialFingerprints.primaryLocationLineHash, `${fingerprintOf(r).slice(0, 16)}:1`);
    }
    // The two alike secrets keep their identities when both move and come in the other order.
    const again = assertValid(
      renderReportSarif(
        { kind: 'report', report: { ...report, findings: [shift(secret, 5, ''), { ...other[4], location: { path: 'src/config.ts', line: 45 } }] } },
        depsMeta,
      ),
    );
    assert.deepEqual(resultsOf(again).map(fingerprintOf), [prints[5], prints[4]]);
  });

  it('normalise a claim: versions, numbers and dates out, advisory ids kept', () => {
    assert.equal(
      normaliseClaim('lodash@4.17.20 fixed in v4.17.21 (2026-03-01), line 12'),
      normaliseClaim('lodash@4.17.19 fixed in 5.0.0-beta.1 (2027-01-09), line 99'),
    );
    assert.notEqual(normaliseClaim('affected by CVE-2021-23337'), normaliseClaim('affected by CVE-2020-8203'));
    assert.notEqual(normaliseClaim('affected by GHSA-35jh-r3h4-6jhm'), normaliseClaim('affected by GHSA-p6mc-m468-83gw'));
    assert.equal(normaliseClaim('Bus factor 1.'), normaliseClaim('bus factor 2'));
  });
});
