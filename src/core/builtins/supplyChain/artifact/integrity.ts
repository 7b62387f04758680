/**
 * Checks downloaded bytes against what the registry promised before a single byte is read as
 * an archive: npm's Subresource Integrity string (`sha512-<base64>`, several allowed, the
 * strongest wins) or its legacy SHA-1 `shasum`, and PyPI's sha256 digest.
 */
import { createHash } from 'node:crypto';

export interface IntegrityResult {
  /** true: matched; false: mismatch; null: nothing to check against. */
  verified: boolean | null;
  algorithm?: string;
  expected?: string;
  actual?: string;
}

const STRENGTH: Record<string, number> = { sha512: 3, sha384: 2, sha256: 1 };

/** Verifies an SRI string (`sha512-… sha1-…`); the strongest algorithm present decides. Falls back to a hex SHA-1 shasum. */
export function verifyNpmIntegrity(bytes: Buffer, integrity: string | undefined, shasum: string | undefined): IntegrityResult {
  const parsed = (integrity ?? '')
    .trim()
    .split(/\s+/)
    .map((token) => /^(sha512|sha384|sha256)-([A-Za-z0-9+/=]+)(\?.*)?$/.exec(token))
    .filter((m): m is RegExpExecArray => m !== null)
    .sort((a, b) => STRENGTH[b[1]] - STRENGTH[a[1]]);
  const best = parsed[0];
  if (best) {
    const algorithm = best[1];
    const actual = createHash(algorithm).update(bytes).digest('base64');
    // Every hash of the strongest algorithm is an accepted value (SRI allows several).
    const accepted = parsed.filter((m) => m[1] === algorithm).map((m) => m[2]);
    return { verified: accepted.includes(actual), algorithm, expected: best[2], actual };
  }
  if (shasum && /^[0-9a-f]{40}$/i.test(shasum.trim())) return verifyHex(bytes, 'sha1', shasum);
  return { verified: null };
}

export function verifyHex(bytes: Buffer, algorithm: 'sha1' | 'sha256', expectedHex: string | undefined): IntegrityResult {
  if (!expectedHex) return { verified: null };
  const actual = createHash(algorithm).update(bytes).digest('hex');
  return { verified: actual === expectedHex.trim().toLowerCase(), algorithm, expected: expectedHex.trim().toLowerCase(), actual };
}

/** The SRI string of some bytes (sha512), as npm publishes it: for the test fakes and for reports. */
export function sriOf(bytes: Buffer): string {
  return `sha512-${createHash('sha512').update(bytes).digest('base64')}`;
}
