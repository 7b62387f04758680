// How long reading a workspace's dependencies takes: a generated 1,500-package package-lock.json,
// and every fixture manifest and lockfile resolved together. Medians; asserts nothing.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseManifest, resolveWorkspaceDependencies, type WorkspaceFile } from '../../src/core/dependencies';
import { generatedPackageLock, LOCKFILES } from '../helpers/lockfiles';

function median(xs: number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
}

function measure(name: string, runs: number, fn: () => unknown): void {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  console.log(`${name.padEnd(58)} ${median(times).toFixed(1)} ms  (median of ${runs})`);
}

function fixtureFiles(dir: string): WorkspaceFile[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? fixtureFiles(p) : [{ path: relative(LOCKFILES, p), text: readFileSync(p, 'utf8') }];
  });
}

export async function benchDependencies(): Promise<void> {
  const lock = generatedPackageLock();
  measure(`parse a 1,501-package package-lock.json (${(lock.length / 1024).toFixed(0)} KB)`, 20, () =>
    parseManifest('package-lock.json', lock, 'package-lock.json'),
  );
  const big = generatedPackageLock(200, 49);
  measure(`parse a 10,001-package package-lock.json (${(big.length / 1024 / 1024).toFixed(1)} MB)`, 5, () =>
    parseManifest('package-lock.json', big, 'package-lock.json'),
  );
  const files = fixtureFiles(LOCKFILES);
  measure(`resolve all ${files.length} fixture manifests and lockfiles`, 20, () => resolveWorkspaceDependencies(files));
}
