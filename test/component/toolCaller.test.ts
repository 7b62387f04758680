import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ConfirmationService, type ConfirmationAnswer, type ConfirmationRequest } from '../../src/core/tools/confirmation';
import { ToolCaller, ToolCallError } from '../../src/core/tools/toolCaller';
import type { ConfirmationDefault } from '../../src/core/connectors/toolPolicy';
import { join } from 'node:path';
import { connectorOf, EVERYTHING_ENTRY, sessionFor } from '../helpers/sessions';

/** A confirmation port that answers from a script and remembers what it was asked. */
function scriptedPort(answers: ConfirmationAnswer[]) {
  const asked: ConfirmationRequest[] = [];
  return { asked, confirm: async (r: ConfirmationRequest) => (asked.push(r), answers.shift() ?? 'deny') };
}

describe('ToolCaller against server-everything', () => {
  const config = { name: 'everything', command: process.execPath, args: [EVERYTHING_ENTRY, 'stdio'] };
  const { session } = sessionFor(config);
  const connector = connectorOf(config);
  after(() => session.dispose());

  function caller(answers: ConfirmationAnswer[], policy: ConfirmationDefault = 'unlessReadOnly') {
    const port = scriptedPort(answers);
    return { port, caller: new ToolCaller({ confirmations: new ConfirmationService(port), policy: () => policy }) };
  }

  it('runs a read-only tool without asking', async () => {
    const { caller: c, port } = caller([]);
    const out = await c.call({ connector, session, toolName: 'get-sum', args: { a: 2, b: 3 } });
    assert.match(JSON.stringify(out.result.content), /5/);
    assert.equal(port.asked.length, 0);
  });

  it('rejects invalid arguments before they reach the server, naming the field', async () => {
    const { caller: c } = caller([]);
    await assert.rejects(c.call({ connector, session, toolName: 'get-sum', args: { a: 'two', b: 3 } }), (err: ToolCallError) => {
      assert.equal(err.failure, 'invalid-arguments');
      assert.match(err.message, /"a" must be number/);
      return true;
    });
  });

  it('asks before a listed tool; deny stops it, allow-for-session asks only once', async () => {
    const { caller: c, port } = caller(['deny', 'allowSession']);
    const guarded = connectorOf({ ...config, toolConfiguration: { requiresConfirmation: ['get-env'] } });
    await assert.rejects(c.call({ connector: guarded, session, toolName: 'get-env', args: {} }), (err: ToolCallError) => err.failure === 'denied');
    assert.equal(port.asked[0].toolName, 'get-env');
    assert.match(port.asked[0].reason, /listed in requiresConfirmation/);
    await c.call({ connector: guarded, session, toolName: 'get-env', args: {} });
    await c.call({ connector: guarded, session, toolName: 'get-env', args: {} });
    assert.equal(port.asked.length, 2, 'the third call did not ask again');
  });

  it('by default asks before a tool the server does not mark read-only', async () => {
    const { caller: c, port } = caller(['allow']);
    await c.call({ connector, session, toolName: 'toggle-simulated-logging', args: {} });
    assert.equal(port.asked.length, 1);
    assert.match(port.asked[0].reason, /not marked read-only/);
  });

  it('shows one dialog at a time when calls run concurrently', async () => {
    let open = 0;
    let maxOpen = 0;
    const port = {
      confirm: async () => {
        maxOpen = Math.max(maxOpen, ++open);
        await new Promise((r) => setTimeout(r, 20));
        open--;
        return 'allow' as const;
      },
    };
    const c = new ToolCaller({ confirmations: new ConfirmationService(port), policy: () => 'always' });
    await Promise.all([1, 2, 3].map((i) => c.call({ connector, session, toolName: 'echo', args: { message: String(i) } })));
    assert.equal(maxOpen, 1);
  });

  it('refuses an excluded tool and an unknown one', async () => {
    const { caller: c } = caller([]);
    const excluded = connectorOf({ ...config, toolConfiguration: { exclude: ['echo'] } });
    await assert.rejects(c.call({ connector: excluded, session, toolName: 'echo', args: { message: 'x' } }), (e: ToolCallError) => e.failure === 'excluded');
    await assert.rejects(
      c.call({ connector, session, toolName: 'nope', args: {} }),
      (e: ToolCallError) => e.failure === 'unknown-tool' && /offers: echo/.test(e.message),
    );
  });

  it('reports progress and cancels half way, leaving the session usable', async () => {
    const { caller: c } = caller(['allow']);
    const abort = new AbortController();
    const progress: number[] = [];
    const started = Date.now();
    const call = c.call({
      connector,
      session,
      toolName: 'trigger-long-running-operation',
      args: { duration: 4, steps: 8 },
      signal: abort.signal,
      onProgress: (p) => {
        progress.push(p.progress);
        if (p.progress >= 2) abort.abort();
      },
    });
    await assert.rejects(call, (e: ToolCallError) => e.failure === 'cancelled');
    assert.ok(Date.now() - started < 3500, 'stopped before the operation would have finished');
    assert.ok(progress.length >= 2);
    const out = await c.call({ connector, session, toolName: 'echo', args: { message: 'still here' } });
    assert.match(JSON.stringify(out.result.content), /still here/);
  });

  it('times out a slow call with the call timeout and names the setting', async () => {
    const { caller: c } = caller(['allow']);
    await assert.rejects(
      c.call({ connector, session, toolName: 'trigger-long-running-operation', args: { duration: 3, steps: 1 }, timeoutMs: 300 }),
      (e: ToolCallError) => e.failure === 'timeout' && /timeouts\.call/.test(e.message),
    );
  });
});

describe('ToolCaller and a poisoned tool description', () => {
  const SCRIPTED = join(__dirname, '..', 'fixtures', 'servers', 'scripted-server.mjs');
  const config = { name: 'scripted', command: process.execPath, args: [SCRIPTED, '--poisoned', '--tools', '3'] };
  const { session } = sessionFor(config);
  const connector = connectorOf(config);
  after(() => session.dispose());

  it('asks before a direct call of a flagged tool although the server marks it read-only', async () => {
    const port = scriptedPort(['deny']);
    const c = new ToolCaller({ confirmations: new ConfirmationService(port), policy: () => 'unlessReadOnly' });
    const tools = await session.ensureReady();
    assert.equal(tools.find((t) => t.name === 'tool-000')?.annotations?.readOnlyHint, true);
    await assert.rejects(c.call({ connector, session, toolName: 'tool-000', args: { text: 'x' } }), (e: ToolCallError) => e.failure === 'denied');
    assert.equal(port.asked.length, 1);
    assert.match(port.asked[0].reason, /flagged: its description looks suspicious \(it gives the model instructions\)/);
    // The reason names the kind of flag, never the attacker's words.
    assert.doesNotMatch(port.asked[0].reason, /id_rsa/);
  });

  it('does not ask for an ordinary read-only tool of the same server', async () => {
    const port = scriptedPort([]);
    const c = new ToolCaller({ confirmations: new ConfirmationService(port), policy: () => 'unlessReadOnly' });
    await c.call({ connector, session, toolName: 'tool-002', args: { text: 'x' } });
    assert.equal(port.asked.length, 0);
  });
});
