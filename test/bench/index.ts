// `npm run bench`: how fast the things a person waits for are. Prints medians; asserts nothing
// (timings vary by machine, so they never gate tests). Compare runs on the same machine.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConnectorsFile } from '../../src/core/connectors/connectorsFile';
import { applyMinimalEdit } from '../../src/core/connectors/fileEdits';
import { ConnectorRegistry } from '../../src/core/connectors/registry';
import { benchAgent } from './agent';
import { benchBudget } from './budget';
import { benchBuiltins } from './builtins';
import { benchCalls } from './calls';
import { benchDependencies } from './dependencies';
import { benchDependencyAudit } from './dependencyAudit';
import { benchWebview } from './webview';
import { benchWebviewStress } from './webviewStress';
import { EVERYTHING_ENTRY, sessionFor } from '../helpers/sessions';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function measure(name: string, runs: number, fn: () => unknown | Promise<unknown>): Promise<void> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  const m = median(times);
  console.log(`${name.padEnd(58)} ${m < 1 ? m.toFixed(3) : m.toFixed(1)} ms  (median of ${runs})`);
}

function bigFile(n: number): string {
  const entries = Array.from(
    { length: n },
    (_, i) => `    // entry ${i}\n    { "name": "c${i}", "command": "node", "args": ["server-${i}.js"], "env": { "TOKEN": "\${secret:t${i}}" } }`,
  );
  return `{\n  "connectors": [\n${entries.join(',\n')}\n  ]\n}\n`;
}

async function main(): Promise<void> {
  // `npm run bench -- calls`: only the direct-call comparison (for profiling and repeated runs).
  if (process.argv[2] === 'calls') return benchCalls();
  // `npm run bench -- budget`: what a long audit sends with and without the context budget.
  if (process.argv[2] === 'budget') return benchBudget();
  const text = bigFile(2000);
  await measure('parse + validate a connectors file of 2,000 entries', 20, () => parseConnectorsFile(text, 'bench.json'));
  await measure('minimal edit (append) to a 2,000-entry file', 20, () => applyMinimalEdit(text, ['connectors', -1], { name: 'new', command: 'node' }));

  const dir = mkdtempSync(join(tmpdir(), 'ca-bench-'));
  writeFileSync(join(dir, 'a.json'), bigFile(1000));
  writeFileSync(join(dir, 'b.json'), bigFile(1000));
  const registry = new ConnectorRegistry([
    { visibility: 'private', file: join(dir, 'a.json') },
    { visibility: 'shared_workspace', file: join(dir, 'b.json') },
  ]);
  await measure('registry reload: 2 files × 1,000 entries, all duplicated', 10, () => registry.reload());

  await measure('stdio: spawn server-everything, initialize, tools/list', 5, async () => {
    const { session } = sessionFor({ name: 'e', command: process.execPath, args: [EVERYTHING_ENTRY, 'stdio'] });
    await session.ensureReady();
    await session.dispose();
  });

  await benchCalls();

  await benchAgent();
  await benchBuiltins();
  await benchWebview();
  await benchWebviewStress();
  await benchDependencies();
  await benchDependencyAudit();
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
