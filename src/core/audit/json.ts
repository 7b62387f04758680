import type { AuditOutcome } from './outcome';
import { UNDETERMINED } from './outcome';

/**
 * The JSON rendering. For a report it is the AuditReport itself (what the model submitted, after
 * validation). Without a verdict it keeps the same field names with `verdict: "UNDETERMINED"`
 * and the reason, so scripts read one shape and never see a verdict that was not given.
 */
export function renderReportJson(outcome: AuditOutcome): string {
  if (outcome.kind === 'report') return `${JSON.stringify(outcome.report, null, 2)}\n`;
  const body = {
    target: outcome.target,
    verdict: UNDETERMINED,
    summary: outcome.message,
    findings: [],
    reason: outcome.reason,
    ...(outcome.lastAnswer ? { lastAnswer: outcome.lastAnswer } : {}),
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}
