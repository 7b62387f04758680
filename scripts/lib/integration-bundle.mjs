// Bundles the integration suites (test/integration/index.ts + every *.test.ts) for the extension
// host: one CommonJS file each in outDir, so index.js finds the suites next to itself at runtime,
// as it would in an unbundled tsc output.
// - `vscode` is provided by the host. The host hands out the API per extension, judged by the
//   requiring file's path, so outDir must lie inside an extension (the runner extension on
//   code-server; the repo itself, the extensionDevelopmentPath, under test-electron).
// - `mocha` is not bundled (it loads reporters and files dynamically); it is required by absolute
//   path from the repo's node_modules, which works wherever the bundle is copied to on this machine.
import { readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { build } from 'esbuild';
import { repoRoot } from './code-server.mjs';

const mochaPath = createRequire(join(repoRoot, 'package.json')).resolve('mocha');

/** @returns {Promise<string>} absolute path of the bundled index.js (extensionTestsPath). */
export async function bundleIntegrationTests(outDir = join(repoRoot, '.cache', 'it', 'suites')) {
  const itOutDir = outDir;
  const srcDir = join(repoRoot, 'test', 'integration');
  const entries = readdirSync(srcDir)
    .filter((f) => f === 'index.ts' || f.endsWith('.test.ts'))
    .map((f) => join(srcDir, f));
  rmSync(itOutDir, { recursive: true, force: true });
  await build({
    entryPoints: entries,
    outdir: itOutDir,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    plugins: [
      {
        name: 'mocha-from-repo',
        setup(b) {
          b.onResolve({ filter: /^mocha$/ }, () => ({ path: mochaPath, external: true }));
        },
      },
    ],
    sourcemap: 'inline', // stack traces in failures point at the .ts lines
    logLevel: 'warning',
  });
  return join(itOutDir, 'index.js');
}
