// `node scripts/pack-cli.mjs`: the npm package of the CLI, `connector-auditor`, in packages/cli/.
//   1. packages/cli/package.json takes the root package's version (and its repository, homepage
//      and bugs, when the root has them), so the two never drift;
//   2. a release build of the CLI's two bundles, dist/cli.js and dist/builtins.js (minified, no
//      sourcemaps, every dependency inlined), into packages/cli/dist/, leaving the root dist/ alone;
//   3. the root LICENSE beside them (packages/cli/README.md is the package's own, kept in git);
//   4. `npm pack` into .cache/: the tarball a CI job installs or `npm publish` uploads.
// Prints the tarball's path as the last line of stdout. --no-pack stops after step 3
// (then `npm publish packages/cli` publishes the folder as it is).
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
export const packageDir = join(root, 'packages', 'cli');
const windows = process.platform === 'win32';

function run(cmd, args, cwd) {
  // The tools' own output goes to stderr, so our stdout is just the path.
  const r = spawnSync(cmd, args, { cwd, stdio: ['ignore', 'pipe', 2], encoding: 'utf8', shell: windows });
  if (r.status !== 0) {
    console.error(`pack-cli: \`${cmd} ${args.join(' ')}\` failed (exit ${r.status ?? r.signal})\n${r.stdout ?? ''}`);
    process.exit(r.status || 1);
  }
  return r.stdout;
}

// 1. The manifest follows the root's version; rewritten only when something changed.
const rootPkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const manifestPath = join(packageDir, 'package.json');
const before = readFileSync(manifestPath, 'utf8');
const manifest = JSON.parse(before);
manifest.version = rootPkg.version;
for (const key of ['repository', 'homepage', 'bugs']) if (rootPkg[key] !== undefined) manifest[key] = rootPkg[key];
const after = JSON.stringify(manifest, null, 2) + '\n';
if (after !== before) {
  writeFileSync(manifestPath, after);
  console.error(`pack-cli: packages/cli/package.json now at version ${manifest.version}`);
}

// 2. Fresh bundles: nothing left over from an earlier build (a stale sourcemap would be packed).
rmSync(join(packageDir, 'dist'), { recursive: true, force: true });
process.stderr.write(run(process.execPath, [join(root, 'scripts', 'build.mjs'), '--release', '--cli-only', '--outdir', join(packageDir, 'dist')], root));

// 3. The licence the package is published under.
copyFileSync(join(root, 'LICENSE'), join(packageDir, 'LICENSE'));

if (process.argv.includes('--no-pack')) {
  console.log(packageDir);
} else {
  // 4. The tarball, as npm makes it (the "files" whitelist, plus package.json, README and LICENSE).
  const destination = join(root, '.cache');
  mkdirSync(destination, { recursive: true });
  const [packed] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', destination], packageDir));
  const tarball = join(destination, packed.filename);
  console.error(
    `pack-cli: ${packed.entryCount} files, ${(statSync(tarball).size / 1024).toFixed(1)} KiB packed, ${(packed.unpackedSize / 1024).toFixed(1)} KiB unpacked`,
  );
  for (const f of packed.files) console.error(`  ${String(f.size).padStart(9)}  ${f.path}`);
  console.log(tarball);
}
