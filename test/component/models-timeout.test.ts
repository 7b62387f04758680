import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ModelError } from '../../src/core/agent/modelClient';
import { createModelClient } from '../../src/core/agent/models';
import { startFakeModel, type FakeModelServer } from '../fixtures/fakeModel/server';
import { collect } from '../fixtures/fakeModel/collect';

describe('a model server that never answers', () => {
  let fake: FakeModelServer;
  after(() => fake?.close());

  it('ends with a "timeout" error naming the server, not a connection error', async () => {
    fake = await startFakeModel([{ hang: true }], { dialect: 'openai' });
    const client = createModelClient({ provider: 'openai', baseUrl: fake.baseUrl, model: 'm', timeoutMs: 300, retry: false });
    await assert.rejects(
      collect(client, { messages: [{ role: 'user', content: 'hi' }], tools: [] }),
      (err: unknown) => err instanceof ModelError && err.kind === 'timeout' && /did not answer in time/.test(err.message),
      'a timeout error',
    );
  });
});
