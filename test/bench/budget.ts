// `npm run bench -- budget`: what a diligent model's 12-round audit sends, with the context budget
// (32,000 tokens) and without it (a window too large to ever compact): tokens per request (first,
// median, largest, estimated at CHARS_PER_TOKEN) and in total. The model calls echo with 20,000
// fresh characters every round, as the issue measured on main before the budget existed.
import { randomBytes } from 'node:crypto';
import { CHARS_PER_TOKEN } from '../../src/core/agent/contextBudget';
import { sandbox, stdioEverything } from '../component/cli-harness';
import { startFakeModel, type RecordedRequest } from '../fixtures/fakeModel/server';

function chars(r: RecordedRequest): number {
  const messages = r.body.messages as Array<{ content?: string | null; tool_calls?: Array<{ function: { name: string; arguments: string } }> }>;
  let n = JSON.stringify(r.body.tools ?? []).length;
  for (const m of messages) {
    n += (m.content ?? '').length;
    for (const c of m.tool_calls ?? []) n += c.function.name.length + c.function.arguments.length;
  }
  return n;
}

async function run(window: number): Promise<number[]> {
  const box = await sandbox();
  const fake = await startFakeModel((request) =>
    request.body.tool_choice === 'required'
      ? {
          toolCalls: [
            { name: 'submit_audit_report', arguments: { target: 'acme/widgets', verdict: 'ADOPT WITH CAUTION', summary: 'Budget reached.', findings: [] } },
          ],
        }
      : { toolCalls: [{ name: 'everything__echo', arguments: { message: randomBytes(10_000).toString('hex') } }] },
  );
  try {
    const config = await box.file('connectors.json', { connectors: [stdioEverything()] });
    const args = ['--config', config, 'audit', 'acme/widgets', '--provider', 'openai', '--base-url', fake.baseUrl, '--model', 'm'];
    await box.run([...args, '--max-rounds', '12', '--max-context-tokens', String(window), '--fail-on', 'never']);
    return fake.requests.map((r) => Math.ceil(chars(r) / CHARS_PER_TOKEN));
  } finally {
    await fake.close();
    await box.dispose();
  }
}

export async function benchBudget(): Promise<void> {
  for (const [label, window] of [
    ['with the budget (32,000-token window)', 32_000],
    ['without compaction (10,000,000-token window)', 10_000_000],
  ] as const) {
    const tokens = await run(window);
    const sorted = [...tokens].sort((a, b) => a - b);
    const total = tokens.reduce((a, b) => a + b, 0);
    console.log(
      `${label}: ${tokens.length} requests; tokens per request first ${tokens[0]}, median ${sorted[Math.floor(sorted.length / 2)]}, largest ${sorted.at(-1)}; total ${total}`,
    );
  }
}
