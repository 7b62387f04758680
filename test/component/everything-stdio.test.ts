import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { EVERYTHING_ENTRY, sessionFor } from '../helpers/sessions';

describe('server-everything over stdio', () => {
  const { session, states, log } = sessionFor({
    name: 'everything',
    command: process.execPath,
    args: [EVERYTHING_ENTRY, 'stdio'],
  });
  after(() => session.dispose());

  it('connects lazily and lists all 13 tools with schemas and annotations', async () => {
    assert.equal(session.state.status, 'idle');
    const tools = await session.ensureReady();
    assert.equal(session.state.status, 'ready', session.state.error);
    // server-everything may announce tools/list_changed right after start: more 'ready' states may follow.
    assert.deepEqual(
      states.slice(0, 2).map((s) => s.status),
      ['connecting', 'ready'],
    );
    assert.ok(states.slice(2).every((s) => s.status === 'ready'));
    assert.equal(tools.length, 13);
    const echo = tools.find((t) => t.name === 'echo');
    assert.ok(echo, 'echo tool listed');
    assert.equal(echo.inputSchema.type, 'object');
    assert.equal(session.state.transport, 'stdio');
    assert.ok(log.lines.some((l) => l.includes('connected over stdio')));
  });

  it('does not connect twice when asked concurrently', async () => {
    const connecting = () => states.filter((s) => s.status === 'connecting').length;
    const before = connecting();
    const [a, b] = await Promise.all([session.ensureReady(), session.ensureReady()]);
    assert.deepEqual(
      a.map((t) => t.name),
      b.map((t) => t.name),
    );
    assert.equal(connecting(), before, 'no new connection attempt');
  });

  it('reconnects to a new process', async () => {
    const tools = await session.reconnect();
    assert.equal(tools.length, 13);
    assert.equal(session.state.status, 'ready');
  });
});
