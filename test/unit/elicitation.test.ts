import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { answerWithDefaults } from '../../src/core/tools/elicitation';

describe('unattended elicitation answers', () => {
  it('accepts with every default when they cover the required fields', () => {
    const answer = answerWithDefaults({
      message: 'Confirm',
      requestedSchema: {
        type: 'object',
        properties: {
          name: { type: 'string', default: 'x' },
          n: { type: 'number', default: 3 },
          ok: { type: 'boolean', default: true },
          pick: { type: 'string', enum: ['a', 'b'], default: 'b' },
        },
        required: ['name'],
      },
    });
    assert.deepEqual(answer, { action: 'accept', content: { name: 'x', n: 3, ok: true, pick: 'b' } });
  });

  it('declines when a required field has no default, rather than inventing a value', () => {
    const answer = answerWithDefaults({
      message: 'Who?',
      requestedSchema: { type: 'object', properties: { email: { type: 'string' } }, required: ['email'] },
    });
    assert.deepEqual(answer, { action: 'decline' });
  });
});
