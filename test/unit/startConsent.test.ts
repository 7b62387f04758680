import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryApprovalStore, rememberedApproval, startRequest, type StartRequest } from '../../src/core/mcp/startConsent';
import { connectorOf } from '../helpers/sessions';

const connector = connectorOf({ name: 'srv', command: 'node' }, 'shared_workspace');
const base: { command: string; args: string[]; env: Record<string, string>; secrets: Set<string> } = {
  command: 'node',
  args: ['server.js', '--port', '3000'],
  env: { API_TOKEN: 'tok-1', MODE: 'a' },
  secrets: new Set<string>(),
};
const req = (over: Partial<typeof base> = {}, cwd = '/work/repo') => startRequest(connector, { ...base, ...over }, cwd);

describe('start consent: what the person sees and what the hash covers', () => {
  it('shows command, each argument, cwd and the sorted env keys, never env values', () => {
    const r = req();
    assert.equal(r.command, 'node');
    assert.deepEqual(r.args, ['server.js', '--port', '3000']);
    assert.equal(r.cwd, '/work/repo');
    assert.deepEqual(r.envKeys, ['API_TOKEN', 'MODE']);
    assert.ok(!JSON.stringify(r).includes('tok-1'));
  });

  it('masks secret values substituted into arguments, and secret-looking flag values', () => {
    const r = req({ args: ['--url', 'https://x.test/?k=s3cr3t-value', '--api-key', 'plain-typed-key'], secrets: new Set(['s3cr3t-value']) });
    assert.ok(!r.args.join(' ').includes('s3cr3t-value'));
    assert.ok(!r.args.join(' ').includes('plain-typed-key'));
    assert.equal(r.args[0], '--url');
  });

  it('keeps the hash when only env values or secret values change (rotating a token does not ask again)', () => {
    assert.equal(req().hash, req({ env: { API_TOKEN: 'tok-2', MODE: 'b' } }).hash);
    const withSecret = (s: string) => req({ args: ['--header', `X: ${s}`], secrets: new Set([s]) }).hash;
    assert.equal(withSecret('old-secret-1'), withSecret('new-secret-2'));
  });

  it('changes the hash when the command, an argument, the cwd or the env keys change', () => {
    const h = req().hash;
    assert.notEqual(req({ command: '/usr/bin/node' }).hash, h);
    assert.notEqual(req({ args: ['server.js', '--port', '3001'] }).hash, h);
    assert.notEqual(req({ args: ['server.js', '--port 3000'] }).hash, h, 'argument boundaries count');
    assert.notEqual(req({}, '/elsewhere').hash, h);
    assert.notEqual(req({ env: { API_TOKEN: 'tok-1', MODE: 'a', NODE_OPTIONS: 'x' } }).hash, h);
  });
});

describe('start consent: the inherited environment', () => {
  const withInherit = (inheritEnv: 'all' | string[] | undefined, inheritedKeys: string[] = ['HOME', 'PATH']) =>
    startRequest(connector, base, '/work/repo', { inheritEnv, inheritedKeys });

  it("lists the names the process inherits (never values) and the connector's inheritEnv", () => {
    const r = withInherit(['GITHUB_TOKEN'], ['GITHUB_TOKEN', 'HOME', 'PATH']);
    assert.deepEqual(r.inheritedKeys, ['GITHUB_TOKEN', 'HOME', 'PATH']);
    assert.deepEqual(r.inheritEnv, ['GITHUB_TOKEN']);
  });

  it('approving a command that gets none of your secrets does not approve it with all of them', () => {
    const h = withInherit(undefined).hash;
    assert.notEqual(withInherit('all').hash, h);
    assert.notEqual(withInherit(['GITHUB_TOKEN']).hash, h);
    assert.notEqual(withInherit(['GITHUB_TOKEN']).hash, withInherit(['AWS_SECRET_ACCESS_KEY']).hash);
  });

  it('keeps approvals given before inheritEnv existed, and ignores order and the default names', () => {
    assert.equal(withInherit(undefined).hash, req().hash);
    assert.equal(withInherit([]).hash, req().hash);
    assert.equal(withInherit(['B', 'A']).hash, withInherit(['A', 'B', 'A']).hash);
    // A proxy variable set today and not yesterday is the person's environment, not the connector file.
    assert.equal(withInherit(undefined, ['HOME', 'HTTPS_PROXY', 'PATH']).hash, withInherit(undefined, ['HOME', 'PATH']).hash);
  });
});

describe('start consent: the remembering gate', () => {
  const asker = (answers: boolean[]) => {
    const asked: StartRequest[] = [];
    return { asked, ask: async (r: StartRequest) => (asked.push(r), answers.shift() ?? false) };
  };

  it('asks once for an approved command line, then answers from memory', async () => {
    const store = new MemoryApprovalStore();
    const { asked, ask } = asker([true]);
    const gate = rememberedApproval(store, ask);
    assert.equal(await gate(req()), true);
    assert.equal(await gate(req({ env: { API_TOKEN: 'rotated', MODE: 'a' } })), true);
    assert.equal(asked.length, 1);
    assert.ok(store.has(req().hash));
  });

  it('does not remember a decline: the next explicit start asks again', async () => {
    const store = new MemoryApprovalStore();
    const { asked, ask } = asker([false, true]);
    const gate = rememberedApproval(store, ask);
    assert.equal(await gate(req()), false);
    assert.equal(store.has(req().hash), false);
    assert.equal(await gate(req()), true);
    assert.equal(asked.length, 2);
  });

  it('asks again when the command line changes, and after the approvals are forgotten', async () => {
    const store = new MemoryApprovalStore();
    const { asked, ask } = asker([true, true, true]);
    const gate = rememberedApproval(store, ask);
    await gate(req());
    await gate(req({ args: ['other.js'] }));
    await store.clear();
    await gate(req());
    assert.equal(asked.length, 3);
  });

  it('shares one question between overlapping starts of the same command line', async () => {
    const store = new MemoryApprovalStore();
    let release!: (v: boolean) => void;
    let asks = 0;
    const gate = rememberedApproval(store, () => (asks++, new Promise<boolean>((r) => (release = r))));
    const both = Promise.all([gate(req()), gate(req())]);
    await new Promise((r) => setImmediate(r));
    release(true);
    assert.deepEqual(await both, [true, true]);
    assert.equal(asks, 1);
  });

  it('does not ask at all while the person has switched the question off', async () => {
    const { asked, ask } = asker([]);
    const gate = rememberedApproval(new MemoryApprovalStore(), ask, () => false);
    assert.equal(await gate(req()), true);
    assert.equal(asked.length, 0);
  });
});
