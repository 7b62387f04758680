import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MASK, isSecretName, maskArgs, maskUrl, maskValue, redactDeep, redactSecrets, StreamRedactor } from '../../src/core/util/redact';

describe('isSecretName', () => {
  it('recognises the usual names of credentials and leaves ordinary names alone', () => {
    for (const n of ['token', 'GITHUB_TOKEN', 'X-Api-Key', 'apikey', 'api_key', 'client_secret', 'password', 'auth', 'sig']) {
      assert.equal(isSecretName(n), true, n);
    }
    for (const n of ['page', 'port', 'verbose', 'user', 'mode', 'limit']) assert.equal(isSecretName(n), false, n);
  });
});

describe('maskValue', () => {
  it('masks a literal value', () => {
    assert.equal(maskValue('ghp_realtoken'), MASK);
  });

  it('keeps a placeholder, which is a reference and not a secret', () => {
    assert.equal(maskValue('${secret:github-token}'), '${secret:github-token}');
    assert.equal(maskValue('${env:API_KEY}'), '${env:API_KEY}');
    assert.equal(maskValue('${input:key}'), '${input:key}');
  });
});

describe('maskUrl', () => {
  it('masks a userinfo password and keeps the user name', () => {
    const out = maskUrl('https://alice:hunter22@example.com/mcp');
    assert.equal(out, `https://alice:${MASK}@example.com/mcp`);
    assert.ok(!out.includes('hunter22'));
  });

  it('masks secret-looking query parameters and keeps the others', () => {
    const out = maskUrl('https://example.com/mcp?token=abc123&page=2&api_key=zzz999');
    assert.ok(!out.includes('abc123') && !out.includes('zzz999'), out);
    assert.ok(out.includes(`token=${MASK}`) && out.includes(`api_key=${MASK}`), out);
    assert.ok(out.includes('page=2'), out);
  });

  it('keeps a placeholder query value readable', () => {
    assert.equal(maskUrl('https://example.com/mcp?key=${secret:k}'), 'https://example.com/mcp?key=${secret:k}');
  });

  it('keeps a placeholder readable when another parameter of the same URL is masked', () => {
    const out = maskUrl('https://example.com/mcp?token=abc123&key=${secret:k}');
    assert.ok(!out.includes('abc123'), out);
    assert.ok(out.includes('key=${secret:k}'), `placeholder was mangled: ${out}`);
  });

  it('returns a string that is not a URL unchanged', () => {
    assert.equal(maskUrl('${env:MCP_URL}'), '${env:MCP_URL}');
    assert.equal(maskUrl('not a url'), 'not a url');
  });

  it('leaves a URL without secrets as it was', () => {
    assert.equal(maskUrl('https://example.com/mcp?page=2'), 'https://example.com/mcp?page=2');
  });
});

describe('maskArgs', () => {
  it('masks the value after a secret flag given as a separate argument', () => {
    assert.deepEqual(maskArgs(['server.js', '--token', 'abc', '--port', '8080']), ['server.js', '--token', MASK, '--port', '8080']);
  });

  it('masks the value of --flag=value forms', () => {
    assert.deepEqual(maskArgs(['--api-key=sk-123', '--password=pw', '-key=k']), [`--api-key=${MASK}`, `--password=${MASK}`, `-key=${MASK}`]);
  });

  it('leaves non-secret flags, values and positionals untouched', () => {
    const args = ['-y', '@scope/server', '--root', '/tmp', '--verbose', '--mode=fast', 'token'];
    assert.deepEqual(maskArgs(args), args);
  });

  it('keeps placeholders after secret flags', () => {
    assert.deepEqual(maskArgs(['--token', '${secret:t}', '--api-key=${env:K}']), ['--token', '${secret:t}', '--api-key=${env:K}']);
  });

  it('does not mask past the value that follows a secret flag', () => {
    assert.deepEqual(maskArgs(['--token', 'abc', 'next']), ['--token', MASK, 'next']);
  });
});

describe('redactSecrets', () => {
  it('replaces every occurrence of known secret values', () => {
    const out = redactSecrets('sent s3cr3t-value twice: s3cr3t-value.', ['s3cr3t-value']);
    assert.equal(out, `sent ${MASK} twice: ${MASK}.`);
  });

  it('ignores known values too short to redact safely', () => {
    assert.equal(redactSecrets('a b c', ['a', '']), 'a b c');
  });

  it('masks Bearer and Basic credentials but keeps the scheme', () => {
    assert.equal(redactSecrets('Authorization: Bearer abcdefgh.ijkl-mnop'), `Authorization: Bearer ${MASK}`);
    assert.equal(redactSecrets('Authorization: Basic dXNlcjpwYXNz'), `Authorization: Basic ${MASK}`);
  });

  it('masks GitHub, OpenAI and Slack shaped tokens in free text', () => {
    const gh = 'ghp_' + 'A1b2C3d4E5f6G7h8I9j0K1l2';
    const pat = 'github_pat_' + '11ABCDEFG0123456789_abcdefghij';
    const sk = 'sk-' + 'proj-abcdefghijklmnop1234';
    const slack = 'xoxb-' + '123456789012-abcdef';
    const out = redactSecrets(`clone failed with ${gh}; pat=${pat}; key ${sk}; slack ${slack}`);
    for (const t of [gh, pat, sk, slack]) assert.ok(!out.includes(t), `${t} leaked in: ${out}`);
    assert.ok(out.startsWith('clone failed with '));
  });

  it('leaves ordinary text alone', () => {
    const text = 'connected over stdio in 12 ms; tools: echo, add (sk-short)';
    assert.equal(redactSecrets(text), text);
  });
});

describe('StreamRedactor', () => {
  const secret = 'canary-1234567890';
  it('masks a secret that arrives split across pieces, and loses no other text', () => {
    const r = new StreamRedactor(() => [secret]);
    const pieces = ['The key is cana', 'ry-12345', '67890, see', ' above.'];
    const shown = pieces.map((p) => r.push(p)).join('') + r.flush();
    assert.equal(shown, `The key is ${MASK}, see above.`);
  });

  it('holds back no more than a secret could need, and nothing without secrets', () => {
    assert.equal(new StreamRedactor(() => []).push('hello world'), 'hello world');
    const r = new StreamRedactor(() => [secret]);
    const first = r.push('a'.repeat(100));
    assert.equal(first.length, 100 - (secret.length - 1));
    assert.equal(first + r.flush(), 'a'.repeat(100));
  });
});

describe('redactDeep', () => {
  it('masks every string of a report-like value and keeps its shape', () => {
    const value = { target: 'x', findings: [{ claim: 'token canary-1234567890 leaked', sources: ['https://e.com/?k=canary-1234567890'], n: 3 }] };
    assert.deepEqual(redactDeep(value, ['canary-1234567890']), {
      target: 'x',
      findings: [{ claim: `token ${MASK} leaked`, sources: [`https://e.com/?k=${MASK}`], n: 3 }],
    });
  });
});
