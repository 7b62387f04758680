import { VERDICTS, type Verdict } from '../audit/report';

/** Verdicts from most to least favourable: SAFE TO ADOPT < ADOPT WITH CAUTION < AVOID. */
export function strictness(v: Verdict): number {
  return VERDICTS.indexOf(v);
}

export function stricter(a: Verdict, b: Verdict): Verdict {
  return strictness(a) >= strictness(b) ? a : b;
}
