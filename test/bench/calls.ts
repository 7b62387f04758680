// A direct call against the bare SDK client doing the same call: what our session and the
// ToolCaller's rules (policy, argument validation, confirmation check, pins) add, over stdio and
// over Streamable HTTP. The variants run round-robin (one call of each, then the next round), so
// machine noise from other processes hits all of them alike. Prints medians and p99; asserts
// nothing (see index.ts).
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CallToolResult, Tool } from '@modelcontextprotocol/sdk/types.js';
import type { ConnectorConfig } from '../../src/core/connectors/schema';
import type { ConnectorSession } from '../../src/core/mcp/session';
import { pinFileIn } from '../../src/core/pins/pinFile';
import { ToolPins } from '../../src/core/pins/toolPins';
import { ConfirmationService } from '../../src/core/tools/confirmation';
import { ToolCaller } from '../../src/core/tools/toolCaller';
import { startEverything } from '../helpers/everythingServer';
import { connectorOf, EVERYTHING_ENTRY, sessionFor } from '../helpers/sessions';

/** Calls per variant; `BENCH_CALLS=200 npm run bench` for a quick look. */
const CALLS = Number(process.env.BENCH_CALLS ?? 1000);
const WARMUP = 100;

interface Variant {
  name: string;
  call: (i: number) => Promise<unknown>;
  times: number[];
}

function quantile(xs: readonly number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * q))];
}

function ms(x: number): string {
  return x < 10 ? x.toFixed(3) : x.toFixed(1);
}

/** A small seeded PRNG (mulberry32): the same call order on every run. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function roundRobin(variants: Variant[], calls: number): Promise<void> {
  for (let i = 0; i < WARMUP; i++) for (const v of variants) await v.call(i);
  const next = random(calls);
  const order = [...variants];
  for (let i = 0; i < calls; i++) {
    // A fresh order each round: a fixed one would always run a variant right after the same other
    // one, and a peer still busy finishing the previous call (its server's GC, say) would tax it.
    for (let k = order.length - 1; k > 0; k--) {
      const j = Math.floor(next() * (k + 1));
      [order[k], order[j]] = [order[j], order[k]];
    }
    for (const v of order) {
      const t = performance.now();
      await v.call(i);
      v.times.push(performance.now() - t);
    }
  }
}

function report(variants: Variant[], baseline: Variant): void {
  const base = quantile(baseline.times, 0.5);
  const baseP99 = quantile(baseline.times, 0.99);
  for (const v of variants) {
    const m = quantile(v.times, 0.5);
    const p99 = quantile(v.times, 0.99);
    const ratio = v === baseline ? '' : `  ${(m / base).toFixed(3)} × / p99 ${(p99 / baseP99).toFixed(2)} × ${baseline.name}`;
    console.log(`${v.name.padEnd(58)} ${ms(m)} ms  p99 ${ms(p99)} ms${ratio}`);
  }
}

/** Other connectors pinned beside the benchmarked one: a pin file as it grows with use. */
const OTHER_PINNED = 10;

/**
 * Runs `fn` with Node's printing of MaxListenersExceededWarning replaced by a count: thousands of
 * HTTP calls in a row would print one line per call past 1,500 (see the note printed after the
 * HTTP results). Every other warning is printed as usual.
 */
async function countingListenerWarnings(fn: () => Promise<void>): Promise<number> {
  const printers = process.listeners('warning');
  let count = 0;
  const filter = (w: Error) => {
    if (w.name === 'MaxListenersExceededWarning') count++;
    else for (const print of printers) print(w);
  };
  process.removeAllListeners('warning').on('warning', filter);
  try {
    await fn();
  } finally {
    process.off('warning', filter);
    for (const print of printers) process.on('warning', print);
  }
  return count;
}

function toolCallerFor(pins?: ToolPins): ToolCaller {
  return new ToolCaller({ confirmations: new ConfirmationService({ confirm: async () => 'allow' }), policy: () => 'unlessReadOnly', pins });
}

/** Tool pins as the extension and the agent use them, in a file that already pins other connectors. */
async function pinsBeside(tools: readonly Tool[]): Promise<ToolPins> {
  const pins = new ToolPins({ file: pinFileIn(mkdtempSync(join(tmpdir(), 'ca-bench-pins-'))) });
  for (let i = 0; i < OTHER_PINNED; i++) await pins.review(connectorOf({ name: `other${i}`, command: 'node' }), tools);
  return pins;
}

/** Our session, connected; every variant gets its own, as the bare client has its own transport. */
async function connected(config: ConnectorConfig): Promise<ConnectorSession> {
  const session = sessionFor(config).session;
  await session.ensureReady();
  return session;
}

/**
 * The ways to call `echo` over one transport kind. Every variant's calls are spread evenly over
 * connections of their own (server processes over stdio, HTTP sessions), so each connection
 * carries the same traffic as the bare client's and no variant owns a faster or slower server
 * process; a second bare SDK client shows the spread between two identical connections (the
 * noise floor of the ratios).
 */
