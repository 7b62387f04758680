import type { TargetKind } from './check';
import { deriveSignals } from './derived';
import { extractAll } from './extract';
import { extractConnector } from './extractors/connector';
import { tightenedStatus, weightOf, type Policy } from './policy';
import { evaluateRule, RULES } from './rules';
import type { EvidenceNote, Signal } from './signals';
import { decideVerdict, type CheckResult, type HardCeiling, type VerdictResult } from './verdict';

/**
 * The evidence engine: tool results in, a verdict out, with no model and no I/O. The same input
 * gives the same output (the clock is an input), so a report can be re-derived from a transcript.
 */

export interface EngineInput {
  target: { kind: TargetKind; id: string };
  /** The run's tool results: {callId, connector, tool, args, result, sources?} (see evidence.ts). */
  evidence: readonly unknown[];
  /** Connector tool lists with their description flags and pin states (see extractors/connector.ts). */
  connectors?: readonly unknown[];
  /** Notes the run adds itself: tools held by pinning, denied calls, budget cuts. */
  notes?: readonly EvidenceNote[];
  /** The audited project's own licence (SPDX), for the copyleft rule. */
  projectLicence?: string;
  policy?: Policy;
  /** Milliseconds since the epoch; defaults to now. */
  now?: number;
}

export interface EngineResult extends VerdictResult {
  target: { kind: TargetKind; id: string };
  checks: CheckResult[];
  signals: Signal[];
  notes: EvidenceNote[];
}

export function runEngine(input: EngineInput): EngineResult {
  const now = input.now ?? Date.now();
  const extracted = extractAll(input.evidence, now);
  const signals = [...extracted.signals];
  const notes = [...extracted.notes, ...(input.notes ?? [])];
  for (const c of input.connectors ?? []) {
    const one = extractConnector(c);
    signals.push(...one.signals);
    notes.push(...one.notes);
  }
  signals.push(...deriveSignals(signals));

  const ran = new Set(extractedTools(input.evidence, extracted.notes));
  const ctx = { signals, ran: (tool: string) => ran.has(tool), ...(input.projectLicence ? { projectLicence: input.projectLicence } : {}) };
  const ceilings: HardCeiling[] = [];
  const checks: CheckResult[] = RULES.map((rule) => {
    const outcome = evaluateRule(rule, ctx);
    const status = tightenedStatus(input.policy, rule.id, outcome.status);
    const tightened = status !== outcome.status;
    if (outcome.hard) ceilings.push({ check: rule.id, ...outcome.hard });
    return {
      ...outcome,
      id: rule.id,
      title: rule.title,
      weight: weightOf(input.policy, rule.id, rule.weight),
      applicable: rule.appliesTo.includes(input.target.kind),
      status,
      ...(tightened ? { score: 0, explanation: `${outcome.explanation} (${outcome.status} counts as fail under the organisation's policy)` } : {}),
    };
  });
  for (const added of input.policy?.hardRules?.add ?? []) {
    const check = checks.find((c) => c.id === added.check);
    if (check && atLeast(check.status, added.when))
      ceilings.push({ check: added.check, ceiling: added.ceiling, because: `the organisation's policy caps a ${added.when} ${added.check}` });
  }
  const verdict = decideVerdict(input.target.kind, RULES, checks, ceilings, input.policy);
  return { ...verdict, target: input.target, checks, signals, notes };
}

/** 'fail' is worse than 'warn'; 'unknown' matches only itself. */
function atLeast(status: string, when: 'warn' | 'fail' | 'unknown'): boolean {
  if (when === 'unknown') return status === 'unknown';
  if (when === 'warn') return status === 'warn' || status === 'fail';
  return status === 'fail';
}

/** Tools whose result was read without a note: they ran, so finding nothing there is a pass, not a gap. */
function extractedTools(evidence: readonly unknown[], notes: readonly EvidenceNote[]): string[] {
  const failed = new Set(notes.map((n) => n.callId));
  return evidence.flatMap((e) => {
    if (!e || typeof e !== 'object') return [];
    const { callId, connector, tool } = e as Record<string, unknown>;
    return typeof callId === 'string' && typeof connector === 'string' && typeof tool === 'string' && !failed.has(callId) ? [`${connector}/${tool}`] : [];
  });
}
