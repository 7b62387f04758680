import { z } from 'zod';

/**
 * The structured outcome of an audit, as the model submits it through `submit_audit_report`.
 * Strict on purpose: a report is the product, so an unknown field or a finding without a source
 * is sent back to the model to fix rather than silently dropped.
 */

export const VERDICTS = ['SAFE TO ADOPT', 'ADOPT WITH CAUTION', 'AVOID'] as const;
export const ANALYSES = ['security', 'maintenance', 'quality'] as const;
/** Ordered from least to most severe; rendering sorts by this order. */
export const SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'] as const;

export type Verdict = (typeof VERDICTS)[number];
export type Analysis = (typeof ANALYSES)[number];
export type Severity = (typeof SEVERITIES)[number];

const locationSchema = z.strictObject({
  path: z.string().trim().min(1),
  line: z.number().int().min(1).optional(),
});

export const findingSchema = z.strictObject({
  analysis: z.enum(ANALYSES).describe('security; maintenance (and community health); quality (code quality and licence)'),
  severity: z.enum(SEVERITIES),
  claim: z.string().trim().min(1).describe('One factual statement, in your own words.'),
  sources: z
    .array(z.string().trim().min(1))
    .min(1)
    .describe('Where the claim comes from: a URL, or the tool result it rests on (e.g. "tool github__get_repo").'),
  location: locationSchema.optional().describe('Only for a finding in the open workspace: the file as the workspace tools show its path, and the line.'),
});

export const auditReportSchema = z.strictObject({
  target: z.string().trim().min(1).describe('The repository or library audited, as given.'),
  verdict: z.enum(VERDICTS),
  summary: z.string().trim().min(1).describe('Why this verdict, in a few sentences.'),
  findings: z.array(findingSchema),
});

/**
 * A report as it is stored and shown: a finding may also name the evidence check that produced it
 * (evidence/rules.ts), which the model's schema above does not offer.
 */
export const storedReportSchema = auditReportSchema.extend({
  findings: z.array(findingSchema.extend({ check: z.string().optional() })),
});

export type FileLocation = z.infer<typeof locationSchema>;
export type Finding = z.infer<typeof storedReportSchema>['findings'][number];
export type AuditReport = z.infer<typeof storedReportSchema>;

/**
 * The report's JSON Schema, for the submit tool's parameters. `$schema` is dropped because some
 * providers reject unknown top-level keywords in tool parameters.
 */
export function auditReportJsonSchema(): Record<string, unknown> {
  const { $schema: _ignored, ...schema } = z.toJSONSchema(auditReportSchema) as Record<string, unknown>;
  return schema;
}

export type ReportParse = { ok: true; report: AuditReport } | { ok: false; problems: string[] };

/** Validates a candidate report; each problem names its field (`findings[0].severity: …`). */
export function parseAuditReport(value: unknown): ReportParse {
  const result = auditReportSchema.safeParse(value);
  if (result.success) return { ok: true, report: result.data };
  return { ok: false, problems: result.error.issues.map((issue) => `${fieldPath(issue.path)}: ${issue.message}`) };
}

function fieldPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(the report object)';
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('');
}
