/**
 * Entries no honest package needs: paths that climb out of the folder they unpack into
 * (`../`, absolute, a drive letter), links (a symlink is how an unpacker is tricked into writing
 * elsewhere; a hardlink can point at any file), device files and FIFOs. npm's own unpacker drops
 * most of these, so their presence says more about the publisher than about the risk to npm.
 */
import type { ArchiveEntry } from './tarReader';

export type HazardKind =
  | 'path-traversal'
  | 'absolute-path'
  | 'symlink'
  | 'hardlink'
  | 'device'
  | 'decompression-bomb'
  | 'too-large'
  | 'too-many-files'
  | 'corrupt'
  | 'native-binary'
  | 'obfuscated'
  | 'pth-exec'
  | 'install-override'
  | 'manifest-mismatch'
  | 'implicit-gyp';

export type HazardSeverity = 'critical' | 'high' | 'medium' | 'low' | 'info';

export interface Hazard {
  kind: HazardKind;
  severity: HazardSeverity;
  file?: string;
  detail: string;
}

export function climbsOut(path: string): 'path-traversal' | 'absolute-path' | undefined {
  const p = path.replace(/\\/g, '/');
  if (p.startsWith('/') || /^[A-Za-z]:/.test(p)) return 'absolute-path';
  if (p.split('/').includes('..')) return 'path-traversal';
  return undefined;
}

/** Where a link points, resolved against its own folder: outside the package is the dangerous case. */
export function linkEscapes(path: string, target: string): boolean {
  if (climbsOut(target) === 'absolute-path') return true;
  const parts = path.replace(/\\/g, '/').split('/').slice(0, -1);
  for (const seg of target.replace(/\\/g, '/').split('/')) {
    if (seg === '..') {
      if (!parts.length) return true;
      parts.pop();
    } else if (seg && seg !== '.') parts.push(seg);
  }
  return false;
}

export function entryHazards(entries: readonly ArchiveEntry[]): Hazard[] {
  const out: Hazard[] = [];
  for (const e of entries) {
    const climb = climbsOut(e.path);
    if (climb)
      out.push({
        kind: climb,
        severity: 'critical',
        file: e.path,
        detail:
          climb === 'absolute-path'
            ? 'an absolute path: unpacking writes outside the package folder'
            : "a '..' path: unpacking writes outside the package folder",
      });
    if (e.type === 'symlink' || e.type === 'hardlink') {
      const escapes = linkEscapes(e.path, e.linkTarget ?? '');
      out.push({
        kind: e.type,
        severity: escapes ? 'critical' : 'medium',
        file: e.path,
        detail: `${e.type} to ${JSON.stringify((e.linkTarget ?? '').slice(0, 200))}${escapes ? ', outside the package' : ''}`,
      });
    }
    if (e.type === 'char-device' || e.type === 'block-device' || e.type === 'fifo')
      out.push({ kind: 'device', severity: 'high', file: e.path, detail: `a ${e.type} entry (no package needs one)` });
  }
  return out;
}
