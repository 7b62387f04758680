import { damerauLevenshtein } from './damerau';
import { POPULAR_NPM, POPULAR_PYPI } from './popularNames';

/**
 * Look-alike names (research/supply-chain-signals.md §5): normalise the name the way the registry
 * does, skip names that are themselves popular (popular packages never flag each other), skip
 * names under 4 or over 35 characters, then flag Damerau distance 1 — or 2 when both names
 * have at least 5 characters — to a popular name. Similarity alone is weak evidence: the rule
 * weighs it as a warning, not a verdict.
 */

export interface LookAlike {
  similarTo: string;
  distance: number;
}

const MIN_LENGTH = 4;
const MAX_LENGTH = 35;

/** npm: lowercase, punctuation stripped (the moniker rule); PyPI: PEP 503 (runs of -_. are one -). */
export function normaliseName(name: string, ecosystem: string): string {
  const lower = name.trim().toLowerCase();
  return ecosystem === 'pypi' ? lower.replace(/[-_.]+/g, '-') : lower.replace(/[-_.]/g, '');
}

function popularFor(ecosystem: string): readonly string[] | undefined {
  if (ecosystem === 'npm') return POPULAR_NPM;
  if (ecosystem === 'pypi') return POPULAR_PYPI;
  return undefined;
}

/** The popular name this one imitates, if any; scoped npm names are compared by their bare part only when the scope is absent. */
export function lookAlike(name: string, ecosystem: string, popular: readonly string[] | undefined = popularFor(ecosystem)): LookAlike | undefined {
  if (!popular || name.startsWith('@')) return undefined;
  const own = normaliseName(name, ecosystem);
  if (own.length < MIN_LENGTH || own.length > MAX_LENGTH) return undefined;
  const normalised = popular.map((p) => ({ p, n: normaliseName(p, ecosystem) }));
  if (normalised.some(({ n }) => n === own)) return undefined;
  let best: LookAlike | undefined;
  for (const { p, n } of normalised) {
    const limit = own.length >= 5 && n.length >= 5 ? 2 : 1;
    const d = damerauLevenshtein(own, n, limit);
    if (d <= limit && (!best || d < best.distance)) best = { similarTo: p, distance: d };
  }
  return best;
}
