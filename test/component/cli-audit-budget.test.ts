// A diligent model against the budgets: every round it calls echo (server-everything) with
// ~20,000 fresh characters, and it never stops on its own. With --max-rounds 12 and
// --max-context-tokens 32000 the audit must still end with a report (exit 0), no request may pass
// the window, and the report must say what made it. Through the real CLI and the real openai SDK.
import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { CHARS_PER_TOKEN } from '../../src/core/agent/contextBudget';
import { startFakeModel, type FakeModelServer, type RecordedRequest } from '../fixtures/fakeModel/server';
import { sandbox, stdioEverything, type Sandbox } from './cli-harness';

const WINDOW = 32_000;
const FRESH = 20_000;

/** The request's size in characters, counted as the budget counts (messages, tool calls, tool schemas). */
function requestChars(r: RecordedRequest): number {
  const messages = r.body.messages as Array<{ content?: string | null; tool_calls?: Array<{ function: { name: string; arguments: string } }> }>;
  let chars = 0;
  for (const m of messages) {
    chars += (m.content ?? '').length;
    for (const c of m.tool_calls ?? []) chars += c.function.name.length + c.function.arguments.length;
  }
  return chars + JSON.stringify(r.body.tools ?? []).length;
}

describe('audit budgets with a diligent model', () => {
  let box: Sandbox;
  let fake: FakeModelServer;

  beforeEach(async () => {
    box = await sandbox();
    delete box.env.MISTRAL_API_KEY;
    delete box.env.OPENAI_API_KEY;
  });
  afterEach(async () => {
    await fake?.close();
    await box.dispose();
  });

  /** `audit acme/widgets` over server-everything, with the fake model as an OpenAI-compatible server. */
  async function audit(model: string, extra: string[]) {
    const config = await box.file('connectors.json', { connectors: [stdioEverything()] });
    return box.run(['--config', config, 'audit', 'acme/widgets', '--provider', 'openai', '--base-url', fake.baseUrl, '--model', model, ...extra]);
  }

  it('ends with a report after at least six rounds of evidence, every request inside the window, and the report says what made it', async () => {
    fake = await startFakeModel((request) => {
      if (request.body.tool_choice === 'required')
        return {
          toolCalls: [
            {
              name: 'submit_audit_report',
              arguments: {
                target: 'acme/widgets',
                verdict: 'ADOPT WITH CAUTION',
                summary: 'Cut short by the budget; the echo evidence is what there is.',
                findings: [{ analysis: 'quality', severity: 'info', claim: 'echo answers.', sources: ['tool everything__echo'] }],
              },
            },
          ],
        };
      // Fresh characters every round, so nothing repeats and nothing compresses.
      return { toolCalls: [{ name: 'everything__echo', arguments: { message: randomBytes(FRESH / 2).toString('hex') } }] };
    });
    const r = await audit('diligent', ['--max-rounds', '12', '--max-context-tokens', String(WINDOW), '--format', 'json', '--fail-on', 'never']);
    assert.equal(r.code, 0, r.err);
    const report = JSON.parse(r.out) as { schemaVersion: number; generator: { version: string }; generatedAt: string; model: string; calls: { made: number } };
    assert.equal(report.schemaVersion, 1);
    assert.match(report.generator.version, /^\d+\.\d+\.\d+|dev/);
    assert.ok(!Number.isNaN(Date.parse(report.generatedAt)));
    assert.equal(report.model, 'openai:diligent');

    const sizes = fake.requests.map(requestChars);
    const echoRounds = fake.requests.filter((q) => q.body.tool_choice !== 'required').length;
    assert.ok(echoRounds >= 6, `${echoRounds} rounds of evidence`);
    assert.ok(report.calls.made >= 6, `${report.calls.made} calls`);
    const largest = Math.max(...sizes);
    assert.ok(largest / CHARS_PER_TOKEN <= WINDOW, `the largest request is ${largest} characters (${Math.ceil(largest / CHARS_PER_TOKEN)} estimated tokens)`);
    assert.match(r.err, /compacted to keep the request inside the model's context window/);
    // The last request offered only the report tool, and the report says the run was cut short.
    assert.equal(fake.requests.at(-1)?.body.tool_choice, 'required');
    assert.match(r.out, /cut short/);
  });

  it('answers a repeated identical call from the run instead of running it again', async () => {
    let n = 0;
    fake = await startFakeModel(() => {
      n++;
      if (n <= 2) return { toolCalls: [{ name: 'everything__echo', arguments: { message: 'same' } }] };
      return {
        toolCalls: [
          {
            name: 'submit_audit_report',
            arguments: { target: 'acme/widgets', verdict: 'ADOPT WITH CAUTION', summary: 'Echo answered once.', findings: [] },
          },
        ],
      };
    });
    const r = await audit('m', ['--fail-on', 'never']);
    assert.equal(r.code, 0, r.err);
    const toolMessages = (fake.requests[2].body.messages as Array<{ role: string; content: string }>).filter((m) => m.role === 'tool');
    assert.match(toolMessages[1].content, /repeats .* with the same arguments, so it was not run again/);
    assert.match(r.err, /repeat of .*, not run again/);
  });
});
