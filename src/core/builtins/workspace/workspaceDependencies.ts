import { readFile, stat } from 'node:fs/promises';
import { detectManifest, MAX_MANIFEST_BYTES, resolveWorkspaceDependencies, type Dependency, type Manifest } from '../../dependencies';
import { TRUNCATED_NOTE, workspaceFiles } from './workspaceFiles';
import type { WorkspaceToolContext, WorkspaceView } from './workspaceToolKit';
import { displayPath } from './workspaceRoots';

/**
 * The workspace's manifests and lockfiles, read and resolved per root (a lockfile pairs with the
 * manifest beside it, never with one in another folder of a multi-root workspace). Paths in the
 * answer are as the other workspace tools show them, so a finding opens with read_file.
 */

/** Every file name the parsers know, as one glob (detectManifest has the last word). */
const MANIFEST_GLOB =
  '**/{package.json,package-lock.json,npm-shrinkwrap.json,pnpm-lock.yaml,yarn.lock,requirements*.txt,requirements/*.txt,' +
  'pyproject.toml,poetry.lock,uv.lock,Pipfile,Pipfile.lock,go.mod,go.sum,Cargo.toml,Cargo.lock,pom.xml}';

export interface WorkspaceDependencyView {
  manifests: Manifest[];
  dependencies: Dependency[];
  warnings: string[];
}

export async function readWorkspaceDependencies(ctx: WorkspaceToolContext, view: WorkspaceView, signal?: AbortSignal): Promise<WorkspaceDependencyView> {
  const { files, truncated } = await workspaceFiles(ctx, view, MANIFEST_GLOB, signal);
  const out: WorkspaceDependencyView = { manifests: [], dependencies: [], warnings: truncated ? [TRUNCATED_NOTE(ctx.limits.maxWalkFiles)] : [] };
  for (const root of view.roots) {
    const texts: { path: string; text: string }[] = [];
    for (const file of files.filter((f) => f.root === root && detectManifest(f.rel))) {
      signal?.throwIfAborted();
      const abs = `${root.real}/${file.rel}`;
      const size = await stat(abs).then(
        (s) => s.size,
        () => -1,
      );
      if (size < 0) out.warnings.push(`${file.shown} could not be read.`);
      else if (size > MAX_MANIFEST_BYTES) out.warnings.push(`${file.shown} is ${size} bytes, over the ${MAX_MANIFEST_BYTES}-byte limit: not read.`);
      else texts.push({ path: file.rel, text: await readFile(abs, 'utf8') });
    }
    if (texts.length === 0) continue;
    const shown = (rel: string) => displayPath(view.roots, root, rel);
    const resolved = resolveWorkspaceDependencies(texts);
    out.manifests.push(...resolved.manifests.map((m) => ({ ...m, path: shown(m.path) })));
    out.dependencies.push(...resolved.dependencies.map((d) => ({ ...d, manifest: shown(d.manifest) })));
    // Warnings name the file by its path relative to the root; with several roots, say which.
    out.warnings.push(...resolved.warnings.map((w) => (view.roots.length > 1 ? `${root.name}: ${w}` : w)));
  }
  return out;
}
