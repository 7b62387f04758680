// What a real stdio server process can read of the person's environment. The parent holds the
// secrets a developer's shell does (model keys, a GitHub token, CONNECTOR_AUDITOR_SECRET_*, AWS
// keys); the server (server-everything's get-env tool prints its process.env) must not see them
// unless the connector names them in `inheritEnv` or says "all". Through the core session (as
// VS Code runs it) and through the built CLI binary (dist/cli.js as a process).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ConnectorConfig } from '../../src/core/connectors/schema';
import type { StartRequest } from '../../src/core/mcp/startConsent';
import { EVERYTHING_ENTRY, sessionFor } from '../helpers/sessions';
import { REPO, sandbox, type Sandbox } from './cli-harness';

const CANARIES = {
  MISTRAL_API_KEY: 'canary-mistral-7f3a',
  GITHUB_TOKEN: 'ghp_canary8b2c',
  CONNECTOR_AUDITOR_SECRET_X: 'canary-secret-x-91d0',
  AWS_SECRET_ACCESS_KEY: 'canary-aws-4e5f',
} as const;
const NAMES = Object.keys(CANARIES) as (keyof typeof CANARIES)[];

function everything(name: string, extra: Partial<ConnectorConfig> = {}): ConnectorConfig {
  return { name, command: process.execPath, args: [EVERYTHING_ENTRY, 'stdio'], env: { OWN_VAR: 'own-value', SERVER_TOKEN: '${secret:tok}' }, ...extra };
}

/** The server's process.env, as get-env returns it. */
function serverEnv(text: string): Record<string, string> {
  return JSON.parse(text) as Record<string, string>;
}

function assertNoCanary(env: Record<string, string>, except: readonly string[] = []): void {
  for (const name of NAMES) {
    if (except.includes(name)) continue;
    assert.equal(env[name], undefined, `${name} reached the server`);
    assert.ok(!Object.values(env).includes(CANARIES[name]), `the value of ${name} reached the server under another name`);
  }
}

describe('stdio servers get a minimal environment (core session, real server)', () => {
  const saved: Record<string, string | undefined> = {};
  before(() => {
    for (const name of NAMES) {
      saved[name] = process.env[name];
      process.env[name] = CANARIES[name];
    }
  });
  after(() => {
    for (const name of NAMES) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
  });

  async function envOf(config: ConnectorConfig, asked?: StartRequest[]): Promise<Record<string, string>> {
    const { session } = sessionFor(config, {
      secrets: { tok: 'resolved-secret-value' },
      deps: asked ? { approveStart: async (r) => (asked.push(r), true) } : undefined,
    });
    try {
      const result = await session.callTool('get-env', {});
      assert.equal(session.state.status, 'ready', session.state.error);
      return serverEnv((result.content[0] as { text: string }).text);
    } finally {
      await session.dispose();
    }
  }

  it('by default: none of the secrets, but PATH and HOME, and the connector env (secrets resolved)', async () => {
    const asked: StartRequest[] = [];
    const env = await envOf(everything('plain'), asked);
    assertNoCanary(env);
    assert.equal(env.PATH, process.env.PATH);
    if (process.env.HOME) assert.equal(env.HOME, process.env.HOME);
    assert.equal(env.OWN_VAR, 'own-value');
    assert.equal(env.SERVER_TOKEN, 'resolved-secret-value');
    // Everything else the server got is in the consent's list of inherited names.
    const own = new Set(['OWN_VAR', 'SERVER_TOKEN']);
    const inheritedByServer = Object.keys(env).filter((k) => !own.has(k) && process.env[k] === env[k]);
    assert.equal(asked.length, 1);
    for (const k of inheritedByServer) assert.ok(asked[0].inheritedKeys.includes(k), `${k} is listed in the start question`);
    for (const name of NAMES) assert.ok(!asked[0].inheritedKeys.includes(name));
    assert.ok(!JSON.stringify(asked[0]).includes(process.env.PATH!), 'names only, never values');
  });

  it('inheritEnv: ["CONNECTOR_AUDITOR_SECRET_X", "GITHUB_TOKEN"] passes exactly those, and the question says so', async () => {
    const asked: StartRequest[] = [];
    const env = await envOf(everything('named', { inheritEnv: ['CONNECTOR_AUDITOR_SECRET_X', 'GITHUB_TOKEN'] }), asked);
    assert.equal(env.CONNECTOR_AUDITOR_SECRET_X, CANARIES.CONNECTOR_AUDITOR_SECRET_X);
    assert.equal(env.GITHUB_TOKEN, CANARIES.GITHUB_TOKEN);
    assertNoCanary(env, ['CONNECTOR_AUDITOR_SECRET_X', 'GITHUB_TOKEN']);
    assert.equal(env.OWN_VAR, 'own-value');
    assert.ok(asked[0].inheritedKeys.includes('GITHUB_TOKEN'));
    assert.deepEqual(asked[0].inheritEnv, ['CONNECTOR_AUDITOR_SECRET_X', 'GITHUB_TOKEN']);
    assert.ok(!JSON.stringify(asked[0]).includes(CANARIES.GITHUB_TOKEN), 'names only, never values');
  });

  it('inheritEnv: "all" passes everything, with the connector env on top', async () => {
    const asked: StartRequest[] = [];
    const env = await envOf(everything('all', { inheritEnv: 'all' }), asked);
    for (const name of NAMES) assert.equal(env[name], CANARIES[name], name);
    assert.equal(env.OWN_VAR, 'own-value');
    assert.equal(asked[0].inheritEnv, 'all');
    assert.ok(asked[0].inheritedKeys.includes('AWS_SECRET_ACCESS_KEY'));
  });
});

