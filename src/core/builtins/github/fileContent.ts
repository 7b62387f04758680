/**
 * File contents from GitHub's contents API (base64), decoded only when they are text and small
 * enough to be worth a model's context: a binary's bytes or a 5 MB data file tell an auditor
 * nothing, the fact that they are there does.
 */

export const MAX_FILE_BYTES = 200 * 1024;

export type DecodedFile = { kind: 'text'; text: string } | { kind: 'binary'; reason: string } | { kind: 'too-large'; size: number };

/** "5.0 MB", "312 KB", "87 bytes". */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

/**
 * Decides from the declared size first (the API leaves `content` empty above 1 MB), then looks at
 * the bytes: a NUL in the first 8 KB, as git itself decides, or bytes that are not UTF-8.
 */
export function decodeFileContent(file: { size: number; encoding?: string; content?: string }, maxBytes = MAX_FILE_BYTES): DecodedFile {
  if (file.size > maxBytes) return { kind: 'too-large', size: file.size };
  if (file.encoding !== undefined && file.encoding !== 'base64') {
    // "none" comes with files over 1 MB; anything else we cannot read, so say so instead of guessing.
    return file.size > maxBytes ? { kind: 'too-large', size: file.size } : { kind: 'binary', reason: `GitHub sent it with encoding "${file.encoding}"` };
  }
  const bytes = Buffer.from(file.content ?? '', 'base64');
  return classifyBytes(bytes);
}

export function classifyBytes(bytes: Uint8Array): DecodedFile {
  const head = bytes.subarray(0, 8000);
  if (head.includes(0)) return { kind: 'binary', reason: 'it contains NUL bytes' };
  try {
    return { kind: 'text', text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { kind: 'binary', reason: 'it is not valid UTF-8 text' };
  }
}
