// `npm run test:integration`: runs the mocha suites in test/integration INSIDE a real VS Code
// extension host (code-server), with the packaged VSIX installed as a person would have it.
//
// How: a tiny generated "runner" extension (.cache/it/runner-ext, activates onStartupFinished)
// carries the bundled suites in its suites/ folder, calls runSuites() from them and writes a JSON
// report to $CA_IT_RESULT. code-server only starts an extension host once a client connects, so headless
// Chromium opens the workbench and we wait for the report file.
//
// Options: --no-package  reuse .cache/connector-auditor.vsix (npm test has just built it)
// Env:     CA_KEEP_TMP=1  keep the temp profile, workspace and logs even when all passed
// Ends with a line "N passed, N failed"; exit code 1 on any failure.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { copySampleWorkspace, installVsix, launchBrowser, repoRoot, sleep, startCodeServer, TEST_SETTINGS } from './lib/code-server.mjs';
import { bundleIntegrationTests } from './lib/integration-bundle.mjs';

const TIMEOUT_MS = Number(process.env.CA_IT_TIMEOUT_MS ?? 180_000);
const vsix = join(repoRoot, '.cache', 'connector-auditor.vsix');
const itDir = join(repoRoot, '.cache', 'it');

function fail(message) {
  console.error(`\nintegration: ${message}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}

if (!process.argv.includes('--no-package')) {
  const r = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'package.mjs')], { encoding: 'utf8' });
  if (r.status !== 0) {
    console.error(r.stderr);
    fail('packaging the extension failed');
  }
}
if (!existsSync(vsix)) fail(`${vsix} not found; run npm run package`);

const runnerVsix = await packageRunnerExtension();

// Fresh profile, workspace copy and private registry folder for every run.
const tmp = mkdtempSync(join(tmpdir(), 'ca-it-'));
const userDataDir = join(tmp, 'user-data');
const extensionsDir = join(tmp, 'extensions');
const home = join(tmp, 'connector-auditor-home');
const resultFile = join(tmp, 'result.json');
const workspace = copySampleWorkspace(tmp);
mkdirSync(home, { recursive: true });
installVsix({ vsix: [vsix, runnerVsix], userDataDir, extensionsDir });

const started = Date.now();
const server = await startCodeServer({
  folder: workspace,
  userDataDir,
  extensionsDir,
  env: { CONNECTOR_AUDITOR_HOME: home, CA_IT_RESULT: resultFile },
  settings: TEST_SETTINGS,
});
let browser;
let report;
try {
  browser = await launchBrowser();
  await browser.page.goto(server.url);
  const deadline = Date.now() + TIMEOUT_MS;
  while (!existsSync(resultFile)) {
    if (Date.now() > deadline) break;
    await sleep(500);
  }
  if (existsSync(resultFile)) report = JSON.parse(readFileSync(resultFile, 'utf8'));
  else {
    mkdirSync(join(repoRoot, 'test-results'), { recursive: true });
    await browser.page.screenshot({ path: join(repoRoot, 'test-results', 'integration-timeout.png') }).catch(() => {});
  }
} finally {
  await browser?.close().catch(() => {});
  await server.stop();
}

if (!report) {
  printExtensionHostLogs();
  fail(`no result after ${TIMEOUT_MS / 1000} s (screenshot: test-results/integration-timeout.png, files kept in ${tmp})`);
}
console.log(report.output);
console.log(`\nintegration: ${((Date.now() - started) / 1000).toFixed(1)} s in code-server`);
if (report.failures > 0) printExtensionHostLogs();
if (report.failures > 0 || process.env.CA_KEEP_TMP) {
  console.log(`(profile and logs kept in ${tmp})`);
} else {
  rmSync(tmp, { recursive: true, force: true });
}
console.log(`${report.passes} passed, ${report.failures} failed`);
process.exit(report.failures > 0 || report.passes === 0 ? 1 : 0);

/** Writes the runner extension with the bundled suites inside and packages it; returns the VSIX path. */
async function packageRunnerExtension() {
  const dir = join(itDir, 'runner-ext');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  await bundleIntegrationTests(join(dir, 'suites'));
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify(
      {
        name: 'integration-runner',
        publisher: 'connector-auditor-tests',
        displayName: 'Connector Auditor integration test runner',
        version: '0.0.0',
        license: 'MIT',
        engines: { vscode: '^1.90.0' },
        main: './extension.js',
        activationEvents: ['onStartupFinished'],
        // No extensionDependencies on the extension under test on purpose: if it failed to activate,
        // VS Code would silently never activate the runner and we'd only see a timeout. The
        // activation suite activates it explicitly and reports the error instead.
      },
      null,
      2,
    ),
  );
  writeFileSync(join(dir, 'README.md'), 'Runs the integration suites; generated by scripts/run-integration.mjs.\n');
  writeFileSync(
    join(dir, 'extension.js'),
    `// Generated by scripts/run-integration.mjs.
const fs = require('fs');
exports.activate = () => {
  const out = process.env.CA_IT_RESULT;
  if (!out) return; // installed outside the runner: stay inert
  // Not awaited: activation returns at once, the suites run in the background.
  (async () => {
    let report;
    try {
      report = await require('./suites/index.js').runSuites();
    } catch (err) {
      const msg = String((err && err.stack) || err);
      report = { passes: 0, failures: 1, pending: 0, tests: [{ title: 'loading the suites', state: 'failed', error: msg }],
        output: 'the integration suites could not run:\\n' + msg };
    }
    fs.writeFileSync(out + '.tmp', JSON.stringify(report, null, 2));
    fs.renameSync(out + '.tmp', out); // the runner polls for this file; never let it see half of it
  })();
};
exports.deactivate = () => {};
`,
  );
  const out = join(itDir, 'integration-runner.vsix');
  const r = spawnSync(
    process.execPath,
    [join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--out', out],
    { cwd: dir, encoding: 'utf8' },
  );
  if (r.status !== 0) fail(`packaging the runner extension failed:\n${r.stdout}\n${r.stderr}`);
  return out;
}

/** Activation errors end up in the extension host's log, and the extension's own output channel
 *  has its story; show the relevant tails (the rest of the logs is built-in extensions' noise). */
function printExtensionHostLogs() {
  const show = (file, lines) => {
    if (lines.length) console.error(`\n--- ${file.slice(tmp.length + 1)} ---\n${lines.slice(-30).join('\n')}`);
  };
  const walk = (d) => {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else if (n === 'remoteexthost.log') {
        show(
          p,
          readFileSync(p, 'utf8')
            .split('\n')
            .filter((l) => /\[(error|warning)\]|connector-auditor/i.test(l)),
        );
      } else if (/connector-auditor\.connector-auditor/.test(p) && n.endsWith('.log')) {
        show(p, readFileSync(p, 'utf8').trimEnd().split('\n'));
      }
    }
  };
  try {
    walk(join(userDataDir, 'logs'));
  } catch {
    /* no logs yet */
  }
  show(server.logFile, readFileSync(server.logFile, 'utf8').trimEnd().split('\n').slice(-15));
}
