// `npm run test:e2e`: Playwright-driven end-to-end tests (test/e2e/*.e2e.ts, Node's test runner
// via tsx) against a real VS Code: code-server with the packaged VSIX, in headless Chromium.
// The suite runs once per theme, each time against a fresh code-server, profile, workspace copy
// and private registry. Screenshots go to test-results/screenshots/<theme>/.
//
// Options: --no-package        reuse .cache/connector-auditor.vsix (npm test has just built it)
//          --theme light|dark  run one theme only (default: both)
//          any *.e2e.ts path   run only those files
// Env:     CA_KEEP_TMP=1       keep the temp profile, workspace and logs even when all passed
// Files listed in OWN_SERVER get a code-server of their own (e.g. with workspace trust on); the
// rest share one. Tests get E2E_USER_SETTINGS (the profile's settings.json) to change settings.
// Ends with a line "N passed, N failed"; exit code 1 on any failure.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { copySampleWorkspace, ensureCodeServer, installVsix, repoRoot, startCodeServer, TEST_SETTINGS, THEMES } from './lib/code-server.mjs';
import { startFixture } from './lib/fixtures.mjs';

const args = process.argv.slice(2);
const vsix = join(repoRoot, '.cache', 'connector-auditor.vsix');
const themeArg = args.includes('--theme') ? args[args.indexOf('--theme') + 1] : undefined;
const themes = themeArg ? [themeArg] : ['light', 'dark'];
if (themes.some((t) => !(t in THEMES))) throw new Error(`unknown theme ${themeArg}; use ${Object.keys(THEMES).join(' or ')}`);
let files = args.filter((a) => a.endsWith('.e2e.ts'));
if (files.length === 0) {
  files = readdirSync(join(repoRoot, 'test', 'e2e'))
    .filter((f) => f.endsWith('.e2e.ts'))
    .sort()
    .map((f) => join('test', 'e2e', f));
}

/** Files whose code-server differs from the shared one: workspace trust is disabled everywhere else. */
const OWN_SERVER = {
  'trust.e2e.ts': { workspaceTrust: true },
  // VS Code's "turn AI features off" switch: the connectors must work without any model.
  'aiOff.e2e.ts': { settings: { 'chat.disableAIFeatures': true } },
};
const ownServer = (f) => OWN_SERVER[f.split('/').pop()];

if (!args.includes('--no-package')) {
  const r = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'package.mjs')], { encoding: 'utf8' });
  if (r.status !== 0) {
    console.error(r.stderr);
    finish(0, 1, 'packaging the extension failed');
  }
}
if (!existsSync(vsix)) finish(0, 1, `${vsix} not found; run npm run package`);
ensureCodeServer();

