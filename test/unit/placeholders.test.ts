import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  MissingValueError,
  envNameForSecret,
  referencedSecrets,
  resolveConnection,
  resolveString,
  type PlaceholderContext,
} from '../../src/core/connectors/placeholders';

function ctx(secrets: Record<string, string>, env: Record<string, string> = {}): PlaceholderContext {
  return { secrets: { get: async (name) => secrets[name] }, env };
}

describe('envNameForSecret', () => {
  it('maps a secret name to the CLI environment variable', () => {
    assert.equal(envNameForSecret('github-token'), 'CONNECTOR_AUDITOR_SECRET_GITHUB_TOKEN');
    assert.equal(envNameForSecret('my.api key'), 'CONNECTOR_AUDITOR_SECRET_MY_API_KEY');
    assert.equal(envNameForSecret('OPENAI_KEY2'), 'CONNECTOR_AUDITOR_SECRET_OPENAI_KEY2');
  });
});

describe('resolveString', () => {
  it('returns a string without placeholders unchanged', async () => {
    const revealed = new Set<string>();
    assert.equal(await resolveString('plain $HOME {x}', ctx({}), revealed), 'plain $HOME {x}');
    assert.equal(revealed.size, 0);
  });

  it('substitutes a secret and records its value for redaction', async () => {
    const revealed = new Set<string>();
    assert.equal(await resolveString('${secret:gh}', ctx({ gh: 'ghp_value' }), revealed), 'ghp_value');
    assert.deepEqual([...revealed], ['ghp_value']);
  });

  it('substitutes an environment variable without treating it as a secret', async () => {
    const revealed = new Set<string>();
    assert.equal(await resolveString('${env:HOME}/data', ctx({}, { HOME: '/home/me' }), revealed), '/home/me/data');
    assert.equal(revealed.size, 0);
  });

  it('substitutes several placeholders of both kinds inside surrounding text', async () => {
    const revealed = new Set<string>();
    const out = await resolveString(
      'https://${env:HOST}/api?key=${secret:k}&user=${env:USER}#end',
      ctx({ k: 's3cr3t' }, { HOST: 'example.com', USER: 'me' }),
      revealed,
    );
    assert.equal(out, 'https://example.com/api?key=s3cr3t&user=me#end');
    assert.deepEqual([...revealed], ['s3cr3t']);
  });

  it('throws MissingValueError naming a missing secret and how to set it', async () => {
    await assert.rejects(resolveString('Bearer ${secret:github-token}', ctx({}), new Set()), (err: unknown) => {
      assert.ok(err instanceof MissingValueError);
      assert.equal(err.kind, 'secret');
      assert.equal(err.key, 'github-token');
      assert.match(err.message, /"github-token" is not set/);
      assert.match(err.message, /Set Secret/);
      assert.match(err.message, /CONNECTOR_AUDITOR_SECRET_GITHUB_TOKEN/);
      return true;
    });
  });

  it('throws MissingValueError naming a missing environment variable', async () => {
    await assert.rejects(resolveString('${env:NOPE_NOT_SET}', ctx({}), new Set()), (err: unknown) => {
      assert.ok(err instanceof MissingValueError);
      assert.equal(err.kind, 'env');
      assert.equal(err.key, 'NOPE_NOT_SET');
      assert.match(err.message, /environment variable NOPE_NOT_SET is not set/);
      return true;
    });
  });

  it('accepts an empty environment variable as set', async () => {
    assert.equal(await resolveString('[${env:EMPTY}]', ctx({}, { EMPTY: '' }), new Set()), '[]');
  });
});

describe('referencedSecrets', () => {
  it('finds each secret once across every field, ignoring env placeholders', () => {
    const names = referencedSecrets({
      name: 'x',
      url: 'https://example.com/?k=${secret:query-key}',
      headers: { 'X-Api-Key': '${secret:api}', 'X-Env': '${env:TEAM}' },
      auth: { type: 'bearer', token: '${secret:api}' },
      env: { A: 'pre-${secret:env-secret}-post' },
      args: ['--flag', '${secret:arg-secret}'],
    });
    assert.deepEqual(names.sort(), ['api', 'arg-secret', 'env-secret', 'query-key']);
  });

  it('returns nothing for a connector without secrets', () => {
    assert.deepEqual(referencedSecrets({ name: 'x', command: 'node', args: ['${env:HOME}'] }), []);
  });
});

describe('resolveConnection', () => {
  it('builds an Authorization header for bearer auth and records the token as a secret', async () => {
    const conn = await resolveConnection(
      { name: 'gh', url: 'https://example.com/mcp', auth: { type: 'bearer', token: '${secret:gh}' } },
      ctx({ gh: 'ghp_abcdefghijklmnop' }),
    );
    assert.equal(conn.headers.Authorization, 'Bearer ghp_abcdefghijklmnop');
    assert.ok(conn.secrets.has('ghp_abcdefghijklmnop'));
    assert.equal(conn.url, 'https://example.com/mcp');
  });

  it('puts an apiKey value in the named header', async () => {
    const conn = await resolveConnection(
      { name: 'k', url: 'https://example.com/mcp', auth: { type: 'apiKey', header: 'X-Api-Key', value: '${secret:k}' } },
      ctx({ k: 'key-0123456789' }),
    );
    assert.equal(conn.headers['X-Api-Key'], 'key-0123456789');
    assert.equal(conn.headers.Authorization, undefined);
    assert.ok(conn.secrets.has('key-0123456789'));
  });

  it('resolves command, args, env, cwd and headers, collecting every secret value', async () => {
    const conn = await resolveConnection(
      {
        name: 'local',
        command: '${env:NODE_BIN}',
        args: ['server.js', '--token', '${secret:t}'],
        env: { API_KEY: '${secret:env-key}', MODE: 'audit' },
        cwd: '${env:HOME}/srv',
        headers: { 'X-Team': '${secret:team-header}' },
      },
      ctx({ t: 'tok-1', 'env-key': 'env-secret-value', 'team-header': 'hdr' }, { NODE_BIN: '/usr/bin/node', HOME: '/home/me' }),
    );
    assert.equal(conn.command, '/usr/bin/node');
    assert.deepEqual(conn.args, ['server.js', '--token', 'tok-1']);
    assert.deepEqual(conn.env, { API_KEY: 'env-secret-value', MODE: 'audit' });
    assert.equal(conn.cwd, '/home/me/srv');
    assert.deepEqual(conn.headers, { 'X-Team': 'hdr' });
    for (const v of ['tok-1', 'env-secret-value', 'hdr']) assert.ok(conn.secrets.has(v), `secrets has ${v}`);
    assert.ok(!conn.secrets.has('/usr/bin/node'));
  });

  it('treats long plain header values as secrets for redaction, without the auth scheme', async () => {
    const conn = await resolveConnection({ name: 'h', url: 'https://example.com', headers: { Authorization: 'Basic dXNlcjpwYXNz' } }, ctx({}));
    assert.ok(conn.secrets.has('dXNlcjpwYXNz'));
  });

  it('fails with MissingValueError when the auth secret is not set', async () => {
    await assert.rejects(
      resolveConnection({ name: 'gh', url: 'https://example.com', auth: { type: 'bearer', token: '${secret:gh}' } }, ctx({})),
      (err: unknown) => err instanceof MissingValueError && err.kind === 'secret' && err.key === 'gh',
    );
  });
});
