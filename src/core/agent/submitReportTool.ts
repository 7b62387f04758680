import { auditReportJsonSchema, parseAuditReport, type AuditReport } from '../audit/report';
import type { ModelTool } from './modelClient';

/**
 * The auditor's internal tool. Not a connector tool: it never reaches a server and never asks
 * for confirmation; calling it with a valid report is how a run ends with a verdict. Tool
 * calling gives the report a schema the provider enforces, which parsing prose cannot.
 */

export const SUBMIT_REPORT_TOOL = 'submit_audit_report';

export function submitReportTool(): ModelTool {
  return {
    name: SUBMIT_REPORT_TOOL,
    description:
      'Submit the finished audit. Call it exactly once, at the end, with the verdict ("SAFE TO ADOPT", ' +
      '"ADOPT WITH CAUTION" or "AVOID"), a short summary and every finding with its sources. The run ends when it is accepted.',
    parameters: auditReportJsonSchema(),
  };
}

export type SubmitOutcome = { ok: true; report: AuditReport } | { ok: false; message: string };

/** Checks the model's raw arguments; the failure message names each bad field so the model can fix them. */
export function checkSubmission(rawArguments: string): SubmitOutcome {
  let value: unknown;
  try {
    value = JSON.parse(rawArguments || '{}');
  } catch (err) {
    return {
      ok: false,
      message: `Error: the arguments of ${SUBMIT_REPORT_TOOL} are not valid JSON (${(err as Error).message}). Call it again with a JSON object.`,
    };
  }
  const parsed = parseAuditReport(value);
  if (parsed.ok) return parsed;
  return {
    ok: false,
    message: `Error: the report was not accepted. Fix these fields and call ${SUBMIT_REPORT_TOOL} again:\n${parsed.problems.map((p) => `- ${p}`).join('\n')}`,
  };
}
