import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isAlive, waitFor } from '../helpers/processes';
import { EVERYTHING_ENTRY, sessionFor } from '../helpers/sessions';

const fixture = (name: string) => join(__dirname, '..', 'fixtures', 'servers', name);
const node = process.execPath;

describe('stdio servers that misbehave', () => {
  it('names a command that does not exist', async () => {
    const { session } = sessionFor({ name: 'missing', command: 'definitely-not-a-command-xyz', args: ['--flag'] });
    const tools = await session.ensureReady();
    assert.deepEqual(tools, []);
    assert.equal(session.state.status, 'error');
    assert.match(session.state.error!, /Command not found: "definitely-not-a-command-xyz"/);
    await session.dispose();
  });

  it('explains a server that exits at once, with its exit code and last stderr line', async () => {
    const { session } = sessionFor({ name: 'dies', command: node, args: [fixture('exits-at-once.mjs')] });
    await session.ensureReady();
    assert.equal(session.state.status, 'error');
    assert.match(session.state.error!, /exited with code 3 during start-up/);
    assert.match(session.state.error!, /DATABASE_URL is not set/);
    await session.dispose();
  });

  it('times out a server that hangs on initialize, using the connector timeout', async () => {
    const { session } = sessionFor({ name: 'hangs', command: node, args: [fixture('hangs.mjs')], timeouts: { connect: 400 } });
    await session.ensureReady();
    assert.equal(session.state.status, 'error');
    assert.match(session.state.error!, /did not finish initializing within 0\.4 s/);
    assert.match(session.state.error!, /timeouts\.connect/);
    await session.dispose();
  });

  it('reports non-protocol stdout output instead of hanging silently', async () => {
    const { session, log } = sessionFor({ name: 'garbage', command: node, args: [fixture('garbage.mjs')], timeouts: { connect: 500 } });
    await session.ensureReady();
    assert.equal(session.state.status, 'error');
    assert.match(session.state.error!, /non-protocol output on stdout \("Welcome to My Server v1\.0!"\)/);
    assert.ok(log.lines.some((l) => l.includes('[stdout, not JSON-RPC] Welcome')));
    await session.dispose();
  });

  it('tolerates a banner line before valid protocol messages', async () => {
    const { session } = sessionFor({ name: 'banner', command: node, args: [fixture('scripted-server.mjs'), '--banner'] });
    const tools = await session.ensureReady();
    assert.equal(session.state.status, 'ready', session.state.error);
    assert.equal(tools.length, 3);
    await session.dispose();
  });

  it('stops a server that floods stdout without line breaks', async () => {
    const { session } = sessionFor({ name: 'flood', command: node, args: [fixture('flood.mjs')], timeouts: { connect: 20000 } });
    await session.ensureReady();
    assert.equal(session.state.status, 'error');
    assert.match(session.state.error!, /killed by SIG|exited|closed/);
    await session.dispose();
  });

  it('shows a crash after start with its exit code and stderr, and reconnects', async () => {
    const { session } = sessionFor({ name: 'crashy', command: node, args: [fixture('scripted-server.mjs'), '--crash-after', '300'] });
    await session.ensureReady();
    assert.equal(session.state.status, 'ready');
    await waitFor(() => session.state.status === 'error');
    assert.match(session.state.error!, /exited with code 7/);
    assert.match(session.state.error!, /lost connection to the database/);
    assert.match(session.state.error!, /Reconnect/);
    const tools = await session.reconnect();
    assert.equal(tools.length, 3);
    await session.dispose();
  });

  it('reads every page of tools/list and follows tools/list_changed', async () => {
    const { session } = sessionFor({ name: 'paged', command: node, args: [fixture('scripted-server.mjs'), '--tools', '25', '--page-size', '10'] });
    const tools = await session.ensureReady();
    assert.equal(tools.length, 25);
    assert.equal(tools[24].name, 'tool-024');
    await session.callTool('tool-000', { text: 'x' });
    await waitFor(() => session.state.tools?.length === 26);
    await session.dispose();
  });

  it('kills the whole process tree on dispose', async () => {
    const pidFile = join(mkdtempSync(join(tmpdir(), 'ca-pid-')), 'child.pid');
    const { session } = sessionFor({ name: 'parent', command: node, args: [fixture('scripted-server.mjs'), '--spawn-child', pidFile] });
    await session.ensureReady();
    const childPid = Number(readFileSync(pidFile, 'utf8'));
    assert.ok(isAlive(childPid), 'grandchild runs while connected');
    await session.dispose();
    await waitFor(() => !isAlive(childPid));
  });

  it('merges env over the inherited environment, resolving secrets', async () => {
    const { session } = sessionFor(
      { name: 'envy', command: node, args: [EVERYTHING_ENTRY, 'stdio'], env: { CONNECTOR_TEST_VALUE: '${secret:value}' } },
      { secrets: { value: 's3cr3t-value' } },
    );
    const result = await session.callTool('get-env', {});
    const text = JSON.stringify(result.content);
    assert.match(text, /CONNECTOR_TEST_VALUE.{0,6}s3cr3t-value/);
    assert.ok(text.includes('PATH'), 'inherited PATH is still there');
    await session.dispose();
  });

  it('says which secret is missing', async () => {
    const { session } = sessionFor({ name: 'nosecret', command: node, args: ['x'], env: { TOKEN: '${secret:gh-token}' } });
    await session.ensureReady();
    assert.match(session.state.error!, /secret "gh-token" is not set/);
    await session.dispose();
  });
});
