/**
 * A project's manifests and lockfiles combined into one list. Where a lockfile sits beside its
 * manifest, the lockfile's exact versions win and the manifest only tells the lockfile which
 * packages the project asked for (as its `companion`); a manifest entry the lockfile lacks (a
 * stale lock) is kept, with a warning. Workspace members of an npm/pnpm/yarn monorepo are covered
 * by the lockfile at its root. Identical entries (ecosystem, name, version, file) appear once.
 */
import { MANIFEST_KINDS, detectManifest } from './detect';
import type { Dependency, Ecosystem, Manifest, ManifestKind, WorkspaceDependencies } from './model';
import { COMPANION_OF, parseManifest, type ParseOptions } from './parseManifest';
import { normalizePypiName } from './purl';
import { parseRequirements } from './requirements';

export interface WorkspaceFile {
  /** Relative to the workspace root ('/' or '\\' separators). */
  path: string;
  text: string;
}

/** For each manifest kind, the lockfiles that supersede it when they sit in the same folder. */
const SUPERSEDED_BY: Partial<Record<ManifestKind, ManifestKind[]>> = {
  'package.json': ['package-lock.json', 'npm-shrinkwrap.json', 'pnpm-lock.yaml', 'yarn.lock'],
  'pyproject.toml': ['poetry.lock', 'uv.lock'],
  Pipfile: ['Pipfile.lock'],
  'Cargo.toml': ['Cargo.lock'],
  // go.mod lists the whole build list; go.sum adds only checksums (and versions never built).
  'go.sum': ['go.mod'],
};

const NPM_LOCKS: ManifestKind[] = ['package-lock.json', 'npm-shrinkwrap.json', 'pnpm-lock.yaml', 'yarn.lock'];

