// `npm run package`: release build, then a VSIX at .cache/connector-auditor.vsix.
// The esbuild bundle in dist/ already contains the runtime dependencies, hence --no-dependencies;
// .vscodeignore keeps everything but dist/, media/ and the metadata files out.
// Prints the VSIX path as the last line of stdout.
import { spawnSync } from 'node:child_process';
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
export const vsixPath = join(root, '.cache', 'connector-auditor.vsix');

function run(cmd, args) {
  // stdout of the tools goes to stderr so our own stdout is just the path.
  const r = spawnSync(cmd, args, { cwd: root, stdio: ['ignore', 2, 2] });
  if (r.status !== 0) {
    console.error(`package: \`${cmd} ${args.join(' ')}\` failed (exit ${r.status ?? r.signal})`);
    process.exit(r.status || 1);
  }
}

mkdirSync(join(root, '.cache'), { recursive: true });
run('npm', ['run', '--silent', 'build:release']);
// --allow-missing-repository: package.json has no "repository" yet and vsce would otherwise stop
// at an interactive prompt (which fails in CI, where there is no stdin).
// --no-rewrite-relative-links: without a repository vsce cannot make README's relative image links
// absolute and refuses to package; kept relative, they resolve inside the installed extension.
run(process.execPath, [
  join(root, 'node_modules', '@vscode', 'vsce', 'vsce'),
  'package',
  '--no-dependencies',
  '--allow-missing-repository',
  '--no-rewrite-relative-links',
  '--out',
  vsixPath,
]);
console.error(`package: ${(statSync(vsixPath).size / 1024).toFixed(1)} KiB`);
console.log(vsixPath);
