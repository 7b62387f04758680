/**
 * CVSS v3 base scores from vectors. OSV gives severity only as a vector string
 * ("CVSS:3.1/AV:N/AC:L/…"), and a model reads "9.8 critical" far more reliably than it computes
 * one, so we compute it with the base-score equations of the CVSS v3.1 specification (section 7).
 * v2 and v4 vectors are passed through unscored: v4 needs the specification's lookup tables.
 */

export type CvssRating = 'none' | 'low' | 'medium' | 'high' | 'critical';

export interface CvssScore {
  score: number;
  rating: CvssRating;
}

const WEIGHTS = {
  AV: { N: 0.85, A: 0.62, L: 0.55, P: 0.2 },
  AC: { L: 0.77, H: 0.44 },
  UI: { N: 0.85, R: 0.62 },
  CIA: { H: 0.56, L: 0.22, N: 0 },
} as const;

/** Privileges Required weighs more when the scope changes. */
const PR = { U: { N: 0.85, L: 0.62, H: 0.27 }, C: { N: 0.85, L: 0.68, H: 0.5 } } as const;

/** The base score of a CVSS:3.0 or CVSS:3.1 vector, or undefined for anything else or a malformed one. */
export function cvss3BaseScore(vector: string): CvssScore | undefined {
  const parts = vector.trim().split('/');
  if (!/^CVSS:3\.[01]$/.test(parts[0] ?? '')) return undefined;
  const m = new Map<string, string>();
  for (const part of parts.slice(1)) {
    const [key, value] = part.split(':');
    if (key && value) m.set(key, value);
  }
  const av = pick(WEIGHTS.AV, m.get('AV'));
  const ac = pick(WEIGHTS.AC, m.get('AC'));
  const ui = pick(WEIGHTS.UI, m.get('UI'));
  const scope = m.get('S');
  const c = pick(WEIGHTS.CIA, m.get('C'));
  const i = pick(WEIGHTS.CIA, m.get('I'));
  const a = pick(WEIGHTS.CIA, m.get('A'));
  if (scope !== 'U' && scope !== 'C') return undefined;
  const pr = pick(PR[scope], m.get('PR'));
  if ([av, ac, ui, c, i, a, pr].some((w) => w === undefined)) return undefined;

  const iss = 1 - (1 - c!) * (1 - i!) * (1 - a!);
  const impact = scope === 'U' ? 6.42 * iss : 7.52 * (iss - 0.029) - 3.25 * Math.pow(iss - 0.02, 15);
  const exploitability = 8.22 * av! * ac! * pr! * ui!;
  const score = impact <= 0 ? 0 : roundUp(Math.min((scope === 'U' ? 1 : 1.08) * (impact + exploitability), 10));
  return { score, rating: ratingOf(score) };
}

/** The qualitative rating the specification attaches to a score. */
export function ratingOf(score: number): CvssRating {
  if (score === 0) return 'none';
  if (score < 4) return 'low';
  if (score < 7) return 'medium';
  if (score < 9) return 'high';
  return 'critical';
}

/**
 * The specification's Roundup: the smallest one-decimal number not below the input, computed on
 * integers so that floating-point noise (4.000000001) does not push a score up a tenth.
 */
function roundUp(x: number): number {
  const scaled = Math.round(x * 100_000);
  return scaled % 10_000 === 0 ? scaled / 100_000 : (Math.floor(scaled / 10_000) + 1) / 10;
}

function pick<T extends Record<string, number>>(table: T, key: string | undefined): number | undefined {
  return key !== undefined && Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}
