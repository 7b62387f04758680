/**
 * A small zip reader for Python wheels (and old zip sdists), over a buffer in memory: the
 * central directory names the entries, each local header is checked against it, and stored or
 * deflated bodies are inflated with a ceiling on the total, so a zip bomb stops at the limit.
 * Zip64 and encrypted entries are not read (wheels use neither); the listing says so.
 */
import { inflateRawBounded } from './decompress';
import type { ArchiveEntry, EntryType } from './tarReader';

export interface ZipListing {
  entries: ArchiveEntry[];
  stopped?: { reason: 'corrupt' | 'too-many-entries' | 'bomb' | 'unsupported'; detail: string };
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const UNIX = 3;
const S_IFMT = 0o170000;
const FILE_TYPES: Record<number, EntryType> = {
  0o120000: 'symlink',
  0o040000: 'directory',
  0o020000: 'char-device',
  0o060000: 'block-device',
  0o010000: 'fifo',
};

export function readZip(buf: Buffer, maxEntries: number, maxTotalBytes: number): ZipListing {
  const eocd = findEocd(buf);
  if (eocd === -1) return { entries: [], stopped: { reason: 'corrupt', detail: 'no end-of-central-directory record' } };
  const count = buf.readUInt16LE(eocd + 10);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (cdOffset === 0xffffffff || count === 0xffff) return { entries: [], stopped: { reason: 'unsupported', detail: 'a zip64 archive' } };
  const entries: ArchiveEntry[] = [];
  let budget = maxTotalBytes;
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (entries.length >= maxEntries) return { entries, stopped: { reason: 'too-many-entries', detail: `more than ${maxEntries} entries` } };
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CENTRAL) return { entries, stopped: { reason: 'corrupt', detail: `bad central directory entry ${i}` } };
    const madeBy = buf.readUInt16LE(p + 4) >> 8;
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const compressed = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const external = buf.readUInt32LE(p + 38);
    const localOffset = buf.readUInt32LE(p + 42);
    if (p + 46 + nameLen > buf.length) return { entries, stopped: { reason: 'corrupt', detail: `entry ${i} name runs past the end` } };
    const path = buf.subarray(p + 46, p + 46 + nameLen).toString('utf8');
    p += 46 + nameLen + extraLen + commentLen;

    const unixMode = madeBy === UNIX ? external >>> 16 : 0;
    const type: EntryType = FILE_TYPES[unixMode & S_IFMT] ?? (path.endsWith('/') ? 'directory' : 'file');
    const body = localBody(buf, localOffset, compressed);
    if (!body) return { entries, stopped: { reason: 'corrupt', detail: `bad local header for ${path}` } };
    if (flags & 1) return { entries, stopped: { reason: 'unsupported', detail: `${path} is encrypted` } };
    if (type === 'directory') {
      entries.push({ path, type, size: 0, mode: unixMode & 0o7777 });
      continue;
    }
    let data: Buffer;
    if (method === 0) data = body;
    else if (method === 8) {
      const inflated = inflateRawBounded(body, Math.max(0, budget));
      if (!inflated.ok) return { entries, stopped: { reason: inflated.reason === 'bomb' ? 'bomb' : 'corrupt', detail: `${path}: ${inflated.detail}` } };
      data = inflated.bytes;
    } else return { entries, stopped: { reason: 'unsupported', detail: `${path} uses compression method ${method}` } };
    budget -= data.length;
    if (budget < 0) return { entries, stopped: { reason: 'bomb', detail: `the entries inflate past the ${maxTotalBytes}-byte limit` } };
    if (data.length !== size) return { entries, stopped: { reason: 'corrupt', detail: `${path} inflates to ${data.length} bytes, not the ${size} declared` } };
    entries.push({
      path,
      type,
      size: data.length,
      mode: unixMode & 0o7777,
      ...(type === 'symlink' ? { linkTarget: data.toString('utf8') } : {}),
      ...(type === 'file' ? { data } : {}),
    });
  }
  return { entries };
}

/** The end record sits in the last 22 + 65535 (comment) bytes; scan back for its signature. */
function findEocd(buf: Buffer): number {
  const stop = Math.max(0, buf.length - 22 - 0xffff);
  for (let i = buf.length - 22; i >= stop; i--) if (buf.readUInt32LE(i) === EOCD) return i;
  return -1;
}

function localBody(buf: Buffer, offset: number, compressed: number): Buffer | undefined {
  if (offset + 30 > buf.length || buf.readUInt32LE(offset) !== LOCAL) return undefined;
  const start = offset + 30 + buf.readUInt16LE(offset + 26) + buf.readUInt16LE(offset + 28);
  if (start + compressed > buf.length) return undefined;
  return buf.subarray(start, start + compressed);
}
