/**
 * Native executables by their first bytes, whatever the file is called: a renamed ELF in
 * `lib/util.js` is still an ELF. Java class files share Mach-O's fat magic (cafebabe), so the
 * word after it (a small architecture count for Mach-O, a class-file version for Java) tells
 * them apart.
 */

export type BinaryFormat = 'elf' | 'pe' | 'mach-o' | 'mach-o-universal';

export function binaryFormat(bytes: Buffer): BinaryFormat | undefined {
  if (bytes.length < 4) return undefined;
  const word = bytes.readUInt32BE(0);
  if (word === 0x7f454c46) return 'elf';
  if (word === 0xfeedface || word === 0xfeedfacf || word === 0xcefaedfe || word === 0xcffaedfe) return 'mach-o';
  if (word === 0xcafebabe || word === 0xcafebabf) {
    if (bytes.length < 8) return undefined;
    const count = bytes.readUInt32BE(4);
    return count > 0 && count < 20 ? 'mach-o-universal' : undefined;
  }
  if (bytes[0] === 0x4d && bytes[1] === 0x5a) return isPe(bytes) ? 'pe' : undefined;
  return undefined;
}

/** "MZ" alone starts many text files; a PE also has "PE\0\0" where the DOS header's e_lfanew points. */
function isPe(bytes: Buffer): boolean {
  if (bytes.length < 0x40) return false;
  const at = bytes.readUInt32LE(0x3c);
  return at + 4 <= bytes.length && bytes.readUInt32BE(at) === 0x50450000;
}
