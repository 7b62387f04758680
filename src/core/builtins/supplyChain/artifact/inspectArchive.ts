/**
 * One package artifact, read in memory and never run: unpack (bounded), list the entries that
 * climb out or link, find what runs at install and which files it runs, native binaries by magic
 * number, obfuscated entry points, and the capabilities and chains in the code. The caller has
 * already checked the bytes against the registry's digest; nothing here is trusted more for it.
 */
import { entryHazards, type Hazard } from './archiveHazards';
import { binaryFormat, type BinaryFormat } from './binaryMagic';
import { chainsIn, type CapabilityHit, type Chain } from './capabilities';
import { codeShape, type CodeShape } from './codeShape';
import { gunzipBounded } from './decompress';
import { installHooks, type InstallHook } from './installScripts';
import { scanJs } from './jsCapabilities';
import { pthExecutableLines, scanPython } from './pyCapabilities';
import { readTar, type ArchiveEntry } from './tarReader';
import { readZip } from './zipReader';

const SETUP_ACTIONS = new Set(['network', 'process', 'dynamic-code', 'decoded-exec', 'executable-write', 'exfil-endpoint']);

export type ArtifactKind = 'npm-tarball' | 'sdist-tar' | 'sdist-zip' | 'wheel';

export interface InspectLimits {
  /** Unpacked bytes at most (the gzip or zip output); default 128 MB. */
  maxUnpackedBytes: number;
  /** Entries at most; default 20,000. */
  maxFiles: number;
  /** Source bytes parsed at most, over all files; default 24 MB. */
  maxScannedBytes: number;
  /** One file larger than this is not parsed (listed as skipped); default 2 MB. */
  maxFileBytes: number;
}

export const DEFAULT_INSPECT_LIMITS: InspectLimits = {
  maxUnpackedBytes: 128 * 1024 * 1024,
  maxFiles: 20_000,
  maxScannedBytes: 24 * 1024 * 1024,
  maxFileBytes: 2 * 1024 * 1024,
};

export interface ChainFinding extends Chain {
  installTime: boolean;
}

export interface ArtifactInspection {
  files: number;
  unpackedBytes: number;
  hazards: Hazard[];
  installHooks: (InstallHook & { runsBinary: boolean })[];
  binaries: { file: string; format: BinaryFormat }[];
  obfuscated: ({ file: string } & CodeShape)[];
  capabilities: CapabilityHit[];
  chains: ChainFinding[];
  /** The manifest the archive carries (npm package.json), when read. */
  manifest?: Record<string, unknown>;
  scanned: { files: number; unparsed: string[]; skipped: string[] };
}

/** Unpacks and inspects. Never throws on hostile bytes: what could not be read is a hazard. */
export function inspectArchive(kind: ArtifactKind, bytes: Buffer, limits: InspectLimits = DEFAULT_INSPECT_LIMITS): ArtifactInspection {
  const empty: ArtifactInspection = {
    files: 0,
    unpackedBytes: 0,
    hazards: [],
    installHooks: [],
    binaries: [],
    obfuscated: [],
    capabilities: [],
    chains: [],
    scanned: { files: 0, unparsed: [], skipped: [] },
  };
  let entries: ArchiveEntry[];
  let unpackedBytes = 0;
  const hazards: Hazard[] = [];
  if (kind === 'wheel' || kind === 'sdist-zip') {
    const z = readZip(bytes, limits.maxFiles, limits.maxUnpackedBytes);
    entries = z.entries;
    if (z.stopped) hazards.push(stopHazard(z.stopped.reason, z.stopped.detail));
  } else {
    const inflated = gunzipBounded(bytes, limits.maxUnpackedBytes);
    if (!inflated.ok) return { ...empty, hazards: [stopHazard(inflated.reason, inflated.detail)] };
    unpackedBytes = inflated.bytes.length;
    const t = readTar(inflated.bytes, limits.maxFiles);
    entries = t.entries;
    if (t.stopped) hazards.push(stopHazard(t.stopped.reason, t.stopped.detail));
  }
  if (kind === 'wheel' || kind === 'sdist-zip') unpackedBytes = entries.reduce((s, e) => s + (e.data?.length ?? 0), 0);
  // Stopped for a bomb: nothing from the archive is inspected further; the bomb is the finding.
  if (hazards.some((h) => h.kind === 'decompression-bomb')) return { ...empty, files: entries.length, unpackedBytes, hazards };

  hazards.push(...entryHazards(entries));
  const strip = kind === 'wheel' ? 0 : 1; // npm's package/ and an sdist's name-version/ folder
  const files = new Map<string, Buffer>();
  for (const e of entries) if (e.type === 'file' && e.data) files.set(stripComponents(e.path, strip), e.data);

  const binaries = [...files].flatMap(([file, data]) => {
    const format = binaryFormat(data);
    return format ? [{ file, format }] : [];
  });
  for (const b of binaries) hazards.push({ kind: 'native-binary', severity: 'medium', file: b.file, detail: `a native ${b.format} executable` });

  const result: ArtifactInspection = { ...empty, files: entries.length, unpackedBytes, hazards, binaries };
  if (kind === 'npm-tarball') inspectNpm(files, result, limits);
  else inspectPython(kind, files, result, limits);
  return result;
}

