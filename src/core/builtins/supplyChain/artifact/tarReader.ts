/**
 * A small, careful reader of the tar format npm and Python sdists use (ustar, with pax extended
 * headers and the GNU long-name records), over a buffer already in memory. It never touches the
 * disk: it lists entries with their type and, for regular files, a view of their bytes. Archives
 * are hostile input, so every length is checked against what is left, a header whose checksum
 * does not add up stops the walk, and the entry count is capped.
 */

export type EntryType = 'file' | 'directory' | 'symlink' | 'hardlink' | 'char-device' | 'block-device' | 'fifo' | 'other';

export interface ArchiveEntry {
  /** The path as the archive names it (pax `path` or GNU long name when present). */
  path: string;
  type: EntryType;
  size: number;
  /** Permission bits (octal mode & 0o7777). */
  mode: number;
  /** Symlink or hardlink target. */
  linkTarget?: string;
  /** A regular file's bytes (a view into the archive buffer, no copy). */
  data?: Buffer;
}

export interface TarListing {
  entries: ArchiveEntry[];
  /** Why the walk stopped early, if it did: a corrupt header, a truncated body, too many entries. */
  stopped?: { reason: 'corrupt' | 'truncated' | 'too-many-entries'; detail: string };
}

const BLOCK = 512;

const TYPES: Record<string, EntryType> = {
  '0': 'file',
  '\0': 'file',
  '7': 'file', // contiguous file: a regular file for every reader that matters
  '1': 'hardlink',
  '2': 'symlink',
  '3': 'char-device',
  '4': 'block-device',
  '5': 'directory',
  '6': 'fifo',
};

export function readTar(buf: Buffer, maxEntries: number): TarListing {
  const entries: ArchiveEntry[] = [];
  let offset = 0;
  let pax: Record<string, string> = {};
  let globalPax: Record<string, string> = {};
  let longName: string | undefined;
  let longLink: string | undefined;
  while (offset + BLOCK <= buf.length) {
    const header = buf.subarray(offset, offset + BLOCK);
    if (isZeroBlock(header)) break; // end of archive (two zero blocks; one is enough to stop)
    if (!checksumOk(header)) return { entries, stopped: { reason: 'corrupt', detail: `bad header checksum at byte ${offset}` } };
    const size = readNumber(header, 124, 12);
    if (size === undefined || size < 0) return { entries, stopped: { reason: 'corrupt', detail: `unreadable size at byte ${offset}` } };
    const bodyStart = offset + BLOCK;
    const bodyEnd = bodyStart + size;
    if (bodyEnd > buf.length) return { entries, stopped: { reason: 'truncated', detail: `an entry claims ${size} bytes past the end of the archive` } };
    const body = buf.subarray(bodyStart, bodyEnd);
    offset = bodyStart + Math.ceil(size / BLOCK) * BLOCK;
    const flag = String.fromCharCode(header[156]);

    // Records that describe the next entry rather than being one.
    if (flag === 'x') {
      pax = parsePax(body);
      continue;
    }
    if (flag === 'g') {
      globalPax = { ...globalPax, ...parsePax(body) };
      continue;
    }
    if (flag === 'L') {
      longName = cString(body);
      continue;
    }
    if (flag === 'K') {
      longLink = cString(body);
      continue;
    }

    if (entries.length >= maxEntries) return { entries, stopped: { reason: 'too-many-entries', detail: `more than ${maxEntries} entries` } };
    const ext = { ...globalPax, ...pax };
    const prefix = isUstar(header) ? cString(header.subarray(345, 500)) : '';
    const baseName = cString(header.subarray(0, 100));
    const path = ext['path'] ?? longName ?? (prefix ? `${prefix}/${baseName}` : baseName);
    const type = TYPES[flag] ?? 'other';
    const linkTarget = ext['linkpath'] ?? longLink ?? cString(header.subarray(157, 257));
    const mode = (readNumber(header, 100, 8) ?? 0) & 0o7777;
    entries.push({
      path,
      type,
      size,
      mode,
      ...(type === 'symlink' || type === 'hardlink' ? { linkTarget } : {}),
      ...(type === 'file' ? { data: body } : {}),
    });
    pax = {};
    longName = undefined;
    longLink = undefined;
  }
  return { entries };
}

function isZeroBlock(block: Buffer): boolean {
  for (let i = 0; i < block.length; i++) if (block[i] !== 0) return false;
  return true;
}

function isUstar(header: Buffer): boolean {
  return header.subarray(257, 262).toString('latin1') === 'ustar';
}

/** The header checksum: the sum of its bytes with the checksum field read as spaces (signed sums are accepted too, as old tars wrote them). */
function checksumOk(header: Buffer): boolean {
  const stored = readNumber(header, 148, 8);
  if (stored === undefined) return false;
  let unsigned = 0;
  let signed = 0;
  for (let i = 0; i < BLOCK; i++) {
    const b = i >= 148 && i < 156 ? 0x20 : header[i];
    unsigned += b;
    signed += b > 127 ? b - 256 : b;
  }
  return stored === unsigned || stored === signed;
}

/** An octal field, or GNU base-256 when the high bit is set; undefined when neither reads. */
function readNumber(header: Buffer, start: number, length: number): number | undefined {
  const field = header.subarray(start, start + length);
  if (field[0] & 0x80) {
    // base-256, big-endian; sizes past 2^53 are refused rather than rounded
    let n = field[0] & 0x7f;
    for (let i = 1; i < field.length; i++) {
      n = n * 256 + field[i];
      if (n > Number.MAX_SAFE_INTEGER) return undefined;
    }
    return n;
  }
  const text = field.toString('latin1').replace(/\0.*$/s, '').trim();
  if (text === '') return 0;
  if (!/^[0-7]+$/.test(text)) return undefined;
  return parseInt(text, 8);
}

function cString(bytes: Buffer): string {
  const end = bytes.indexOf(0);
  return bytes.subarray(0, end === -1 ? bytes.length : end).toString('utf8');
}

/** pax records: "LEN key=value\n", LEN counting the whole record. A malformed record ends the list. */
function parsePax(body: Buffer): Record<string, string> {
  const out: Record<string, string> = {};
  let i = 0;
  while (i < body.length) {
    const space = body.indexOf(0x20, i);
    if (space === -1) break;
    const len = Number(body.subarray(i, space).toString('latin1'));
    if (!Number.isInteger(len) || len <= space - i || i + len > body.length) break;
    const record = body.subarray(space + 1, i + len - 1).toString('utf8');
    const eq = record.indexOf('=');
    if (eq > 0) out[record.slice(0, eq)] = record.slice(eq + 1);
    i += len;
  }
  return out;
}
