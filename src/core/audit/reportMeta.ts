import type { CallCounts } from '../agent/agentEvents';

/**
 * What a report says about itself, in every format (JSON, Markdown, SARIF): which schema, which
 * product and version made it, when, with which model (or the rules alone), about what, and how
 * many tool calls it rests on. A report read months later must still say what it is.
 */

/** Bumped when the JSON report's shape changes in a way a script would notice. */
export const REPORT_SCHEMA_VERSION = 1;

export interface ReportMeta {
  schemaVersion: typeof REPORT_SCHEMA_VERSION;
  generator: { name: 'connector-auditor'; version: string };
  /** ISO 8601. */
  generatedAt: string;
  /** "mistral/mistral-large-latest", "openai/gpt-4.1", "evidence rules (no model)". */
  model: string;
  /** The target as asked (before the model names it). */
  target: string;
  calls: CallCounts;
  /** The tools the audit was offered (write tools only when the person allowed them). */
  tools?: string[];
  /** Sampling settings the run asked for, where the provider supports them. */
  temperature?: number;
  seed?: number;
}

export function reportMeta(input: {
  version: string;
  model: string;
  target: string;
  calls: CallCounts;
  tools?: readonly string[];
  now?: Date;
  temperature?: number;
  seed?: number;
}): ReportMeta {
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    generator: { name: 'connector-auditor', version: input.version },
    generatedAt: (input.now ?? new Date()).toISOString(),
    model: input.model,
    target: input.target,
    calls: { ...input.calls },
    ...(input.tools ? { tools: [...input.tools] } : {}),
    ...(input.temperature !== undefined ? { temperature: input.temperature } : {}),
    ...(input.seed !== undefined ? { seed: input.seed } : {}),
  };
}
