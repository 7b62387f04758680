import type { EvidenceReport } from '../evidence/evidenceReport';
import { RULES } from '../evidence/rules';
import { WEIGHT, type Rule, type TargetKind } from '../evidence/check';
import { revealInvisible } from '../util/invisibleChars';
import type { AuditOutcome } from './outcome';
import { UNDETERMINED } from './outcome';
import { findingFingerprints } from './findingFingerprint';
import { ANALYSES, SEVERITIES, type Analysis, type Finding, type Severity } from './report';
import type { ReportMeta } from './reportMeta';
import { anchorOf, repositoryPath, uriOf } from './sarifLocation';
import { parseAuditTarget, targetLabel, type AuditTarget } from './target';

/**
 * The SARIF 2.1.0 rendering, for GitHub code scanning and any other SARIF reader: one run, one
 * result per finding, one rule per evidence check that produced a result (and one per analysis
 * for the model's own findings). The verdict and the evidence summary ride in the run's
 * properties; an undetermined outcome is a run with no results whose invocation failed and says
 * why. Validated against the OASIS schema in test/unit/audit-sarif.test.ts.
 */

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
/** package.json names no repository or homepage; this is the project's address. */
const INFORMATION_URI = 'https://github.com/connector-auditor/connector-auditor';
const SRCROOT = '%SRCROOT%';
const FINGERPRINT_KEY = 'connectorAuditor/v1';

/** GitHub reads `security-severity` as over 9.0 critical, 7.0–8.9 high, 4.0–6.9 medium, 0.1–3.9 low. */
const SECURITY_SEVERITY: Record<Severity, string | undefined> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: undefined };
type Level = 'error' | 'warning' | 'note';
const LEVEL: Record<Severity, Level> = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' };

export interface SarifOptions {
  /** What was audited, when the caller has it typed; else it is read from the evidence or `meta.target`. */
  target?: AuditTarget;
  /**
   * The repository-relative file a finding without a file of its own is shown on: the manifest the
   * audit read, `.vscode/connectors.json` for a connector. Else one is chosen (sarifLocation.ts, `anchorOf`).
   */
  anchor?: string;
}

export function renderReportSarif(outcome: AuditOutcome, meta: ReportMeta, options: SarifOptions = {}): string {
  const evidence = outcome.kind === 'report' ? outcome.evidence : undefined;
  const target = targetInfo(options.target, evidence, meta.target);
  const findings = outcome.kind === 'report' ? outcome.report.findings : [];
  const anchor = anchorOf(findings, options.anchor, target.kind, target.target);
  const rules = rulesFor(findings);
  const fingerprints = findingFingerprints(
    findings.map((f) => ({
      ruleId: ruleIdOf(f),
      // The path the finding names, never the anchor: that depends on the other findings.
      path: f.location ? (repositoryPath(f.location.path) ?? f.location.path) : '',
      claim: f.claim,
      line: f.location?.line,
    })),
  );
  const results = findings.map((f, i) => resultOf(f, rules, anchor, fingerprints[i]));
  const run = {
    tool: {
      driver: {
        name: meta.generator.name,
        version: meta.generator.version,
        ...(SEMVER.test(meta.generator.version) ? { semanticVersion: meta.generator.version } : {}),
        informationUri: INFORMATION_URI,
        rules: rules.map((r) => r.descriptor),
      },
    },
    automationDetails: { id: category(target) },
    invocations: [invocationOf(outcome, meta, evidence)],
    results,
    properties: runProperties(outcome, meta, evidence),
  };
  return `${JSON.stringify({ $schema: SARIF_SCHEMA, version: '2.1.0', runs: [run] }, null, 2)}\n`;
}

// ---------------------------------------------------------------------------------------------
// Rules

interface RuleEntry {
  id: string;
  descriptor: Record<string, unknown>;
}

/** The rule a finding belongs to: its evidence check, or the model's own findings of its analysis. */
function ruleIdOf(f: Finding): string {
  return f.check ?? `model-finding/${f.analysis}`;
}

