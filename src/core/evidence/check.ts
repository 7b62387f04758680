import type { Finding, Verdict } from '../audit/report';
import type { Signal, SignalId } from './signals';

/** The shape of a check and its result; the checks themselves are in rules.ts. */

export type TargetKind = 'repo' | 'package' | 'workspace' | 'dependencies' | 'connector';
export type CheckStatus = 'pass' | 'warn' | 'fail' | 'unknown';

/** OpenSSF Scorecard's risk weights: Critical 10, High 7.5, Medium 5, Low 2.5. */
export const WEIGHT = { critical: 10, high: 7.5, medium: 5, low: 2.5 } as const;

export interface RuleContext {
  signals: readonly Signal[];
  /** Connector/tool keys (e.g. "workspace/secrets_scan") whose result was read, findings or not. */
  ran: (tool: string) => boolean;
  /** The audited project's own licence (SPDX), when known, for the copyleft rule. */
  projectLicence?: string;
}

/** What one rule concludes. A hard outcome is a ceiling on the verdict no score or model can lift. */
export interface Outcome {
  status: CheckStatus;
  /** 0–10; null when unknown. */
  score: number | null;
  findings: Finding[];
  explanation: string;
  hard?: { ceiling: Verdict; because: string };
}

export interface Rule {
  id: string;
  title: string;
  weight: number;
  /** The signals (and so the tools) it reads, for the rules listing. */
  reads: readonly SignalId[];
  /** Target kinds where a missing result counts as missing evidence. */
  appliesTo: readonly TargetKind[];
  /** Target kinds where this check must have evidence for anything better than low confidence. */
  essentialFor?: readonly TargetKind[];
  /** The rule in one or two sentences, as README and --help list it. */
  doc: string;
  /** The hard rule it carries, if any, in words (for the listing). */
  hardRule?: string;
  evaluate(ctx: RuleContext): Outcome;
}

export function unknown(explanation: string): Outcome {
  return { status: 'unknown', score: null, findings: [], explanation };
}
