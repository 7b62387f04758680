import { open, stat } from 'node:fs/promises';

/**
 * Reading a workspace file as text, within a size cap, and telling binaries apart the way git
 * does: a NUL byte in the first 8 KB. A binary or an oversize file is reported, never returned.
 */

export type FileRead = { kind: 'text'; text: string; size: number } | { kind: 'binary'; size: number } | { kind: 'too-large'; size: number };

const SNIFF_BYTES = 8 * 1024;

export function looksBinary(bytes: Uint8Array): boolean {
  return bytes.subarray(0, SNIFF_BYTES).includes(0);
}

export async function readTextFile(path: string, maxBytes: number): Promise<FileRead> {
  const { size } = await stat(path);
  if (size > maxBytes) return { kind: 'too-large', size };
  const handle = await open(path, 'r');
  try {
    // Read at most the cap even if the file grew since the stat.
    const buffer = Buffer.alloc(Math.min(size, maxBytes));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const bytes = buffer.subarray(0, bytesRead);
    if (looksBinary(bytes)) return { kind: 'binary', size };
    return { kind: 'text', text: bytes.toString('utf8').replace(/^\uFEFF/, ''), size };
  } finally {
    await handle.close();
  }
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