/** Every rule with a result, evidence checks in the order RULES lists them, then the model's by analysis. */
function rulesFor(findings: readonly Finding[]): RuleEntry[] {
  const ids = [...new Set(findings.map(ruleIdOf))];
  const order = (id: string) => {
    const i = RULES.findIndex((r) => r.id === id);
    if (i >= 0) return i;
    const model = ANALYSES.indexOf(id.replace(/^model-finding\//, '') as Analysis);
    return RULES.length + (id.startsWith('model-finding/') && model >= 0 ? model : ANALYSES.length);
  };
  ids.sort((a, b) => order(a) - order(b) || a.localeCompare(b));
  return ids.map((id) => {
    const mine = findings.filter((f) => ruleIdOf(f) === id);
    return { id, descriptor: descriptorOf(id, mine) };
  });
}

function descriptorOf(id: string, findings: readonly Finding[]): Record<string, unknown> {
  const rule = RULES.find((r) => r.id === id);
  const worst = findings.map((f) => f.severity).reduce((a, b) => (SEVERITIES.indexOf(b) > SEVERITIES.indexOf(a) ? b : a));
  const analyses = ANALYSES.filter((a) => findings.some((f) => f.analysis === a));
  const text = rule ? ruleTexts(rule) : id.startsWith('model-finding/') ? modelTexts(id.slice('model-finding/'.length)) : unknownTexts(id);
  // The worst severity this run saw: GitHub reads security-severity from the rule, not the result.
  const securitySeverity = SECURITY_SEVERITY[worst];
  return {
    id,
    name: pascalCase(id),
    shortDescription: { text: text.short },
    fullDescription: { text: text.full },
    help: { text: text.help, markdown: text.helpMarkdown },
    defaultConfiguration: { level: rule ? levelOfWeight(rule.weight) : 'warning' },
    properties: {
      // SARIF tags are a set: the 'security' analysis must not repeat the 'security' tag.
      tags: [...new Set(['security', rule || !id.startsWith('model-finding/') ? 'evidence-rule' : 'model-finding', ...analyses])],
      ...(securitySeverity ? { 'security-severity': securitySeverity } : {}),
    },
  };
}

interface RuleTexts {
  short: string;
  full: string;
  help: string;
  helpMarkdown: string;
}

/** GitHub shows at most 1024 characters of a description. */
const clip = (s: string) => (s.length > 1024 ? `${s.slice(0, 1023)}…` : s);

function ruleTexts(rule: Rule): RuleTexts {
  const hard = rule.hardRule ? ` Hard rule: ${rule.hardRule}` : '';
  return {
    short: clip(rule.title),
    full: clip(rule.doc),
    help: `${rule.doc}${hard}`,
    helpMarkdown: `${rule.doc}${rule.hardRule ? `\n\n**Hard rule:** ${rule.hardRule}` : ''}\n\nEvidence rule \`${rule.id}\` of connector-auditor.`,
  };
}

function modelTexts(analysis: string): RuleTexts {
  const full = `A ${analysis} finding the auditing model stated in its report, from the tool results it read. No evidence rule produced it: weigh it by the sources it cites.`;
  return { short: `Model finding (${analysis})`, full, help: full, helpMarkdown: `${full}\n\nThe sources are listed in each result's message.` };
}

/** A check this version does not list (a report written by another version, say). */
function unknownTexts(id: string): RuleTexts {
  const full = `A finding of the evidence check "${id}", which this version of connector-auditor does not describe.`;
  return { short: clip(`Evidence check ${id}`), full: clip(full), help: full, helpMarkdown: full };
}

function levelOfWeight(weight: number): Level {
  return weight >= WEIGHT.high ? 'error' : weight >= WEIGHT.medium ? 'warning' : 'note';
}

/** `known-vulnerabilities` → `KnownVulnerabilities`, `model-finding/security` → `ModelFindingSecurity`. */
export function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');
}

// ---------------------------------------------------------------------------------------------
// Results

function resultOf(f: Finding, rules: readonly RuleEntry[], anchor: string, fingerprint: string): Record<string, unknown> {
  const ruleId = ruleIdOf(f);
  const own = f.location ? repositoryPath(f.location.path) : undefined;
  const path = own ?? anchor;
  const notes = [
    `Sources: ${f.sources.map(plain).join(', ')}`,
    ...(f.location && !own ? [`The finding names ${plain(f.location.path)}, which is not a path inside the repository; it is shown on ${path}.`] : []),
    ...(!f.location ? [`The audit names no file for this finding; it is shown on ${path}.`] : []),
  ];
  const securitySeverity = SECURITY_SEVERITY[f.severity];
  return {
    ruleId,
    ruleIndex: rules.findIndex((r) => r.id === ruleId),
    level: LEVEL[f.severity],
    message: { text: `${plain(f.claim)}\n${notes.join('\n')}` },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: uriOf(path), uriBaseId: SRCROOT },
          // GitHub lists startLine as required; a finding about a whole file is shown on its first line.
          region: { startLine: own && f.location?.line ? f.location.line : 1 },
        },
      },
    ],
    partialFingerprints: {
      [FINGERPRINT_KEY]: fingerprint,
      // GitHub matches alerts across runs by this key alone and computes it from the line's text
      // when it is missing, so every finding shown on the same anchor line would become one alert;
      // ours keeps them apart and survives the line moving.
      primaryLocationLineHash: `${fingerprint.slice(0, 16)}:1`,
    },
    properties: {
      analysis: f.analysis,
      severity: f.severity,
      sources: f.sources,
      ...(f.check ? { check: f.check } : {}),
      ...(securitySeverity ? { 'security-severity': securitySeverity } : {}),
      ...(own ? {} : { anchored: true }),
    },
  };
}

