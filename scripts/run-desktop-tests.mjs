// `npm run test:desktop`: the same integration suites as `npm run test:integration`, but in a
// desktop VS Code via @vscode/test-electron (the classic extension-test setup). It downloads
// VS Code, so it runs only where that is possible (not on the offline build machines; there,
// `npm run test:integration` runs the suites in code-server instead).
//
// Env: VSCODE_EXECUTABLE  use this VS Code binary instead of downloading one
//      VSCODE_VERSION     version to download (default: stable)
// Options: --no-build     reuse dist/ as it is
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { copySampleWorkspace, repoRoot, TEST_SETTINGS } from './lib/code-server.mjs';
import { bundleIntegrationTests } from './lib/integration-bundle.mjs';

if (!process.argv.includes('--no-build')) {
  const r = spawnSync('npm', ['run', '--silent', 'build'], { cwd: repoRoot, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status || 1);
}
// The bundle lands inside the repo, i.e. inside the extensionDevelopmentPath, so that the
// suites' `require('vscode')` is attributed to the extension under test.
const extensionTestsPath = await bundleIntegrationTests(join(repoRoot, '.cache', 'it', 'desktop-suites'));

const tmp = mkdtempSync(join(tmpdir(), 'ca-desktop-'));
const home = join(tmp, 'connector-auditor-home');
const workspace = copySampleWorkspace(tmp);
mkdirSync(home, { recursive: true });
// The start-consent modal would block the suites' stdio connectors, as in the code-server runs.
mkdirSync(join(tmp, 'user-data', 'User'), { recursive: true });
writeFileSync(join(tmp, 'user-data', 'User', 'settings.json'), JSON.stringify(TEST_SETTINGS, null, 2));

let code = 1;
try {
  code = await runTests({
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath,
    extensionTestsEnv: { CONNECTOR_AUDITOR_HOME: home },
    cachePath: join(repoRoot, '.cache', 'vscode-test'), // downloaded VS Code builds (git-ignored)
    ...(process.env.VSCODE_EXECUTABLE ? { vscodeExecutablePath: process.env.VSCODE_EXECUTABLE } : { version: process.env.VSCODE_VERSION ?? 'stable' }),
    launchArgs: [
      workspace,
      '--user-data-dir',
      join(tmp, 'user-data'),
      '--extensions-dir',
      join(tmp, 'extensions'),
      '--disable-extensions', // other installed extensions; the one under development still loads
      // (test-electron itself adds --skip-welcome, --skip-release-notes, --disable-workspace-trust…)
    ],
  });
} catch (err) {
  console.error(`desktop tests failed: ${err?.message ?? err}`);
  code = 1;
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
process.exit(code);
