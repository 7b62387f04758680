import { z } from 'zod';
import { VERDICTS, type AuditReport, type Finding } from '../audit/report';
import { boundVerdict } from './bound';
import type { EngineResult } from './engine';

/**
 * The engine's result in the report model's terms: an AuditReport (what every renderer already
 * draws) and an EvidenceReport beside it with what the AuditReport has no room for — each check
 * and its score, confidence, the hard rules that fired, the model's verdict and the bound, and
 * what could not be checked.
 */

const VERDICT = z.enum(VERDICTS);

/** Validated wherever it crosses a boundary (the chat's saved items, the webview). */
export const evidenceReportSchema = z.object({
  target: z.object({ kind: z.enum(['repo', 'package', 'workspace', 'dependencies', 'connector']), id: z.string() }),
  verdict: VERDICT,
  score: z.number().nullable(),
  confidence: z.enum(['high', 'medium', 'low']),
  why: z.array(z.string()),
  checks: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      weight: z.number(),
      status: z.enum(['pass', 'warn', 'fail', 'unknown']),
      score: z.number().nullable(),
      explanation: z.string(),
    }),
  ),
  hardRules: z.array(z.object({ check: z.string(), ceiling: VERDICT, because: z.string() })),
  /** Tool failures, rate limits, missing keys, held tools, unreadable results, and applicable checks with no evidence. */
  couldNotCheck: z.array(z.object({ what: z.string(), reason: z.string(), text: z.string() })),
  /** Present when a model submitted a report: its verdict and how the evidence bounded it. */
  model: z.object({ verdict: VERDICT, bound: z.object({ verdict: VERDICT, overridden: z.boolean(), why: z.string() }) }).optional(),
});

export type EvidenceReport = z.infer<typeof evidenceReportSchema>;

export interface Reports {
  report: AuditReport;
  evidence: EvidenceReport;
}

export function toReports(result: EngineResult, modelReport?: AuditReport): Reports {
  const engineFindings = result.checks.flatMap((c) => c.findings.map((f) => ({ ...f, check: c.id })));
  const bound = modelReport
    ? boundVerdict(
        modelReport.verdict,
        result.verdict,
        result.ceilings.map((c) => c.because),
      )
    : undefined;
  const evidence: EvidenceReport = {
    target: result.target,
    verdict: result.verdict,
    score: result.score,
    confidence: result.confidence,
    why: result.why,
    checks: result.checks.map(({ id, title, weight, status, score, explanation }) => ({ id, title, weight, status, score, explanation })),
    hardRules: result.ceilings,
    couldNotCheck: couldNotCheck(result),
    ...(modelReport && bound ? { model: { verdict: modelReport.verdict, bound } } : {}),
  };
  // The verdict, score and confidence are shown beside the summary (card, Markdown, JSON): the summary says why.
  const engineSummary = result.why.join(' ');
  const report: AuditReport = modelReport
    ? {
        target: modelReport.target,
        verdict: bound!.verdict,
        summary: bound!.overridden ? `${modelReport.summary}\n\n${bound!.why}` : modelReport.summary,
        findings: dedupe([...modelReport.findings, ...engineFindings]),
      }
    : { target: result.target.id, verdict: result.verdict, summary: engineSummary, findings: dedupe(engineFindings) };
  return { report, evidence };
}

function couldNotCheck(result: EngineResult): EvidenceReport['couldNotCheck'] {
  // Another connector's output is not missing evidence, just not the engine's to weigh.
  const fromNotes = result.notes
    .filter((n) => n.reason !== 'untrusted-connector')
    .map((n) => ({ what: `${n.tool} (call ${n.callId})`, reason: n.reason, text: n.text }));
  const missing = result.checks
    .filter((c) => c.applicable && c.status === 'unknown')
    .map((c) => ({ what: c.title, reason: 'no-evidence' as const, text: c.explanation }));
  return [...fromNotes, ...missing];
}

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = f.claim.trim().toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