/**
 * Model and tool text for a plain-text SARIF message: one line, hidden characters made visible,
 * and no embedded link (`[text](destination)`, SARIF §3.11.6, which viewers make clickable) can form.
 */
function plain(text: string): string {
  return revealInvisible(text.replace(/\s+/g, ' ').trim(), { singleLine: true }).replace(/\]\(/g, '] (');
}

// ---------------------------------------------------------------------------------------------
// The run: verdict, evidence, invocation, category

function invocationOf(outcome: AuditOutcome, meta: ReportMeta, evidence: EvidenceReport | undefined): Record<string, unknown> {
  const notifications = [
    ...(outcome.kind === 'undetermined' ? [{ level: 'error', message: { text: outcome.message }, descriptor: { id: `undetermined/${outcome.reason}` } }] : []),
    ...(evidence?.couldNotCheck ?? []).map((n) => ({
      level: 'warning',
      message: { text: `Could not check ${plain(n.what)} (${plain(n.reason)}): ${plain(n.text)}` },
      descriptor: { id: `could-not-check/${n.reason}` },
    })),
  ];
  return {
    executionSuccessful: outcome.kind === 'report',
    endTimeUtc: meta.generatedAt,
    ...(notifications.length ? { toolExecutionNotifications: notifications } : {}),
    properties: {
      model: meta.model,
      calls: meta.calls,
      ...(meta.temperature !== undefined ? { temperature: meta.temperature } : {}),
      ...(meta.seed !== undefined ? { seed: meta.seed } : {}),
    },
  };
}

function runProperties(outcome: AuditOutcome, meta: ReportMeta, evidence: EvidenceReport | undefined): Record<string, unknown> {
  const head =
    outcome.kind === 'report'
      ? { target: outcome.report.target, verdict: outcome.report.verdict, summary: outcome.report.summary }
      : { target: outcome.target, verdict: UNDETERMINED, summary: outcome.message, reason: outcome.reason };
  return {
    reportSchemaVersion: meta.schemaVersion,
    ...head,
    ...(evidence
      ? {
          evidenceVerdict: evidence.verdict,
          score: evidence.score,
          confidence: evidence.confidence,
          why: evidence.why,
          hardRules: evidence.hardRules,
          couldNotCheck: evidence.couldNotCheck,
          ...(evidence.model ? { modelVerdict: evidence.model.verdict, bound: evidence.model.bound } : {}),
        }
      : {}),
  };
}

/**
 * GitHub's analysis category (`automationDetails.id` up to its last '/'): one per kind of audit, and
 * per audited repository, package or connector, so two audits uploaded for one commit do not
 * overwrite each other. A package's version is left out, so an upgrade stays the same analysis.
 */
function category({ kind, target }: TargetInfo): string {
  const slug = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '');
  const which =
    target?.kind === 'repo'
      ? `${target.owner}-${target.repo}`
      : target?.kind === 'package'
        ? `${target.system}-${target.name}`
        : target?.kind === 'connector'
          ? target.name
          : '';
  return `connector-auditor/${kind ?? 'audit'}/${which ? `${slug(which).toLowerCase()}/` : ''}`;
}

/** The kind of audit, and the typed target when known; the evidence's kind wins over a reading of the words. */
interface TargetInfo {
  kind?: TargetKind;
  target?: AuditTarget;
}

function targetInfo(given: AuditTarget | undefined, evidence: EvidenceReport | undefined, asked: string): TargetInfo {
  if (given) return { kind: given.kind, target: given };
  const read = readTarget(asked);
  if (evidence && read?.kind !== evidence.target.kind) return { kind: evidence.target.kind };
  return { kind: read?.kind, target: read };
}

/** The target as asked, typed when it reads as one (a repository, a package, the workspace's labels). */
function readTarget(asked: string): AuditTarget | undefined {
  for (const kind of ['workspace', 'dependencies'] as const) if (asked === targetLabel({ kind })) return { kind };
  return parseAuditTarget(asked);
}

/** Semantic Versioning 2.0.0, which `semanticVersion` must follow. */
const SEMVER = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;
