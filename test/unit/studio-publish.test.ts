// Publish to Studio: what is sent for a local connector, what is withheld, and what is refused.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { publishPlan } from '../../src/core/studio/publishPlan';

const fallback = { fallbackDescription: 'Published from Connector Auditor' };

describe('publishPlan', () => {
  it('refuses a stdio connector, saying Studio cannot run a command on this machine', () => {
    const plan = publishPlan({ name: 'local-fs', command: 'npx', args: ['server-filesystem', '.'] }, fallback);
    assert.ok(!plan.ok);
    assert.match(plan.reason, /"local-fs" is a stdio connector: it runs a command on this machine, and Mistral Studio runs connectors on its own servers/);
  });

  it('sends an http connector with its URL, name and description, private by default and without auth', () => {
    const plan = publishPlan({ name: 'tracker', transport: 'http', url: 'https://tracker.example.com/mcp', description: 'Issues' }, fallback);
    assert.deepEqual(plan, {
      ok: true,
      input: { name: 'tracker', description: 'Issues', server: 'https://tracker.example.com/mcp', visibility: 'private', auth: 'none' },
      withheld: [],
    });
  });

  it('never sends a token or headers: a bearer connector is published as "bearer" and the rest is named as withheld', () => {
    const plan = publishPlan(
      {
        name: 'api',
        transport: 'sse',
        url: 'https://api.example.com/sse',
        auth: { type: 'bearer', token: '${secret:API_TOKEN}' },
        headers: { 'X-Team': 'blue' },
      },
      { ...fallback, visibility: 'shared_workspace', name: 'api-2' },
    );
    assert.ok(plan.ok);
    assert.deepEqual(plan.input, {
      name: 'api-2',
      description: 'Published from Connector Auditor',
      server: 'https://api.example.com/sse',
      visibility: 'shared_workspace',
      auth: 'bearer',
    });
    assert.deepEqual(plan.withheld, ['its bearer token', 'its headers (X-Team)']);
    assert.doesNotMatch(JSON.stringify(plan.input), /secret|X-Team|blue/);
  });

  it('publishes an API-key or OAuth connector with auth "none" and says what stays behind', () => {
    const apiKey = publishPlan({ name: 'k', url: 'https://k.example.com/mcp', auth: { type: 'apiKey', header: 'X-Api-Key', value: 'v' } }, fallback);
    assert.ok(apiKey.ok);
    assert.equal(apiKey.input.auth, 'none');
    assert.deepEqual(apiKey.withheld, ['its API key header (X-Api-Key)']);
    const oauth = publishPlan({ name: 'o', url: 'https://o.example.com/mcp', auth: { type: 'oauth2' } }, fallback);
    assert.ok(oauth.ok);
    assert.deepEqual(oauth.withheld, ['its OAuth sign-in']);
  });

  it('refuses a URL with credentials or a placeholder, which would leak a secret or reach Studio unresolved', () => {
    const creds = publishPlan({ name: 'c', url: 'https://user:hunter2@c.example.com/mcp' }, fallback);
    assert.ok(!creds.ok);
    assert.match(creds.reason, /carries credentials/);
    assert.doesNotMatch(creds.reason, /hunter2/);
    const query = publishPlan({ name: 'q', url: 'https://q.example.com/mcp?api_key=abcdef123456' }, fallback);
    assert.ok(!query.ok);
    assert.doesNotMatch(query.reason, /abcdef123456/);
    const placeholder = publishPlan({ name: 'p', url: 'https://${secret:HOST}/mcp' }, fallback);
    assert.ok(!placeholder.ok);
    assert.match(placeholder.reason, /placeholder/);
  });

  it('refuses a name Studio would reject before sending anything', () => {
    const plan = publishPlan({ name: 'ok', url: 'https://x.example.com/mcp' }, { ...fallback, name: 'has space' });
    assert.ok(!plan.ok);
    assert.match(plan.reason, /not a valid Studio connector name/);
  });
});