function inspectNpm(files: Map<string, Buffer>, out: ArtifactInspection, limits: InspectLimits): void {
  const manifest = readJson(files.get('package.json'));
  if (manifest) out.manifest = manifest;
  const names = new Set(files.keys());
  const hooks = installHooks(manifest?.['scripts'] as Record<string, unknown> | undefined, names, manifest?.['gypfile'] as boolean | undefined);
  const installFiles = new Set(hooks.filter((h) => !h.minor && !h.implicit).flatMap((h) => h.runs));
  const entryPoints = npmEntryPoints(manifest, names);

  const budget = { left: limits.maxScannedBytes };
  const jsFiles = [...files.keys()].filter((f) => /\.(c|m)?js$/i.test(f) || installFiles.has(f)).sort(byPriority(installFiles, entryPoints));
  for (const file of jsFiles) {
    const data = files.get(file)!;
    if (binaryFormat(data)) continue;
    if (!takeBudget(file, data, budget, limits, out)) continue;
    const text = data.toString('utf8');
    const scan = scanJs(file, text);
    if (!scan.parsed) out.scanned.unparsed.push(file);
    out.capabilities.push(...scan.hits);
    out.chains.push(...chainsIn(file, scan.hits, installFiles.has(file)).map((c) => ({ ...c, installTime: installFiles.has(file) })));
    if (installFiles.has(file) || entryPoints.has(file)) {
      const shape = codeShape(text);
      if (shape.obfuscated) {
        out.obfuscated.push({ file, ...shape });
        out.hazards.push({ kind: 'obfuscated', severity: installFiles.has(file) ? 'high' : 'medium', file, detail: obfuscationDetail(shape) });
      }
    }
  }
  const binaryNames = out.binaries.map((b) => b.file);
  out.installHooks = hooks.map((h) => ({ ...h, runsBinary: runsBinary(h, files, binaryNames, out.capabilities) }));
  if (hooks.some((x) => x.implicit))
    out.hazards.push({ kind: 'implicit-gyp', severity: 'low', file: 'binding.gyp', detail: 'binding.gyp: npm runs node-gyp rebuild at install' });
}

function inspectPython(kind: ArtifactKind, files: Map<string, Buffer>, out: ArtifactInspection, limits: InspectLimits): void {
  const budget = { left: limits.maxScannedBytes };
  const setupPy = kind !== 'wheel' && files.has('setup.py') ? 'setup.py' : undefined;
  const pyFiles = [...files.keys()].filter((f) => f.endsWith('.py')).sort((a, b) => (a === setupPy ? -1 : b === setupPy ? 1 : a.localeCompare(b)));
  for (const file of pyFiles) {
    const data = files.get(file)!;
    if (!takeBudget(file, data, budget, limits, out)) continue;
    const text = data.toString('utf8');
    const scan = scanPython(file, text);
    out.capabilities.push(...scan.hits);
    const installTime = file === setupPy;
    out.chains.push(...chainsIn(file, scan.hits, installTime).map((c) => ({ ...c, installTime })));
    // Every sdist's setup.py runs at install, so only one that does more than describe the package is listed as a hook.
    if (installTime && (scan.overridesInstall || scan.hits.some((h) => SETUP_ACTIONS.has(h.capability))))
      out.installHooks.push({ hook: 'setup.py', command: 'python setup.py (runs when pip builds the sdist)', runs: [file], runsBinary: false });
    if (installTime && scan.overridesInstall)
      out.hazards.push({
        kind: 'install-override',
        severity: 'medium',
        file,
        detail: 'setup.py replaces a setuptools command (cmdclass): its own code runs at install',
      });
    if (installTime) {
      const shape = codeShape(text);
      if (shape.obfuscated) out.hazards.push({ kind: 'obfuscated', severity: 'high', file, detail: obfuscationDetail(shape) });
    }
  }
  // A .pth at the top of a wheel lands in site-packages: its import lines run at every Python start.
  for (const file of [...files.keys()].filter((f) => f.endsWith('.pth') && !f.includes('/'))) {
    const lines = pthExecutableLines(files.get(file)!.toString('utf8'));
    if (!lines.length) continue;
    out.hazards.push({ kind: 'pth-exec', severity: 'high', file, detail: `runs code at every Python start (import on line ${lines.join(', ')})` });
    out.installHooks.push({ hook: '.pth', command: `${file} (executed by site at interpreter start)`, runs: [file], runsBinary: false });
    const text = files.get(file)!.toString('utf8');
    const scan = scanPython(file, text);
    out.capabilities.push(...scan.hits);
    out.chains.push(...chainsIn(file, scan.hits, true).map((c) => ({ ...c, installTime: true })));
  }
}