async function variantsOver(label: string, bare: Client[], config: ConnectorConfig, sessions: ConnectorSession[]): Promise<Variant[]> {
  const connector = connectorOf(config);
  const ours = await Promise.all([connected(config), connected(config), connected(config)]);
  sessions.push(...ours);
  // Rotates with the call number, and starts one further for each variant.
  const pick = (i: number, k: number) => ours[(i + k) % ours.length];
  const caller = toolCallerFor();
  const pinned = toolCallerFor(await pinsBeside(await ours[0].ensureReady()));
  const bareCall = (client: Client) => (i: number) => client.callTool({ name: 'echo', arguments: { message: `m${i}` } });
  return [
    { name: `${label}: bare SDK client`, times: [], call: bareCall(bare[0]) },
    { name: `${label}: bare SDK client, 2nd connection`, times: [], call: bareCall(bare[1]) },
    { name: `${label}: ConnectorSession.callTool`, times: [], call: (i) => pick(i, 0).callTool('echo', { message: `m${i}` }) },
    {
      name: `${label}: ToolCaller (policy, validation, session)`,
      times: [],
      call: (i) => caller.call({ connector, session: pick(i, 1), toolName: 'echo', args: { message: `m${i}` } }),
    },
    {
      name: `${label}: ToolCaller + tool pins (${OTHER_PINNED + 1} connectors pinned)`,
      times: [],
      call: (i) => pinned.call({ connector, session: pick(i, 2), toolName: 'echo', args: { message: `m${i}` } }),
    },
  ];
}

/**
 * What the ToolCaller's rules cost in CPU alone: the same calls against a session that answers at
 * once (no process, no I/O), so nothing but our code is timed. Over a real transport this part is
 * lost in the noise of two processes taking turns on the CPU.
 */
async function callerCpuCost(tools: readonly Tool[], config: ConnectorConfig): Promise<void> {
  const result: CallToolResult = { content: [{ type: 'text', text: 'Echo: m' }] };
  const instant = { state: { status: 'ready', tools }, ensureReady: async () => tools, callTool: async () => result } as unknown as ConnectorSession;
  const caller = toolCallerFor();
  const pinned = toolCallerFor(await pinsBeside(tools));
  const connector = connectorOf(config);
  const variants: Variant[] = [
    { name: 'instant session alone (the stand-in, no rules)', times: [], call: (i) => instant.callTool('echo', { message: `m${i}` }) },
    { name: 'instant session: ToolCaller', times: [], call: (i) => caller.call({ connector, session: instant, toolName: 'echo', args: { message: `m${i}` } }) },
    {
      name: 'instant session: ToolCaller + tool pins',
      times: [],
      call: (i) => pinned.call({ connector, session: instant, toolName: 'echo', args: { message: `m${i}` } }),
    },
  ];
  // Batches of 100 calls per timing: one call is too short for the clock.
  const batched = variants.map((v) => ({
    ...v,
    call: async (i: number) => {
      for (let j = 0; j < 100; j++) await v.call(i * 100 + j);
    },
  }));
  await roundRobin(batched, Math.max(100, CALLS / 5));
  console.log('CPU of our rules per call, against a session that answers at once (median, p99 of batches of 100):');
  for (const [k, v] of batched.entries()) {
    const us = (q: number) => ((quantile(v.times, q) / 100) * 1000).toFixed(2);
    console.log(`${variants[k].name.padEnd(58)} ${us(0.5)} µs  p99 ${us(0.99)} µs per call`);
  }
}

export async function benchCalls(): Promise<void> {
  const stdioConfig: ConnectorConfig = { name: 'e', command: process.execPath, args: [EVERYTHING_ENTRY, 'stdio'] };
  const bareStdio = [new Client({ name: 'bench', version: '0' }), new Client({ name: 'bench', version: '0' })];
  for (const client of bareStdio) {
    // stderr ignored: server-everything announces itself there, and the SDK would inherit it.
    await client.connect(new StdioClientTransport({ command: process.execPath, args: [EVERYTHING_ENTRY, 'stdio'], stderr: 'ignore' }));
  }

  const http = await startEverything('streamableHttp');
  const url = `http://127.0.0.1:${http.port}/mcp`;
  const httpConfig: ConnectorConfig = { name: 'h', url };
  const bareHttp = [new Client({ name: 'bench', version: '0' }), new Client({ name: 'bench', version: '0' })];
  for (const client of bareHttp) await client.connect(new StreamableHTTPClientTransport(new URL(url)));

  const sessions: ConnectorSession[] = [];
  try {
    const stdio = await variantsOver('stdio echo', bareStdio, stdioConfig, sessions);
    const remote = await variantsOver('HTTP echo', bareHttp, httpConfig, sessions);
    await callerCpuCost(await sessions[0].ensureReady(), stdioConfig);
    console.log(`direct calls, ${CALLS} per variant, round-robin in shuffled order (median, p99, ratio to the bare SDK client):`);
    await roundRobin(stdio, CALLS);
    report(stdio, stdio[0]);
    const piled = await countingListenerWarnings(() => roundRobin(remote, CALLS));
    report(remote, remote[0]);
    if (piled) {
      console.log(
        `  (${piled} MaxListenersExceededWarning during the HTTP calls: undici keeps an abort listener per request on the SDK transport's one signal until a full GC; not counted per call here)`,
      );
    }
  } finally {
    await Promise.all([...bareStdio, ...bareHttp].map((c) => c.close()));
    await Promise.all(sessions.map((s) => s.dispose()));
    await http.stop();
  }
}
