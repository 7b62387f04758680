// `npm test`: every check and test layer, in order, stopping at the first failure:
//   code-server setup (so a fresh machine needs nothing by hand), typecheck, layer check, lint, build,
//   unit, component, MCP conformance (client scenarios, CLI as the client), package + VSIX content
//   check, integration (extension host in code-server), e2e (code-server + headless Chromium, light
//   and dark).
// Ends with a summary and a last line "N passed, N failed" summing the tests it could count.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const node = process.execPath;

/** name, command, and how to read test counts from its output (null: a check, not counted). */
const steps = [
  { name: 'code-server setup', cmd: ['bash', 'scripts/setup-code-server.sh'] },
  { name: 'typecheck', cmd: ['npm', 'run', '--silent', 'typecheck'] },
  { name: 'layer check', cmd: ['npm', 'run', '--silent', 'check:layers'] },
  { name: 'lint', cmd: ['npm', 'run', '--silent', 'lint'] },
  { name: 'build', cmd: ['npm', 'run', '--silent', 'build'] },
  { name: 'unit', cmd: [node, 'scripts/run-node-tests.mjs', 'test/unit'], count: nodeTestCounts, needs: 'test/unit' },
  { name: 'component', cmd: [node, 'scripts/run-node-tests.mjs', 'test/component'], count: nodeTestCounts, needs: 'test/component' },
  { name: 'conformance', cmd: [node, 'scripts/run-conformance.mjs'], count: closingLineCounts },
  { name: 'package', cmd: [node, 'scripts/package.mjs'] },
  { name: 'VSIX check', cmd: [node, 'scripts/check-vsix.mjs'] },
  { name: 'integration', cmd: [node, 'scripts/run-integration.mjs', '--no-package'], count: closingLineCounts },
  { name: 'e2e', cmd: [node, 'scripts/run-e2e.mjs', '--no-package'], count: closingLineCounts },
];

const results = [];
const t0 = Date.now();
for (const step of steps) {
  if (step.needs && !hasTests(join(root, step.needs))) {
    results.push({ ...step, status: 'skipped', note: `no *.test.ts under ${step.needs}` });
    console.log(`\n▶ ${step.name}: skipped (no *.test.ts under ${step.needs})`);
    continue;
  }
  console.log(`\n▶ ${step.name}: ${step.cmd.map((a) => (a === node ? 'node' : a)).join(' ')}`);
  const started = Date.now();
  const { code, tail } = await run(step.cmd);
  const counts = step.count?.(tail);
  const r = { ...step, status: code === 0 ? 'ok' : 'FAILED', seconds: (Date.now() - started) / 1000, counts };
  if (code !== 0 && counts && counts.failed === 0) counts.failed = 1; // crashed before reporting
  results.push(r);
  if (code !== 0) {
    console.error(`\n✖ ${step.name} failed (exit ${code}); stopping here. Fix it and rerun \`npm test\`.`);
    break;
  }
}
summarize();

function summarize() {
  let passed = 0;
  let failed = 0;
  console.log(`\n${'─'.repeat(60)}\nnpm test summary (${((Date.now() - t0) / 60_000).toFixed(1)} min)`);
  for (const r of results) {
    const counts = r.counts ? `  ${r.counts.passed} passed, ${r.counts.failed} failed` : '';
    const time = r.seconds !== undefined ? `${r.seconds.toFixed(1)} s`.padStart(8) : ''.padStart(8);
    console.log(`  ${r.status.padEnd(8)} ${r.name.padEnd(18)} ${time}${counts}${r.note ? `  (${r.note})` : ''}`);
    passed += r.counts?.passed ?? 0;
    failed += r.counts?.failed ?? 0;
  }
  for (const s of steps.slice(results.length)) console.log(`  ${'not run'.padEnd(8)} ${s.name}`);
  const ok = results.length === steps.length && results.every((r) => r.status !== 'FAILED');
  if (!ok && failed === 0) failed = 1; // a failed check (typecheck, build, …) counts as one failure
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(ok ? 0 : 1);
}

/** Runs a command with its output streamed through; resolves with the exit code and the output's
 *  last 64 KiB (for the counts). */
function run([cmd, ...args]) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let tail = '';
    const keep = (chunk) => {
      tail = (tail + chunk.toString()).slice(-65_536);
    };
    child.stdout.on('data', (c) => {
      process.stdout.write(c);
      keep(c);
    });
    child.stderr.on('data', (c) => {
      process.stderr.write(c);
      keep(c);
    });
    child.on('error', (err) => {
      console.error(err.message);
      resolve({ code: 127, tail });
    });
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), tail }));
  });
}

function stripAnsi(s) {
  return s.replace(/\x1b\[[0-9;]*m/g, '');
}

/** Node's test runner (spec reporter) ends with "ℹ pass N" / "ℹ fail N" lines. */
function nodeTestCounts(out) {
  const text = stripAnsi(out);
  const n = (k) => {
    const all = [...text.matchAll(new RegExp(`^ℹ ${k} (\\d+)$`, 'gm'))];
    return all.length ? Number(all.at(-1)[1]) : 0;
  };
  return { passed: n('pass'), failed: n('fail') + n('cancelled') };
}

/** The integration and e2e runners end with "N passed, N failed". */
function closingLineCounts(out) {
  const all = [...stripAnsi(out).matchAll(/^(\d+) passed, (\d+) failed$/gm)];
  const m = all.at(-1);
  return m ? { passed: Number(m[1]), failed: Number(m[2]) } : { passed: 0, failed: 0 };
}

function hasTests(dir) {
  if (!existsSync(dir)) return false;
  return readdirSync(dir).some((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? hasTests(p) : n.endsWith('.test.ts');
  });
}
