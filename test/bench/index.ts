// `npm run bench`: how fast the things a person waits for are. Prints medians; asserts nothing
// (timings vary by machine, so they never gate tests). Compare runs on the same machine.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConnectorsFile } from '../../src/core/connectors/connectorsFile';
import { applyMinimalEdit } from '../../src/core/connectors/fileEdits';
import { ConnectorRegistry } from '../../src/core/connectors/registry';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { ConfirmationService } from '../../src/core/tools/confirmation';
import { ToolCaller } from '../../src/core/tools/toolCaller';
import { startEverything } from '../helpers/everythingServer';
import { benchAgent } from './agent';
import { benchBuiltins } from './builtins';
import { benchDependencies } from './dependencies';
import { benchWebview } from './webview';
import { benchWebviewStress } from './webviewStress';
import { connectorOf, EVERYTHING_ENTRY, sessionFor } from '../helpers/sessions';

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
  const entries = Array.from({ length: n }, (_, i) =>
    `    // entry ${i}\n    { "name": "c${i}", "command": "node", "args": ["server-${i}.js"], "env": { "TOKEN": "\${secret:t${i}}" } }`,
  );
  return `{\n  "connectors": [\n${entries.join(',\n')}\n  ]\n}\n`;
}

async function main(): Promise<void> {
  const text = bigFile(2000);
  await measure('parse + validate a connectors file of 2,000 entries', 20, () => parseConnectorsFile(text, 'bench.json'));
  await measure('minimal edit (append) to a 2,000-entry file', 20, () =>
    applyMinimalEdit(text, ['connectors', -1], { name: 'new', command: 'node' }),
  );

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

  const { session } = sessionFor({ name: 'e', command: process.execPath, args: [EVERYTHING_ENTRY, 'stdio'] });
  await session.ensureReady();
  await measure('stdio: tools/call echo round trip', 200, () => session.callTool('echo', { message: 'hi' }));
  await session.dispose();

  // Direct calls through the core (policy, argument validation, confirmation check, session)
  // against the bare SDK client on the same kind of server: the price of the rules.
  const bare = new Client({ name: 'bench', version: '0' });
  await bare.connect(new StdioClientTransport({ command: process.execPath, args: [EVERYTHING_ENTRY, 'stdio'] }));
  const config = { name: 'e', command: process.execPath, args: [EVERYTHING_ENTRY, 'stdio'] };
  const ours = sessionFor(config).session;
  await ours.ensureReady();
  const caller = new ToolCaller({ confirmations: new ConfirmationService({ confirm: async () => 'allow' }), policy: () => 'unlessReadOnly' });
  const connector = connectorOf(config);
  const times = { bare: [] as number[], core: [] as number[] };
  for (let i = 0; i < 1000; i++) {
    // Interleaved so both see the same machine conditions.
    let t = performance.now();
    await bare.callTool({ name: 'echo', arguments: { message: `m${i}` } });
    times.bare.push(performance.now() - t);
    t = performance.now();
    await caller.call({ connector, session: ours, toolName: 'echo', args: { message: `m${i}` } });
    times.core.push(performance.now() - t);
  }
  const [mb, mc] = [median(times.bare), median(times.core)];
  console.log(`${'echo × 1,000: bare SDK client'.padEnd(58)} ${mb.toFixed(3)} ms  (median)`);
  console.log(`${'echo × 1,000: ToolCaller (policy, validation, session)'.padEnd(58)} ${mc.toFixed(3)} ms  (median)  overhead ${(((mc - mb) / mb) * 100).toFixed(1)} %`);
  await bare.close();
  await ours.dispose();

  const http = await startEverything('streamableHttp');
  const remote = sessionFor({ name: 'h', url: `http://127.0.0.1:${http.port}/mcp` }).session;
  await remote.ensureReady();
  await measure('Streamable HTTP: tools/call echo round trip', 200, () => remote.callTool('echo', { message: 'hi' }));
  await remote.dispose();
  await http.stop();

  await benchAgent();
  await benchBuiltins();
  await benchWebview();
  await benchWebviewStress();
  await benchDependencies();
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
