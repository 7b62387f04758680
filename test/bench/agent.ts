// The agent loop's own cost, with a zero-latency scripted model and tools served in process
// (SDK McpServer over InMemoryTransport, real MCP messages): what a round costs on top of the
// model and the tools, and whether the tool calls of one turn really overlap. Prints; asserts
// nothing (see index.ts).
import { z } from 'zod';
import { AgentRunner } from '../../src/core/agent/agentRunner';
import { auditInput } from '../../src/core/agent/auditorProfile';
import type { AttachedConnector } from '../../src/core/agent/conversation';
import { ConfirmationService } from '../../src/core/tools/confirmation';
import { collect } from '../helpers/agentRun';
import { inProcessConnector } from '../helpers/inProcessSession';
import { ScriptedModel, toolCall, type ScriptStep } from '../helpers/scriptedModel';

const REPORT = { target: 'bench', verdict: 'SAFE TO ADOPT', summary: 'bench', findings: [] };
const ROUNDS = 200;
const RUNS = 5;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function line(name: string, value: string): void {
  console.log(`${name.padEnd(58)} ${value}`);
}

function runnerFor(steps: ScriptStep[], maxRounds: number): AgentRunner {
  return new AgentRunner({
    model: new ScriptedModel(steps),
    confirmations: new ConfirmationService({ confirm: async () => 'allow' }),
    policy: () => 'listedOnly',
    options: { maxRounds },
  });
}

export async function benchAgent(): Promise<void> {
  const lab: AttachedConnector = await inProcessConnector('lab', (server) => {
    server.registerTool('noop', { description: 'Answers at once.', inputSchema: { n: z.number() } }, async ({ n }) => ({
      content: [{ type: 'text', text: `ok ${n}` }],
    }));
    server.registerTool('wait', { description: 'Answers after ms.', inputSchema: { ms: z.number() } }, async ({ ms }) => {
      await new Promise((r) => setTimeout(r, ms));
      return { content: [{ type: 'text', text: `waited ${ms}` }] };
    });
  });
  try {
    // Loop overhead: ROUNDS rounds of one in-process tool call each, then the report.
    const perRound: number[] = [];
    for (let run = 0; run < RUNS + 1; run++) {
      const steps: ScriptStep[] = Array.from({ length: ROUNDS }, (_, i) => ({ toolCalls: [toolCall('lab__noop', { n: i })] }));
      steps.push({ toolCalls: [toolCall('submit_audit_report', REPORT)] });
      const runner = runnerFor(steps, ROUNDS + 1);
      const t = performance.now();
      const { finished } = await collect(runner.run({ connectors: [lab], messages: [] }, auditInput('bench')));
      const ms = performance.now() - t;
      if (finished.reason !== 'report') throw new Error(`bench run ended with ${finished.reason}: ${finished.message}`);
      if (run > 0) perRound.push(ms / finished.rounds); // the first run warms up the JIT and ajv
    }
    const overhead = median(perRound);
    line(`agent loop: one round (model + 1 in-process tool call), ${ROUNDS} rounds`, `${overhead.toFixed(3)} ms  (median of ${RUNS}; target < 2 ms)`);

    // Concurrency: one turn with 4 calls of 200 ms each.
    const walls: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const runner = runnerFor(
        [{ toolCalls: [0, 1, 2, 3].map((i) => toolCall('lab__wait', { ms: 200 }, `w${i}`)) }, { toolCalls: [toolCall('submit_audit_report', REPORT)] }],
        3,
      );
      const { events } = await collect(runner.run({ connectors: [lab], messages: [] }, auditInput('bench')));
      const starts = events.filter((e) => e.type === 'toolCallStarted' && !e.internal).map((e) => e.at);
      const ends = events.filter((e) => e.type === 'toolCallFinished' && e.name === 'lab__wait').map((e) => e.at);
      walls.push(Math.max(...ends) - Math.min(...starts));
    }
    const wall = median(walls);
    line(
      'agent turn: 4 tool calls × 200 ms (800 ms if sequential)',
      `${wall.toFixed(1)} ms  (median of ${RUNS}; ${(wall / 200).toFixed(3)} × 200 ms, target ≤ 1.15)`,
    );
  } finally {
    await lab.session.dispose();
  }
}

if (require.main === module) {
  benchAgent().then(
    () => process.exit(0),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