describe('stdio servers get a minimal environment (the built CLI as a process)', () => {
  const CLI = join(REPO, 'dist', 'cli.js');
  let box: Sandbox;
  let config: string;

  before(async () => {
    const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: REPO, encoding: 'utf8', timeout: 180_000 });
    assert.equal(build.status, 0, `npm run build failed:\n${build.stdout}\n${build.stderr}`);
    assert.ok(existsSync(CLI));
    box = await sandbox();
    Object.assign(box.env, CANARIES, { CONNECTOR_AUDITOR_SECRET_TOK: 'resolved-secret-value' });
    config = await box.file('connectors.json', {
      connectors: [everything('plain'), everything('named', { inheritEnv: ['AWS_SECRET_ACCESS_KEY'] }), everything('all', { inheritEnv: 'all' })],
    });
  });
  after(() => box?.dispose());

  function cli(argv: string[]): Promise<{ code: number | null; out: string; err: string }> {
    const child = spawn(process.execPath, [CLI, ...argv], { cwd: box.cwd, env: box.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (out += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (err += s));
    return new Promise((resolve) => child.on('close', (code) => resolve({ code, out, err })));
  }

  async function envVia(argv: string[]): Promise<{ env: Record<string, string>; err: string }> {
    const r = await cli(['--json', '--yes', ...argv]);
    assert.equal(r.code, 0, r.err);
    return { env: serverEnv((JSON.parse(r.out) as { content: { text: string }[] }).content[0].text), err: r.err };
  }

  it('by default the server sees none of the secrets the CLI was given, but its own env', async () => {
    const { env } = await envVia(['--config', config, 'tools', 'call', 'plain', 'get-env']);
    assertNoCanary(env);
    assert.equal(env.CONNECTOR_AUDITOR_SECRET_TOK, undefined, "the CLI's secret store is not the server's");
    assert.equal(env.SERVER_TOKEN, 'resolved-secret-value', '${secret:tok} still resolves from CONNECTOR_AUDITOR_SECRET_TOK');
    assert.equal(env.OWN_VAR, 'own-value');
    assert.equal(env.PATH, box.env.PATH);
  });

  it('inheritEnv names and "all" pass what they say; --verbose lists the inherited names', async () => {
    const named = await envVia(['--config', config, '--verbose', 'tools', 'call', 'named', 'get-env']);
    assert.equal(named.env.AWS_SECRET_ACCESS_KEY, CANARIES.AWS_SECRET_ACCESS_KEY);
    assertNoCanary(named.env, ['AWS_SECRET_ACCESS_KEY']);
    assert.match(named.err, /environment inherited: [^\n]*AWS_SECRET_ACCESS_KEY/);
    assert.ok(!named.err.includes(CANARIES.AWS_SECRET_ACCESS_KEY), 'names only, never values');
    const all = await envVia(['--config', config, 'tools', 'call', 'all', 'get-env']);
    for (const name of NAMES) assert.equal(all.env[name], CANARIES[name], name);
  });

  it('--stdio with --inherit-env, and connectors add --inherit-env writes inheritEnv', async () => {
    const line = `"${process.execPath}" "${EVERYTHING_ENTRY}" stdio`;
    const adhoc = await envVia(['--stdio', line, '--inherit-env', 'GITHUB_TOKEN', 'tools', 'call', 'get-env']);
    assert.equal(adhoc.env.GITHUB_TOKEN, CANARIES.GITHUB_TOKEN);
    assertNoCanary(adhoc.env, ['GITHUB_TOKEN']);

    const add = await cli(['connectors', 'add', 'added', '--stdio', line, '--inherit-env', 'MISTRAL_API_KEY']);
    assert.equal(add.code, 0, add.err);
    const added = await envVia(['tools', 'call', 'added', 'get-env']);
    assert.equal(added.env.MISTRAL_API_KEY, CANARIES.MISTRAL_API_KEY);
    assertNoCanary(added.env, ['MISTRAL_API_KEY']);
  });
});
