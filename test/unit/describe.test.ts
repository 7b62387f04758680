import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  describeEnv,
  describeHeaders,
  describeOAuth,
  describeTarget,
  describeTransport,
  firstLine,
  summarizeInputSchema,
} from '../../src/core/connectors/describe';
import { MASK } from '../../src/core/util/redact';

describe('summarizeInputSchema', () => {
  it('lists required fields first, keeping the declared order within each group', () => {
    const fields = summarizeInputSchema({
      type: 'object',
      properties: {
        limit: { type: 'number' },
        query: { type: 'string', description: 'What to search for' },
        page: { type: 'integer' },
        repo: { type: 'string' },
      },
      required: ['repo', 'query'],
    });
    assert.deepEqual(
      fields.map((f) => [f.name, f.type, f.required]),
      [
        ['query', 'string', true],
        ['repo', 'string', true],
        ['limit', 'number', false],
        ['page', 'integer', false],
      ],
    );
    assert.equal(fields[0].description, 'What to search for');
    assert.equal(fields[1].description, undefined);
  });

  it('shows enums as their values, truncating long ones', () => {
    const [short, long] = summarizeInputSchema({
      properties: {
        sort: { enum: ['asc', 'desc'] },
        level: { enum: [1, 2, 3, 4, 5, 6, 7, 8] },
      },
    });
    assert.equal(short.type, '"asc" | "desc"');
    assert.equal(long.type, '1 | 2 | 3 | 4 | 5 | 6 | …');
  });

  it('shows arrays by their item type, and nested arrays too', () => {
    const fields = summarizeInputSchema({
      properties: {
        tags: { type: 'array', items: { type: 'string' } },
        matrix: { type: 'array', items: { type: 'array', items: { type: 'number' } } },
        anything: { type: 'array' },
      },
    });
    assert.deepEqual(
      fields.map((f) => f.type),
      ['string[]', 'number[][]', 'any[]'],
    );
  });

  it('shows a $ref by the referenced definition name', () => {
    const [f] = summarizeInputSchema({ properties: { target: { $ref: '#/$defs/RepoRef' } } });
    assert.equal(f.type, 'RepoRef');
  });

  it('shows anyOf / oneOf and type arrays as unions', () => {
    const fields = summarizeInputSchema({
      properties: {
        a: { anyOf: [{ type: 'string' }, { type: 'null' }] },
        b: { oneOf: [{ type: 'integer' }, { type: 'array', items: { type: 'integer' } }] },
        c: { type: ['string', 'number'] },
      },
    });
    assert.deepEqual(
      fields.map((f) => f.type),
      ['string | null', 'integer | integer[]', 'string | number'],
    );
  });

  it('falls back to "any" for a property without a type', () => {
    const [f] = summarizeInputSchema({ properties: { x: {} } });
    assert.equal(f.type, 'any');
  });

  it('returns no fields for a missing or property-less schema', () => {
    assert.deepEqual(summarizeInputSchema(undefined), []);
    assert.deepEqual(summarizeInputSchema({ type: 'object' }), []);
  });
});

describe('describeTarget', () => {
  it('shows a stdio command line with secret arguments masked and placeholders kept', () => {
    const out = describeTarget({ name: 'x', command: 'npx', args: ['-y', 'server', '--token', 'ghp_literal', '--api-key=abc', '--key', '${secret:k}'] });
    assert.equal(out, `npx -y server --token ${MASK} --api-key=${MASK} --key \${secret:k}`);
  });

  it('quotes arguments that contain spaces so the line reads unambiguously', () => {
    assert.equal(describeTarget({ name: 'x', command: 'node', args: ['/path with space/s.js'] }), 'node "/path with space/s.js"');
  });

  it('shows an HTTP URL with password and token parameters masked', () => {
    const out = describeTarget({ name: 'x', url: 'https://u:pw-secret@example.com/mcp?access_token=tok123&v=1' });
    assert.ok(!out.includes('pw-secret') && !out.includes('tok123'), out);
    assert.ok(out.startsWith('https://u:'), out);
    assert.ok(out.includes('v=1'), out);
  });
});

describe('describeHeaders and describeEnv', () => {
  it('masks header values, keeps placeholders, and shows auth as a header', () => {
    assert.deepEqual(
      describeHeaders({
        name: 'x',
        url: 'https://example.com',
        headers: { 'X-Team': 'literal-value', 'X-Key': '${secret:k}' },
        auth: { type: 'bearer', token: 'ghp_literal' },
      }),
      [`X-Team: ${MASK}`, 'X-Key: ${secret:k}', `Authorization: Bearer ${MASK}`],
    );
  });

  it('shows apiKey auth under its header name, masked, and names OAuth', () => {
    assert.deepEqual(describeHeaders({ name: 'x', url: 'https://e', auth: { type: 'apiKey', header: 'X-Api-Key', value: 'abc' } }), [`X-Api-Key: ${MASK}`]);
    assert.deepEqual(describeHeaders({ name: 'x', url: 'https://e', auth: { type: 'oauth2' } }), [], 'OAuth sends no configured header');
    assert.equal(describeOAuth({ name: 'x', url: 'https://e', auth: { type: 'oauth2' } }), 'OAuth 2.1, registers itself');
    assert.equal(
      describeOAuth({ name: 'x', url: 'https://e', auth: { type: 'oauth2', clientId: 'abc', clientSecret: '${secret:s}', scopes: ['read', 'write'] } }),
      'OAuth 2.1, client abc; scopes read write',
    );
    assert.equal(describeOAuth({ name: 'x', url: 'https://e', auth: { type: 'bearer', token: 't' } }), undefined);
  });

  it('masks environment values but keeps placeholders', () => {
    assert.deepEqual(describeEnv({ name: 'x', command: 'c', env: { TOKEN: 'abc', HOME_DIR: '${env:HOME}' } }), [`TOKEN=${MASK}`, 'HOME_DIR=${env:HOME}']);
  });
});

describe('describeTransport and firstLine', () => {
  it('names the transport, inferring it when not written', () => {
    assert.equal(describeTransport({ name: 'x', command: 'c' }), 'stdio (local process)');
    assert.equal(describeTransport({ name: 'x', url: 'https://e' }), 'Streamable HTTP');
    assert.equal(describeTransport({ name: 'x', transport: 'sse', url: 'https://e' }), 'SSE');
  });

  it('takes the first line and truncates with an ellipsis', () => {
    assert.equal(firstLine('  Search code.\r\nMore details.'), 'Search code.');
    assert.equal(firstLine('abcdefghij', 5), 'abcd…');
    assert.equal(firstLine(undefined), '');
  });
});
