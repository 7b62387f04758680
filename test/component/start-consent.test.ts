// The start-consent hook and the trust gate of a session, against the real scripted MCP server:
// the server appends its pid to a file when it starts, so "never ran" is checked, not assumed.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryApprovalStore, rememberedApproval, type StartRequest } from '../../src/core/mcp/startConsent';
import { SessionPool } from '../../src/core/mcp/sessionPool';
import { connectorOf, memoryLog, sessionFor } from '../helpers/sessions';

const SERVER = join(__dirname, '..', 'fixtures', 'servers', 'scripted-server.mjs');
const node = process.execPath;

function startedFile(): string {
  return join(mkdtempSync(join(tmpdir(), 'ca-consent-')), 'started');
}
const starts = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n').length : 0);

function scripted(file: string, extra: string[] = []) {
  return {
    name: 'scripted',
    command: node,
    args: [SERVER, '--started-file', file, '--tools', '2', '--token', '${secret:tok}', ...extra],
    env: { SERVER_TOKEN: '${secret:tok}', MODE: 'test' },
  };
}

/** A prompt that records what it was shown and answers from a script. */
function prompt(answers: boolean[]) {
  const asked: StartRequest[] = [];
  return { asked, ask: async (r: StartRequest) => (asked.push(r), answers.shift() ?? false) };
}

describe('start consent in a session (real stdio server)', () => {
  it('asks with the real command line before spawning, secrets masked, and starts on yes', async () => {
    const file = startedFile();
    const { asked, ask } = prompt([true]);
    const { session } = sessionFor(scripted(file), {
      secrets: { tok: 'super-secret-value' },
      deps: { approveStart: ask, defaultCwd: tmpdir() },
    });
    const tools = await session.ensureReady();
    assert.equal(session.state.status, 'ready', session.state.error);
    assert.equal(tools.length, 2);
    assert.equal(asked.length, 1);
    const r = asked[0];
    assert.equal(r.command, node);
    assert.deepEqual(r.args.slice(0, 5), [SERVER, '--started-file', file, '--tools', '2']);
    assert.equal(r.cwd, tmpdir());
    assert.deepEqual(r.envKeys, ['MODE', 'SERVER_TOKEN']);
    assert.ok(!JSON.stringify(r).includes('super-secret-value'), 'no secret in what the person is shown');
    assert.equal(starts(file), 1);
    await session.dispose();
  });

  it('on no, never spawns, says how to be asked again, and does not ask again until Reconnect', async () => {
    const file = startedFile();
    const { asked, ask } = prompt([false, true]);
    const { session } = sessionFor(scripted(file), { secrets: { tok: 'abcd1234' }, deps: { approveStart: ask } });
    assert.deepEqual(await session.ensureReady(), []);
    assert.equal(session.state.status, 'error');
    assert.match(session.state.error!, /Not started: you declined to run ".*node.*"\. Reconnect to be asked again\./);
    assert.equal(starts(file), 0, 'the process never ran');
    // A view re-rendering calls ensureReady again: no new question, no process.
    await session.ensureReady();
    assert.equal(asked.length, 1);
    assert.equal(starts(file), 0);
    await session.reconnect();
    assert.equal(asked.length, 2);
    assert.equal(session.state.status, 'ready', session.state.error);
    assert.equal(starts(file), 1);
    await session.dispose();
  });

  it('remembers an approval across sessions, and asks again when an argument changes', async () => {
    const file = startedFile();
    const store = new MemoryApprovalStore();
    const { asked, ask } = prompt([true, true]);
    const approveStart = rememberedApproval(store, ask);
    const first = sessionFor(scripted(file), { secrets: { tok: 'first-token' }, deps: { approveStart } }).session;
    await first.ensureReady();
    await first.dispose();
    // Same command line, rotated secret: no question.
    const again = sessionFor(scripted(file), { secrets: { tok: 'rotated-token' }, deps: { approveStart } }).session;
    await again.ensureReady();
    assert.equal(again.state.status, 'ready', again.state.error);
    assert.equal(asked.length, 1);
    await again.dispose();
    // One more argument: a different program run, so a new question.
    const changed = sessionFor(scripted(file, ['--banner']), { secrets: { tok: 'rotated-token' }, deps: { approveStart } }).session;
    await changed.ensureReady();
    assert.equal(asked.length, 2);
    assert.equal(starts(file), 3);
    await changed.dispose();
  });

  it('refuses a blocked connector before resolving anything or asking, and starts after a pool restart', async () => {
    const file = startedFile();
    const { asked, ask } = prompt([true]);
    let trusted = false;
    const blocked = 'is from the workspace, which is not trusted';
    const connector = connectorOf(scripted(file), 'shared_workspace');
    const pool = new SessionPool(() => ({
      // No secret "tok" exists: a blocked start must fail on trust, not on the missing secret.
      placeholders: { secrets: { get: async (n) => (n === 'tok' && trusted ? 'now-set-secret' : undefined) }, env: {} },
      log: memoryLog(),
      clientInfo: { name: 'tests', version: '0' },
      startBlocked: (c) => (c.visibility === 'shared_workspace' && !trusted ? blocked : undefined),
      approveStart: ask,
    }));
    pool.sync([connector]);
    await pool.get(connector.id)!.ensureReady();
    assert.equal(pool.get(connector.id)!.state.status, 'error');
    assert.equal(pool.get(connector.id)!.state.error, blocked);
    assert.equal(asked.length, 0);
    assert.equal(starts(file), 0);

    trusted = true;
    pool.restart([connector], (c) => c.visibility === 'shared_workspace');
    assert.equal(pool.get(connector.id)!.state.status, 'idle');
    await pool.get(connector.id)!.ensureReady();
    assert.equal(pool.get(connector.id)!.state.status, 'ready', pool.get(connector.id)!.state.error);
    assert.equal(asked.length, 1);
    assert.equal(starts(file), 1);
    await pool.dispose();
  });
});
