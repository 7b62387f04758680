import type { Verdict } from '../audit/report';
import { stricter, strictness } from './verdictOrder';

/**
 * The evidence verdict as a bound on the model's: a model may be stricter than the evidence (it
 * read something the rules do not weigh), never more favourable. When it is, the evidence verdict
 * stands and `why` says so, for the report to show both.
 */

export interface BoundVerdict {
  verdict: Verdict;
  overridden: boolean;
  why: string;
}

export function boundVerdict(modelVerdict: Verdict, evidenceVerdict: Verdict, reasons: readonly string[] = []): BoundVerdict {
  if (strictness(modelVerdict) >= strictness(evidenceVerdict)) {
    const why =
      modelVerdict === evidenceVerdict
        ? `The model's verdict (${modelVerdict}) agrees with the evidence.`
        : `The model's verdict (${modelVerdict}) is stricter than the evidence (${evidenceVerdict}); the stricter stands.`;
    return { verdict: modelVerdict, overridden: false, why };
  }
  const because = reasons.length ? ` because ${reasons.join('; ')}` : '';
  return {
    verdict: stricter(modelVerdict, evidenceVerdict),
    overridden: true,
    why: `The model said ${modelVerdict}, but the evidence allows at most ${evidenceVerdict}${because}; the evidence verdict stands.`,
  };
}
