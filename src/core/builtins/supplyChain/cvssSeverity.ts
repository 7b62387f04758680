/**
 * A CVSS vector of any version (2.0, 3.0, 3.1, 4.0) → its base score and rating, through
 * ae-cvss-calculator: cvss.ts computes v3 by hand, but v4 needs the specification's macro-vector
 * lookup tables, which a maintained library carries and we should not copy.
 */
import { fromVector } from 'ae-cvss-calculator';
import { ratingOf, type CvssRating } from './cvss';

export type CvssVersion = '2.0' | '3.0' | '3.1' | '4.0';

export interface ScoredVector {
  version: CvssVersion;
  score: number;
  rating: CvssRating;
  vector: string;
}

const PREFIX: Record<string, CvssVersion> = { 'CVSS:3.0': '3.0', 'CVSS:3.1': '3.1', 'CVSS:4.0': '4.0' };

/** The library scores a vector with base metrics missing as "not defined"; a vector without all of them is malformed. */
const BASE_METRICS: Record<CvssVersion, string[]> = {
  '2.0': ['AV', 'AC', 'Au', 'C', 'I', 'A'],
  '3.0': ['AV', 'AC', 'PR', 'UI', 'S', 'C', 'I', 'A'],
  '3.1': ['AV', 'AC', 'PR', 'UI', 'S', 'C', 'I', 'A'],
  '4.0': ['AV', 'AC', 'AT', 'PR', 'UI', 'VC', 'VI', 'VA', 'SC', 'SI', 'SA'],
};

/** Undefined for a malformed vector or one the library cannot score: such a record falls back to its database label. */
export function scoreVector(vector: string): ScoredVector | undefined {
  const text = vector.trim();
  const prefix = text.split('/')[0];
  // v2 vectors carry no prefix ("AV:N/AC:L/Au:N/…"); Au is v2's alone.
  const version = PREFIX[prefix] ?? (/(^|\/)Au:/.test(text) ? '2.0' : undefined);
  if (!version) return undefined;
  const given = new Set(text.split('/').map((part) => part.split(':')[0]));
  if (!BASE_METRICS[version].every((m) => given.has(m))) return undefined;
  try {
    const parsed = fromVector(text);
    const score = parsed?.calculateScores().base;
    if (typeof score !== 'number' || !Number.isFinite(score)) return undefined;
    return { version, score, rating: ratingOf(score), vector: text };
  } catch {
    return undefined;
  }
}