function takeBudget(file: string, data: Buffer, budget: { left: number }, limits: InspectLimits, out: ArtifactInspection): boolean {
  if (data.length > limits.maxFileBytes || data.length > budget.left) {
    out.scanned.skipped.push(file);
    return false;
  }
  budget.left -= data.length;
  out.scanned.files++;
  return true;
}

/** Install-run files first, then entry points, then the rest: the budget is spent where it matters. */
function byPriority(install: ReadonlySet<string>, entry: ReadonlySet<string>): (a: string, b: string) => number {
  const rank = (f: string) => (install.has(f) ? 0 : entry.has(f) ? 1 : 2);
  return (a, b) => rank(a) - rank(b) || a.localeCompare(b);
}

/**
 * A hook runs a native binary when it names one directly, or when a file it runs starts a
 * process and names a binary of the package (`spawn(path.join(__dirname, 'bin/x'))`).
 */
function runsBinary(hook: InstallHook, files: Map<string, Buffer>, binaries: readonly string[], hits: readonly CapabilityHit[]): boolean {
  if (hook.implicit) return false;
  if (hook.runs.some((f) => binaries.includes(f))) return true;
  return hook.runs.some((f) => {
    if (!hits.some((h) => h.file === f && h.capability === 'process')) return false;
    const text = files.get(f)?.toString('utf8') ?? '';
    return binaries.some((b) => text.includes(b) || text.includes(b.split('/').pop()!));
  });
}

function npmEntryPoints(manifest: Record<string, unknown> | undefined, names: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  const add = (p: unknown) => {
    if (typeof p !== 'string') return;
    const clean = p.replace(/^\.\//, '');
    for (const c of [clean, `${clean}.js`, `${clean}/index.js`]) if (names.has(c)) out.add(c);
  };
  add(manifest?.['main'] ?? 'index.js');
  const bin = manifest?.['bin'];
  if (typeof bin === 'string') add(bin);
  else if (bin && typeof bin === 'object') Object.values(bin).forEach(add);
  const walk = (v: unknown, depth: number) => {
    if (depth > 6) return;
    if (typeof v === 'string') add(v);
    else if (v && typeof v === 'object') Object.values(v).forEach((x) => walk(x, depth + 1));
  };
  walk(manifest?.['exports'], 0);
  return out;
}

function stopHazard(reason: string, detail: string): Hazard {
  if (reason === 'bomb') return { kind: 'decompression-bomb', severity: 'critical', detail };
  if (reason === 'too-many-entries') return { kind: 'too-many-files', severity: 'medium', detail };
  return { kind: 'corrupt', severity: 'high', detail };
}

function stripComponents(path: string, n: number): string {
  return path.replace(/\\/g, '/').split('/').filter(Boolean).slice(n).join('/');
}

function readJson(data: Buffer | undefined): Record<string, unknown> | undefined {
  if (!data) return undefined;
  try {
    const v: unknown = JSON.parse(data.toString('utf8'));
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function obfuscationDetail(s: CodeShape): string {
  const parts = [
    s.hexNames ? `${s.hexNames} _0x names` : '',
    s.encodedBlobs ? `${s.encodedBlobs} encoded string blob${s.encodedBlobs === 1 ? '' : 's'}` : '',
    s.minified ? `lines up to ${s.longestLine} characters` : '',
  ].filter(Boolean);
  return `obfuscated code (${parts.join(', ')})`;
}
