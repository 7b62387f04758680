import { createHash } from 'node:crypto';

/**
 * A finding's identity across runs, for a results store (GitHub code scanning) to tell "the same
 * alert again" from "a new alert": its rule, the file it names and its claim, with the parts that
 * change while the finding stays the same taken out of the claim — version numbers, line numbers,
 * counts, dates — and advisory ids (CVE-2021-23337, GHSA-…, MAL-…) kept, since two advisories are
 * two findings. The line is not part of it, so a finding whose line moves keeps its identity.
 */

export interface FingerprintInput {
  ruleId: string;
  /** The repository path the finding itself names; '' when it names none. */
  path: string;
  claim: string;
  line?: number;
}

/**
 * One SHA-256 (hex) per input, in input order and independent of it. Inputs still alike after
 * normalising (two secrets of one kind in one file) are told apart by their order in the file:
 * the first keeps the plain key, the next ones add their rank, as GitHub's own line hashes do.
 */
export function findingFingerprints(inputs: readonly FingerprintInput[]): string[] {
  const keys = inputs.map((f) => sha256(['v1', f.ruleId, f.path, normaliseClaim(f.claim)].join('\0')));
  const groups = new Map<string, number[]>();
  keys.forEach((k, i) => groups.set(k, [...(groups.get(k) ?? []), i]));
  const out: string[] = [];
  for (const [key, members] of groups) {
    members
      .sort((a, b) => (inputs[a].line ?? 0) - (inputs[b].line ?? 0) || inputs[a].claim.localeCompare(inputs[b].claim))
      .forEach((i, rank) => (out[i] = rank === 0 ? key : sha256(`${key}\0${rank + 1}`)));
  }
  return out;
}

/** An advisory-like id: letters, then hyphenated parts one of which has a digit (cve-2021-23337, ghsa-35jh-r3h4-6jhm). Its one group makes split() keep it. */
const ADVISORY_ID = /(\b[a-z]{2,}(?:-[a-z0-9]+)*-[a-z0-9]*\d[a-z0-9]*(?:-[a-z0-9]+)*\b)/;
/** A number: a version (1.2.3, v2, 1.0.0-beta.1), a count, a date's parts, a line. */
const NUMBER = /\bv?\d+(?:[.\d]*\d)?(?:[-+][0-9a-z.]+)?/g;

/** The claim as the fingerprint reads it: lower case, numbers as '#', punctuation and spacing folded. */
export function normaliseClaim(claim: string): string {
  return claim
    .normalize('NFKC')
    .toLowerCase()
    .split(ADVISORY_ID)
    .map((piece, i) => (i % 2 ? piece : piece.replace(NUMBER, '#')))
    .join('')
    .replace(/[\s\p{P}\p{S}]+/gu, (m) => (m.includes('#') ? '#' : ' '))
    .trim();
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
