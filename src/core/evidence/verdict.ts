import type { Verdict } from '../audit/report';
import type { CheckStatus, Outcome, Rule, TargetKind } from './check';
import { thresholdsOf, type Policy } from './policy';
import { stricter } from './verdictOrder';

/**
 * From checks to one verdict, deterministically:
 * 1. the overall score is the weighted mean of the checks that have a score;
 * 2. the score picks a verdict (at least `safe` → SAFE TO ADOPT, at least `caution` → ADOPT WITH
 *    CAUTION, else AVOID);
 * 3. ceilings then only ever make it stricter: any failed check → at most ADOPT WITH CAUTION; each
 *    hard rule → its ceiling; low confidence → at most ADOPT WITH CAUTION.
 * Confidence is low when a check essential to the target kind has no evidence, else high when
 * at least three quarters of the applicable checks have evidence, else medium. Missing evidence
 * therefore lowers confidence and can only pull the verdict down.
 */

export type Confidence = 'high' | 'medium' | 'low';

export interface CheckResult extends Outcome {
  id: string;
  title: string;
  weight: number;
  applicable: boolean;
}

export interface HardCeiling {
  check: string;
  ceiling: Verdict;
  because: string;
}

export interface VerdictResult {
  verdict: Verdict;
  /** 0–10, one decimal; null when no check had evidence. */
  score: number | null;
  confidence: Confidence;
  /** Why the verdict is what it is, one line per reason, strictest first. */
  why: string[];
  ceilings: HardCeiling[];
}

const HIGH_COVERAGE = 0.75;

export function decideVerdict(
  kind: TargetKind,
  rules: readonly Rule[],
  checks: readonly CheckResult[],
  ceilings: readonly HardCeiling[],
  policy?: Policy,
): VerdictResult {
  const scored = checks.filter((c) => c.score !== null);
  const totalWeight = scored.reduce((s, c) => s + c.weight, 0);
  const score = totalWeight > 0 ? Math.round((scored.reduce((s, c) => s + c.weight * (c.score ?? 0), 0) / totalWeight) * 10) / 10 : null;
  const { safe, caution } = thresholdsOf(policy);
  const why: string[] = [];

  let verdict: Verdict;
  if (score === null) {
    verdict = 'ADOPT WITH CAUTION';
    why.push('No check had evidence: nothing supports a verdict either way.');
  } else {
    verdict = score >= safe ? 'SAFE TO ADOPT' : score >= caution ? 'ADOPT WITH CAUTION' : 'AVOID';
    why.push(`Overall score ${score}/10 (SAFE TO ADOPT from ${safe}, ADOPT WITH CAUTION from ${caution}).`);
  }

  const failed = checks.filter((c) => c.status === 'fail');
  if (failed.length) {
    verdict = stricter(verdict, 'ADOPT WITH CAUTION');
    why.push(`Failed check${failed.length === 1 ? '' : 's'}: ${failed.map((c) => c.id).join(', ')} (at most ADOPT WITH CAUTION).`);
  }
  for (const c of ceilings) {
    verdict = stricter(verdict, c.ceiling);
    why.push(`Hard rule (${c.check}): ${c.because} → at most ${c.ceiling}.`);
  }

  const { confidence, missing } = confidenceOf(kind, rules, checks);
  if (confidence === 'low') {
    verdict = stricter(verdict, 'ADOPT WITH CAUTION');
    why.push(`Low confidence: no evidence for ${missing.join(', ')} (at most ADOPT WITH CAUTION).`);
  }
  // Strictest reasons first: hard rules and failures explain the verdict better than the score.
  return { verdict, score, confidence, why: [...why.slice(1), why[0]], ceilings: [...ceilings] };
}

export function confidenceOf(kind: TargetKind, rules: readonly Rule[], checks: readonly CheckResult[]): { confidence: Confidence; missing: string[] } {
  const status = new Map<string, CheckStatus>(checks.map((c) => [c.id, c.status]));
  const missing = rules.filter((r) => r.essentialFor?.includes(kind) && status.get(r.id) === 'unknown').map((r) => r.id);
  if (missing.length) return { confidence: 'low', missing };
  const applicable = checks.filter((c) => c.applicable);
  const known = applicable.filter((c) => c.status !== 'unknown').length;
  const coverage = applicable.length ? known / applicable.length : 0;
  return { confidence: coverage >= HIGH_COVERAGE ? 'high' : coverage > 0 ? 'medium' : 'low', missing: coverage > 0 ? [] : ['every applicable check'] };
}
