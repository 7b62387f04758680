// A direct call of a Mistral Studio tool follows the rules of a local call (one shared preamble):
// the same server-everything, reached locally over stdio and through the fake Studio API with the
// real @mistralai/mistralai SDK, asks the same questions for the same reasons and refuses the same way.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ConfirmationService, type ConfirmationAnswer, type ConfirmationRequest } from '../../src/core/tools/confirmation';
import { ToolCaller, ToolCallError } from '../../src/core/tools/toolCaller';
import type { ConfirmationDefault } from '../../src/core/connectors/toolPolicy';
import { StudioClient } from '../../src/core/studio/studioClient';
import { callStudioTool } from '../../src/core/studio/studioToolCall';
import { startStudioFixture, type StudioFixture } from '../fixtures/mistralStudio/server';
import { startEverything } from '../helpers/everythingServer';
import { connectorOf, EVERYTHING_ENTRY, sessionFor } from '../helpers/sessions';

function recordingGate(answer: ConfirmationAnswer) {
  const asked: ConfirmationRequest[] = [];
  return { asked, gate: new ConfirmationService({ confirm: async (r) => (asked.push(r), answer) }) };
}

describe('a Studio call and a local call of the same tool', () => {
  const config = { name: 'everything', command: process.execPath, args: [EVERYTHING_ENTRY, 'stdio'] };
  const { session } = sessionFor(config);
  const connector = connectorOf(config);
  let fixture: StudioFixture;
  let everything: Awaited<ReturnType<typeof startEverything>>;
  let client: StudioClient;
  before(async () => {
    [fixture, everything] = await Promise.all([startStudioFixture(), startEverything('streamableHttp')]);
    fixture.seed(1, 'everything', `http://127.0.0.1:${everything.port}/mcp`)[0].name = 'everything';
    client = new StudioClient({ apiKey: fixture.key, serverUrl: fixture.url });
  });
  after(async () => {
    await session.dispose();
    await fixture.close();
    await everything.stop();
  });

  async function both(toolName: string, args: Record<string, unknown>, policy: ConfirmationDefault, answer: ConfirmationAnswer) {
    const local = recordingGate(answer);
    const studio = recordingGate(answer);
    const caller = new ToolCaller({ confirmations: local.gate, policy: () => policy });
    const localOutcome = await caller.call({ connector, session, toolName, args }).then(
      (o) => o,
      (e: unknown) => e,
    );
    const studioOutcome = await callStudioTool({ client, connector: 'everything', toolName, args, confirmations: studio.gate, policy }).then(
      (o) => o,
      (e: unknown) => e,
    );
    return { local, studio, localOutcome, studioOutcome };
  }

  for (const [toolName, args, policy] of [
    ['get-sum', { a: 2, b: 3 }, 'unlessReadOnly'],
    ['get-sum', { a: 2, b: 3 }, 'always'],
    ['toggle-simulated-logging', {}, 'unlessReadOnly'],
    ['echo', { message: 'hi', token: 'sk-very-secret-value' }, 'always'],
  ] as const) {
    it(`${toolName} under policy "${policy}": asked (or not) alike, for the same reason`, async () => {
      const r = await both(toolName, args, policy, 'allow');
      assert.equal(r.studio.asked.length, r.local.asked.length);
      if (r.local.asked.length) {
        const { connectorId: _l, connectorLabel: _ll, ...localAsked } = r.local.asked[0];
        const { connectorId, connectorLabel, ...studioAsked } = r.studio.asked[0];
        assert.deepEqual(studioAsked, localAsked);
        assert.equal(connectorId, 'studio:everything');
        assert.equal(connectorLabel, 'everything (Mistral Studio)');
      }
      assert.ok(!(r.studioOutcome instanceof Error), String(r.studioOutcome));
      assert.ok(!(r.localOutcome instanceof Error), String(r.localOutcome));
    });
  }

  it('a denied call is refused alike and never reaches Studio', async () => {
    const calls = () => fixture.requests.filter((r) => r.method === 'POST' && /\/tools\/.*\/call$/.test(r.path)).length;
    const before = calls();
    const r = await both('toggle-simulated-logging', {}, 'unlessReadOnly', 'deny');
    for (const outcome of [r.localOutcome, r.studioOutcome]) assert.ok(outcome instanceof ToolCallError && outcome.failure === 'denied', String(outcome));
    assert.equal((r.localOutcome as Error).message, 'Calling "toggle-simulated-logging" on "everything" was denied.');
    assert.equal((r.studioOutcome as Error).message, 'Calling "toggle-simulated-logging" on Studio connector "everything" was denied.');
    assert.equal(calls(), before);
  });

  it('invalid arguments and an unknown tool fail alike, before any call', async () => {
    const bad = await both('get-sum', { a: 'two', b: 3 }, 'unlessReadOnly', 'allow');
    for (const outcome of [bad.localOutcome, bad.studioOutcome])
      assert.ok(outcome instanceof ToolCallError && outcome.failure === 'invalid-arguments', String(outcome));
    assert.equal((bad.studioOutcome as Error).message, (bad.localOutcome as Error).message);
    const unknown = await both('nope', {}, 'unlessReadOnly', 'allow');
    assert.match((unknown.localOutcome as Error).message, /^"everything" has no tool "nope"\. It offers: .*get-sum/);
    assert.match((unknown.studioOutcome as Error).message, /^Studio connector "everything" has no tool "nope"\. It offers: .*get-sum/);
  });
});
