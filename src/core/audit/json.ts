import type { AuditOutcome } from './outcome';
import { UNDETERMINED } from './outcome';
import type { ReportMeta } from './reportMeta';

/**
 * The JSON rendering, for scripts. Its fields only ever grow: `target`, `verdict`, `summary` and
 * `findings` (with `location` and `check` where a finding has them) are what the AuditReport always
 * carried, so a script written against the first version still reads it. Without a verdict the same
 * names hold `verdict: "UNDETERMINED"` and the reason, so a script never sees a verdict that was not
 * given. What the report says about itself (ReportMeta) comes first, and the evidence rules'
 * EvidenceReport last, each only when the caller has it.
 */
export function renderReportJson(outcome: AuditOutcome, meta?: ReportMeta): string {
  const body = {
    ...(meta ? metaFields(meta) : {}),
    ...(outcome.kind === 'report'
      ? { ...outcome.report, ...(outcome.evidence ? { evidence: outcome.evidence } : {}) }
      : {
          target: outcome.target,
          verdict: UNDETERMINED,
          summary: outcome.message,
          findings: [],
          reason: outcome.reason,
          ...(outcome.lastAnswer ? { lastAnswer: outcome.lastAnswer } : {}),
        }),
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}

/**
 * `meta.target` (the target as asked) is left out: `target` already names what was audited, and two
 * fields that may disagree would leave a script guessing which one to trust.
 */
function metaFields(meta: ReportMeta) {
  return {
    schemaVersion: meta.schemaVersion,
    generator: meta.generator,
    generatedAt: meta.generatedAt,
    model: meta.model,
    calls: meta.calls,
    ...(meta.tools ? { tools: meta.tools } : {}),
    ...(meta.temperature !== undefined ? { temperature: meta.temperature } : {}),
    ...(meta.seed !== undefined ? { seed: meta.seed } : {}),
  };
}
