// The small pure pieces of the Auditor Chat's session: audit targets, the well-formed history
// prefix kept by saves during a run, and the save throttle.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkAuditTarget } from '../../src/core/chat/auditTarget';
import { SaveThrottle } from '../../src/core/chat/saveThrottle';
import { wellFormedPrefix } from '../../src/core/chat/wellFormed';
import type { ChatMessage } from '../../src/core/agent/modelClient';

describe('checkAuditTarget', () => {
  const ok = (input: string, target = input.trim()) => assert.deepEqual(checkAuditTarget(input), { ok: true, target }, input);
  const bad = (input: string) => assert.equal(checkAuditTarget(input).ok, false, input);

  it('accepts owner/repo, repository URLs and package names', () => {
    ok('acme/widget');
    ok('  expressjs/express.git ', 'expressjs/express');
    ok('https://github.com/acme/widget/tree/main/src', 'https://github.com/acme/widget');
    ok('https://github.com/acme/widget.git', 'https://github.com/acme/widget');
    ok('https://gitlab.com/group/sub/project/', 'https://gitlab.com/group/sub/project');
    ok('left-pad');
    ok('@types/node');
    ok('lodash@4.17.21');
    ok('npm:left-pad');
    ok('pypi:requests');
    ok('Django');
  });

  it('refuses what is neither', () => {
    for (const input of [
      '',
      '   ',
      'rm -rf /',
      'a/b/c',
      'https://github.com/acme',
      'https://user:pw@github.com/a/b',
      'javascript:alert(1)',
      'ftp://x.org/a/b',
      '<script>',
      'x'.repeat(301),
    ])
      bad(input);
  });
});

describe('wellFormedPrefix', () => {
  const user = (content: string): ChatMessage => ({ role: 'user', content });
  const call = (...ids: string[]): ChatMessage => ({ role: 'assistant', content: '', toolCalls: ids.map((id) => ({ id, name: 't', arguments: '{}' })) });
  const result = (id: string): ChatMessage => ({ role: 'tool', toolCallId: id, name: 't', content: 'r' });

  it('keeps a complete history', () => {
    const all = [user('a'), call('1', '2'), result('2'), result('1'), { role: 'assistant', content: 'done' } as ChatMessage, user('b')];
    assert.deepEqual(wellFormedPrefix(all), all);
  });

  it('stops before tool calls still waiting for results', () => {
    const history = [user('a'), call('1'), result('1'), call('2', '3'), result('2')];
    assert.deepEqual(wellFormedPrefix(history), history.slice(0, 3));
  });

  it('stops at a result that answers no call', () => {
    assert.deepEqual(wellFormedPrefix([user('a'), result('9'), user('b')]), [user('a')]);
  });
});

describe('SaveThrottle', () => {
  it('coalesces requests within the interval and flushes at once', async () => {
    let saves = 0;
    const throttle = new SaveThrottle(async () => void saves++, 50);
    for (let i = 0; i < 10; i++) throttle.request();
    await new Promise((r) => setTimeout(r, 10));
    assert.equal(saves, 1, 'the first request saves at once');
    for (let i = 0; i < 10; i++) throttle.request();
    await new Promise((r) => setTimeout(r, 10));
    assert.equal(saves, 1, 'later ones wait for the interval');
    await throttle.flush();
    assert.equal(saves, 2, 'flush saves now and cancels the scheduled save');
    await new Promise((r) => setTimeout(r, 80));
    assert.equal(saves, 2);
  });
});