export function resolveWorkspaceDependencies(files: readonly WorkspaceFile[], options: Pick<ParseOptions, 'maxBytes'> = {}): WorkspaceDependencies {
  const warnings: string[] = [];
  const manifests: Manifest[] = [];
  const byPath = new Map<string, { kind: ManifestKind; text: string }>();
  for (const f of files) {
    const path = f.path.replace(/\\/g, '/').replace(/^\.\//, '');
    const kind = detectManifest(path);
    if (!kind || byPath.has(path)) continue;
    byPath.set(path, { kind, text: f.text });
    manifests.push({ path, kind, ...MANIFEST_KINDS[kind] });
  }
  const kindsIn = new Map<string, Map<ManifestKind, string>>();
  for (const [path, { kind }] of byPath) {
    const dir = dirOf(path);
    if (!kindsIn.has(dir)) kindsIn.set(dir, new Map());
    kindsIn.get(dir)!.set(kind, path);
  }
  const sibling = (path: string, kind: ManifestKind) => kindsIn.get(dirOf(path))?.get(kind);

  const out: Dependency[] = [];
  const fromLocks = new Map<string, Set<string>>(); // lockfile path → ecosystem:name of each package it locks
  const deferred: { path: string; deps: Dependency[]; lock: string }[] = [];

  for (const [path, { kind, text }] of byPath) {
    const supersededBy = SUPERSEDED_BY[kind]?.map((k) => sibling(path, k)).find((p) => p !== undefined) ?? coveringNpmLock(path, kind);
    const companionKind = COMPANION_OF[kind];
    const companionPath = companionKind ? sibling(path, companionKind) : undefined;
    let result;
    if (kind === 'requirements.txt') {
      const r = parseRequirements(text, path);
      for (const inc of r.includes) if (!byPath.has(inc)) warnings.push(`${path}: includes ${inc}, which is not among the files read`);
      result = r;
    } else {
      result = parseManifest(kind, text, path, { ...options, companion: companionPath ? byPath.get(companionPath)!.text : undefined });
    }
    warnings.push(...result.warnings);
    if (supersededBy) {
      deferred.push({ path, deps: result.dependencies, lock: supersededBy });
      continue;
    }
    // An empty result is an unreadable (or empty) lockfile: it cannot supersede anything.
    if (MANIFEST_KINDS[kind].lockfile && result.dependencies.length) {
      fromLocks.set(path, new Set(result.dependencies.map((d) => keyOfName(d.ecosystem, d.name))));
    }
    out.push(...result.dependencies);
  }

  // A superseded manifest still counts for what its lockfile lacks, and wholly when the
  // lockfile could not be read (its own warning says why).
  for (const { path, deps, lock } of deferred) {
    if (byPath.get(path)?.kind === 'go.sum') continue; // go.mod has every module go.sum could add
    const locked = fromLocks.get(lock);
    if (!locked) {
      out.push(...deps);
      continue;
    }
    for (const d of deps) {
      if (locked.has(keyOfName(d.ecosystem, d.name))) continue;
      warnings.push(`${path}${d.line ? `:${d.line}` : ''}: ${d.name} is declared but not in ${lock} (is the lockfile out of date?)`);
      out.push(d);
    }
  }
  return { dependencies: dedupe(out), manifests, warnings };

  /**
   * A package.json with no lockfile beside it is covered by an ancestor's npm-family lockfile
   * when it is one of that project's workspaces: the lockfile names its folder (npm, pnpm, yarn
   * berry) or the ancestor's package.json declares `workspaces` (yarn classic).
   */
  function coveringNpmLock(path: string, kind: ManifestKind): string | undefined {
    if (kind !== 'package.json') return undefined;
    const dir = dirOf(path);
    for (let up = parentOf(dir); up !== undefined; up = parentOf(up)) {
      const lock = NPM_LOCKS.map((k) => kindsIn.get(up)?.get(k)).find((p) => p !== undefined);
      if (!lock) continue;
      const member = up ? dir.slice(up.length + 1) : dir;
      const rootManifest = kindsIn.get(up)?.get('package.json');
      const declaresWorkspaces = rootManifest !== undefined && /"workspaces"\s*:/.test(byPath.get(rootManifest)!.text);
      return namesMember(byPath.get(lock)!, member) || declaresWorkspaces ? lock : undefined;
    }
    return undefined;
  }
}

/** Whether an npm-family lockfile lists `member` (a folder below it) as one of its projects. */
function namesMember(lock: { kind: ManifestKind; text: string }, member: string): boolean {
  const m = member.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  switch (lock.kind) {
    case 'pnpm-lock.yaml':
      return new RegExp(`^  (['"]?)${m}\\1:`, 'm').test(lock.text); // an importers key
    case 'yarn.lock':
      return lock.text.includes(`@workspace:${member}"`) || lock.text.includes(`@workspace:${member}\n`);
    default:
      return new RegExp(`"${m}"\\s*:`).test(lock.text); // a packages key
  }
}

function dirOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash >= 0 ? path.slice(0, slash) : '';
}

function parentOf(dir: string): string | undefined {
  if (dir === '') return undefined;
  return dirOf(dir);
}

function keyOfName(ecosystem: Ecosystem, name: string): string {
  return `${ecosystem}\u0000${ecosystem === 'PyPI' ? normalizePypiName(name) : name}`;
}

/** One entry per (ecosystem, name, version, file): direct if any copy is, dev only if all are. */
function dedupe(deps: Dependency[]): Dependency[] {
  const seen = new Map<string, Dependency>();
  for (const d of deps) {
    const key = `${keyOfName(d.ecosystem, d.name)}\u0000${d.version ?? d.range ?? ''}\u0000${d.manifest}`;
    const first = seen.get(key);
    if (!first) {
      seen.set(key, { ...d });
      continue;
    }
    first.direct ||= d.direct;
    first.dev &&= d.dev;
    first.hasInstallScript ||= d.hasInstallScript;
    if (d.via) first.via = [...new Set([...(first.via ?? []), ...d.via])].sort();
  }
  return [...seen.values()];
}
