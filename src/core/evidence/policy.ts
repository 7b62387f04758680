import { z } from 'zod';
import { VERDICTS } from '../audit/report';
import type { CheckStatus } from './check';
import { RULES } from './rules';

/**
 * An organisation's policy over the rules: it may make them stricter — a warning that fails, a
 * missing check that fails, more weight on a check, higher score thresholds, more hard rules —
 * and nothing else. Removing or weakening a hard rule, lowering a weight or a threshold is
 * refused with a message naming what was asked, so a policy file can never quietly loosen an
 * audit. The merger reads it from the private registry file only (never from a workspace file).
 */

export const DEFAULT_THRESHOLDS = { safe: 7.5, caution: 4 } as const;

/** Check ids are checked by hand (unknownChecks): zod reports a bad record key only as "Invalid key". */
const checkId = z.string();

const addedHardRule = z.strictObject({
  check: checkId,
  /** The check at this status (or worse) triggers the ceiling. */
  when: z.enum(['warn', 'fail', 'unknown']),
  ceiling: z.enum([VERDICTS[1], VERDICTS[2]]),
});

export const policySchema = z.strictObject({
  /** Check id → statuses that count as fail for it (e.g. {"install-scripts": ["warn"]}). */
  failOn: z.record(checkId, z.array(z.enum(['warn', 'unknown'])).min(1)).optional(),
  /** Check id → weight, at least the rule's own. */
  weights: z.record(checkId, z.number().finite().min(0).max(100)).optional(),
  /** Overall score needed for SAFE TO ADOPT and ADOPT WITH CAUTION, at least the defaults. */
  thresholds: z.strictObject({ safe: z.number().min(0).max(10).optional(), caution: z.number().min(0).max(10).optional() }).optional(),
  hardRules: z.strictObject({ add: z.array(addedHardRule).default([]) }).optional(),
});

export type Policy = z.infer<typeof policySchema>;
export type AddedHardRule = z.infer<typeof addedHardRule>;

export type PolicyParse = { ok: true; policy: Policy } | { ok: false; problems: string[] };

const LOOSENING_KEYS = ['remove', 'disable', 'drop', 'override', 'replace'];

export function parsePolicy(value: unknown): PolicyParse {
  const problems = looseningProblems(value);
  if (problems.length) return { ok: false, problems };
  const parsed = policySchema.safeParse(value ?? {});
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map((i) => `${i.path.map(String).join('.') || '(policy)'}: ${i.message}`) };
  const weaker = [...unknownChecks(parsed.data), ...weakerThanRules(parsed.data)];
  return weaker.length ? { ok: false, problems: weaker } : { ok: true, policy: parsed.data };
}

/** Checked before the schema, so an attempt to loosen gets this message rather than "unrecognised key". */
function looseningProblems(value: unknown): string[] {
  if (!value || typeof value !== 'object') return [];
  const hard = (value as Record<string, unknown>)['hardRules'];
  if (!hard || typeof hard !== 'object') return [];
  return Object.keys(hard)
    .filter((k) => LOOSENING_KEYS.includes(k))
    .map((k) => `hardRules.${k}: the hard rules cannot be loosened by a policy; a policy may only add hard rules (hardRules.add).`);
}

function unknownChecks(policy: Policy): string[] {
  const named = [
    ...Object.keys(policy.failOn ?? {}).map((id) => ['failOn', id]),
    ...Object.keys(policy.weights ?? {}).map((id) => ['weights', id]),
    ...(policy.hardRules?.add ?? []).map((h, i) => [`hardRules.add.${i}.check`, h.check]),
  ];
  return named.filter(([, id]) => !RULES.some((r) => r.id === id)).map(([where, id]) => `${where}: "${id}" is not a check (see describeRules()).`);
}

function weakerThanRules(policy: Policy): string[] {
  const problems: string[] = [];
  for (const [id, weight] of Object.entries(policy.weights ?? {})) {
    const rule = RULES.find((r) => r.id === id);
    if (!rule) continue;
    if (weight < rule.weight) problems.push(`weights.${id}: ${weight} is below the rule's weight ${rule.weight}; a policy may raise weights, not lower them.`);
  }
  const t = policy.thresholds;
  if (t?.safe !== undefined && t.safe < DEFAULT_THRESHOLDS.safe)
    problems.push(`thresholds.safe: ${t.safe} is below ${DEFAULT_THRESHOLDS.safe}; a policy may raise thresholds, not lower them.`);
  if (t?.caution !== undefined && t.caution < DEFAULT_THRESHOLDS.caution)
    problems.push(`thresholds.caution: ${t.caution} is below ${DEFAULT_THRESHOLDS.caution}; a policy may raise thresholds, not lower them.`);
  return problems;
}

/** The status a check ends with under the policy: a listed status becomes fail. */
export function tightenedStatus(policy: Policy | undefined, id: string, status: CheckStatus): CheckStatus {
  const listed = policy?.failOn?.[id];
  return listed && status !== 'pass' && status !== 'fail' && listed.includes(status) ? 'fail' : status;
}

export function weightOf(policy: Policy | undefined, id: string, base: number): number {
  return Math.max(base, policy?.weights?.[id] ?? base);
}

export function thresholdsOf(policy: Policy | undefined): { safe: number; caution: number } {
  return {
    safe: Math.max(DEFAULT_THRESHOLDS.safe, policy?.thresholds?.safe ?? 0),
    caution: Math.max(DEFAULT_THRESHOLDS.caution, policy?.thresholds?.caution ?? 0),
  };
}
