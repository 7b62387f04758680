/**
 * Whether code is written to be read: very long lines (minified), javascript-obfuscator's
 * `_0x1a2b` names, and long high-entropy string literals (an encoded payload). Minified code is
 * normal in a published bundle, so it is only reported where it matters: entry points and the
 * files install scripts run.
 */

export interface CodeShape {
  lines: number;
  longestLine: number;
  /** javascript-obfuscator style identifiers (_0xabc123). */
  hexNames: number;
  /** String literals of 200+ characters whose Shannon entropy is above 5 bits per character (base64, packed payloads). */
  encodedBlobs: number;
  minified: boolean;
  obfuscated: boolean;
}

const LONG_LINE = 1_000;
const BLOB_MIN = 200;
const BLOB_ENTROPY = 5;

export function codeShape(text: string): CodeShape {
  const lines = text.split('\n');
  const longestLine = lines.reduce((m, l) => Math.max(m, l.length), 0);
  const hexNames = (text.match(/\b_0x[0-9a-f]{4,6}\b/gi) ?? []).length;
  let encodedBlobs = 0;
  for (const m of text.matchAll(/(["'`])((?:\\.|(?!\1)[^\\\n]){200,})\1/g)) if (m[2].length >= BLOB_MIN && entropy(m[2]) > BLOB_ENTROPY) encodedBlobs++;
  const average = text.length / Math.max(1, lines.length);
  const minified = longestLine > LONG_LINE && (average > 200 || lines.length < 5);
  return { lines: lines.length, longestLine, hexNames, encodedBlobs, minified, obfuscated: hexNames >= 10 || encodedBlobs > 0 };
}

/** Shannon entropy in bits per character. */
export function entropy(s: string): number {
  const counts = new Map<string, number>();
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}
