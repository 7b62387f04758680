import type { EvidenceReport } from '../evidence/evidenceReport';
import type { AuditReport, Verdict } from './report';

/**
 * What an audit run produced: a report, or the plain statement that there is no verdict and why.
 * An undetermined outcome is never dressed up as one of the three verdicts, so a pipeline that
 * gates on the verdict cannot mistake a failed run for a pass.
 */

export type UndeterminedReason = 'no-verdict' | 'step-limit' | 'cancelled' | 'error';

export type AuditOutcome =
  /** `evidence`: what the rules found, and how they bounded the model's verdict (absent when the target was not one the rules know). */
  | { kind: 'report'; report: AuditReport; evidence?: EvidenceReport }
  | {
      kind: 'undetermined';
      target: string;
      reason: UndeterminedReason;
      /** One sentence for a person: why there is no verdict. */
      message: string;
      /** The model's last text answer, shown as context (it is not a verdict). */
      lastAnswer?: string;
    };

export const UNDETERMINED = 'UNDETERMINED';
export type VerdictLabel = Verdict | typeof UNDETERMINED;

export function verdictOf(outcome: AuditOutcome): VerdictLabel {
  return outcome.kind === 'report' ? outcome.report.verdict : UNDETERMINED;
}

export function targetOf(outcome: AuditOutcome): string {
  return outcome.kind === 'report' ? outcome.report.target : outcome.target;
}

const REASON_WORDS: Record<UndeterminedReason, string> = {
  'no-verdict': 'the model finished without submitting a report, even after a reminder',
  'step-limit': 'the run reached its step limit before the model submitted a report',
  cancelled: 'the run was cancelled',
  error: 'the run stopped on an error',
};

export function undetermined(target: string, reason: UndeterminedReason, detail?: string, lastAnswer?: string): AuditOutcome {
  const message = detail ? `The verdict is undetermined: ${REASON_WORDS[reason]} (${detail}).` : `The verdict is undetermined: ${REASON_WORDS[reason]}.`;
  return { kind: 'undetermined', target, reason, message, lastAnswer };
}