const resultsDir = join(repoRoot, 'test-results');
let passed = 0;
let failed = 0;
for (const theme of themes) {
  const t0 = Date.now();
  const r = await runTheme(theme);
  passed += r.passed;
  failed += r.failed;
  console.log(`e2e (${theme}): ${r.passed} passed, ${r.failed} failed in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}
finish(passed, failed);

async function runTheme(theme) {
  const screenshots = join(resultsDir, 'screenshots', theme);
  rmSync(screenshots, { recursive: true, force: true });
  mkdirSync(screenshots, { recursive: true });
  const groups = [{ label: 'shared', files: files.filter((f) => !ownServer(f)), options: {} }];
  for (const f of files.filter(ownServer))
    groups.push({
      label: f
        .split('/')
        .pop()
        .replace(/\.e2e\.ts$/, ''),
      files: [f],
      options: ownServer(f),
    });
  const total = { passed: 0, failed: 0 };
  for (const g of groups.filter((x) => x.files.length > 0)) {
    const r = await runGroup(theme, screenshots, g);
    total.passed += r.passed;
    total.failed += r.failed;
  }
  return total;
}

async function runGroup(theme, screenshots, { label, files: groupFiles, options }) {
  const tmp = mkdtempSync(join(tmpdir(), `ca-e2e-${theme}-`));
  const userDataDir = join(tmp, 'user-data');
  const extensionsDir = join(tmp, 'extensions');
  const home = join(tmp, 'connector-auditor-home');
  const workspace = copySampleWorkspace(tmp);
  mkdirSync(home, { recursive: true });
  installVsix({ vsix, userDataDir, extensionsDir });

  // The built-in connectors' services, answered by fixtures: nothing leaves the machine.
  const [github, supplyChain, studio] = await Promise.all([
    startFixture('test/fixtures/github/server.ts'),
    startFixture('test/fixtures/supplyChain/server.ts'),
    startFixture('test/fixtures/mistralStudio/main.ts'),
  ]);
  const fixtureEnv = {
    // Mistral Studio (connectors and the Conversations API); its key is FIXTURE_KEYS.valid.
    CONNECTOR_AUDITOR_MISTRAL_URL: studio.url,
    CONNECTOR_AUDITOR_GITHUB_API_URL: github.url,
    CONNECTOR_AUDITOR_OSV_URL: supplyChain.url,
    CONNECTOR_AUDITOR_DEPS_DEV_URL: supplyChain.url,
    CONNECTOR_AUDITOR_SCORECARD_URL: supplyChain.url,
  };
  const server = await startCodeServer({
    folder: workspace,
    userDataDir,
    extensionsDir,
    env: { CONNECTOR_AUDITOR_HOME: home, ...fixtureEnv },
    settings: { ...TEST_SETTINGS, 'workbench.colorTheme': THEMES[theme], ...options.settings },
    workspaceTrust: options.workspaceTrust ?? false,
  });
  const tap = join(resultsDir, label === 'shared' ? `e2e-${theme}.tap` : `e2e-${theme}-${label}.tap`);
  let code;
  try {
    // Two reporters: spec for people, TAP to a file for counting. One file at a time: all
    // files share this code-server.
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '--test',
        '--test-concurrency=1',
        '--test-reporter=spec',
        '--test-reporter-destination=stdout',
        '--test-reporter=tap',
        `--test-reporter-destination=${tap}`,
        ...groupFiles,
      ],
      {
        cwd: repoRoot,
        stdio: ['ignore', 'inherit', 'inherit'],
        env: {
          ...process.env,
          E2E_URL: server.url,
          E2E_THEME: theme,
          E2E_SCREENSHOTS: screenshots,
          E2E_WORKSPACE: workspace,
          E2E_USER_DATA: userDataDir,
          CONNECTOR_AUDITOR_HOME: home,
          E2E_GITHUB_FIXTURE: github.url,
          E2E_SUPPLY_CHAIN_FIXTURE: supplyChain.url,
          E2E_STUDIO_FIXTURE: studio.url,
          E2E_USER_SETTINGS: join(userDataDir, 'User', 'settings.json'),
        },
      },
    );
    code = await new Promise((res) => child.on('exit', (c, s) => res(c ?? (s ? 1 : 0))));
  } finally {
    await server.stop();
    await Promise.all([github.stop(), supplyChain.stop(), studio.stop()]);
  }
  const counts = countTap(tap);
  if (code !== 0 && counts.failed === 0) counts.failed = 1; // crashed before reporting
  if (counts.failed > 0 || process.env.CA_KEEP_TMP) {
    console.log(`e2e (${theme}, ${label}): screenshots in ${relative(repoRoot, screenshots)}, code-server log and profile kept in ${tmp}`);
  } else {
    rmSync(tmp, { recursive: true, force: true });
  }
  return counts;
}

/** Totals from the TAP file: the "# pass N" / "# fail N" lines the runner prints last. */
function countTap(file) {
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const n = (k) => Number(new RegExp(`^# ${k} (\\d+)$`, 'm').exec(text)?.[1] ?? 0);
  return { passed: n('pass'), failed: n('fail') + n('cancelled') };
}

function finish(p, f, message) {
  if (message) console.error(`e2e: ${message}`);
  console.log(`${p} passed, ${f} failed`);
  process.exit(f > 0 || p === 0 ? 1 : 0);
}
