import type { Evidence } from '../evidence/evidence';
import { runEngine } from '../evidence/engine';
import { toReports, type EvidenceReport } from '../evidence/evidenceReport';
import type { ConnectorEvidence } from '../evidence/extractors/connector';
import type { Policy } from '../evidence/policy';
import type { EvidenceNote } from '../evidence/signals';
import { citableFrom, unmatchedCitations, type UnmatchedCitation } from './citations';
import type { AuditReport } from './report';
import { engineKind, parseAuditTarget, targetLabel, type AuditTarget } from './target';

/**
 * Where a submitted report meets the evidence: the rules' verdict bounds the model's, findings of
 * the rules join the model's, citations are checked, and a report about another target than the
 * one asked is sent back. One function for every backend (a model, Studio, or none at all).
 */

export interface AuditSpec {
  target: AuditTarget;
  /** The audited connector's tools with their flags and pin states (connector audits). */
  connectors?: readonly ConnectorEvidence[];
  /** The organisation's tightening of the rules (private registry file only). */
  policy?: Policy;
  /** What the run knows it could not do (an untrusted workspace, a connector that is not attached). */
  notes?: readonly EvidenceNote[];
}

export type Judgement =
  | { kind: 'accepted'; report: AuditReport; evidence?: EvidenceReport; unmatched: UnmatchedCitation[] }
  /** Sent back to the model once, with the reason; a second submission is judged as it is. */
  | { kind: 'sendBack'; reason: string };

export interface JudgeInput {
  spec?: AuditSpec;
  evidence: readonly Evidence[];
  /** The submitted report; undefined for a report of the rules alone. */
  report?: AuditReport;
  /** Whether this run already sent a report back (one chance to fix citations; a wrong target is refused every time). */
  sentBack: boolean;
  now?: number;
}

export function judge(input: JudgeInput): Judgement {
  const { spec, evidence, report, sentBack } = input;
  const target = spec?.target ?? (report ? parseAuditTarget(report.target) : undefined);

  // A report about another target is never accepted as this one's, however often it comes back.
  if (report && spec) {
    const other = otherTarget(spec.target, report.target);
    if (other)
      return {
        kind: 'sendBack',
        reason: `The report is about ${other}, but the audit asked for ${targetLabel(spec.target)}. Submit the report for ${targetLabel(spec.target)} (its target must name it).`,
      };
  }
  const unmatched = report ? unmatchedCitations(report, citableFrom(evidence)) : [];
  if (report && unmatched.length && !sentBack) {
    const list = unmatched
      .slice(0, 10)
      .map((u) => `findings[${u.finding}]: "${u.source}"`)
      .join('; ');
    return {
      kind: 'sendBack',
      reason: `These sources were not returned by any tool in this run: ${list}. Cite only URLs, advisory ids, file:line locations or tools (e.g. "tool github__get_repository") from this run's results; drop or re-verify the others, then submit again.`,
    };
  }
  if (!target) {
    if (!report) throw new Error('judge: no target and no report');
    return { kind: 'accepted', report: markUnmatched(report, unmatched), unmatched };
  }
  const result = runEngine({
    target: { kind: engineKind(target), id: targetLabel(target) },
    evidence,
    ...(spec?.connectors ? { connectors: spec.connectors } : {}),
    ...(spec?.notes ? { notes: spec.notes } : {}),
    ...(spec?.policy ? { policy: spec.policy } : {}),
    ...(input.now !== undefined ? { now: input.now } : {}),
  });
  const reports = toReports(result, report ? markUnmatched(report, unmatched) : undefined);
  return { kind: 'accepted', report: reports.report, evidence: reports.evidence, unmatched };
}

/** A report target that clearly names another repository or package than the one asked about. */
function otherTarget(asked: AuditTarget, reported: string): string | undefined {
  if (asked.kind !== 'repo' && asked.kind !== 'package') return undefined;
  const said = parseAuditTarget(reported);
  if (!said || said.kind !== asked.kind) return undefined;
  if (said.kind === 'repo' && asked.kind === 'repo')
    return said.owner.toLowerCase() === asked.owner.toLowerCase() && said.repo.toLowerCase() === asked.repo.toLowerCase() ? undefined : targetLabel(said);
  if (said.kind === 'package' && asked.kind === 'package') {
    // A bare name in the report says nothing about the ecosystem; a prefixed one that differs does.
    const sameSystem = said.assumedSystem || asked.assumedSystem || said.system === asked.system;
    const sameName = packageName(said.name) === packageName(asked.name);
    const sameVersion = !said.version || !asked.version || version(said.version) === version(asked.version);
    return sameSystem && sameName && sameVersion ? undefined : targetLabel(said);
  }
  return undefined;
}

/** PEP 503's normal form (also harmless for npm names, which are lower-case already). */
function packageName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

function version(v: string): string {
  return v.trim().replace(/^v(?=\d)/i, '');
}

function markUnmatched(report: AuditReport, unmatched: readonly UnmatchedCitation[]): AuditReport {
  if (!unmatched.length) return report;
  return {
    ...report,
    findings: report.findings.map((f, i) => {
      const bad = new Set(unmatched.filter((u) => u.finding === i).map((u) => u.source));
      return bad.size ? { ...f, sources: f.sources.map((s) => (bad.has(s) ? `${s} (not returned by any tool)` : s)) } : f;
    }),
  };
}
