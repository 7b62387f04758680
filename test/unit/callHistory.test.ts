import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CallHistory, type CallRecord } from '../../src/core/tools/callHistory';

function memory(initial: unknown = undefined) {
  let stored: unknown = initial;
  return { read: () => stored, write: (r: CallRecord[]) => void (stored = r), get: () => stored };
}

const entry = (tool: string, at: number) => ({ connectorId: 'private:x', connectorLabel: 'x', tool, args: { a: 1 }, at, outcome: 'ok' as const });

describe('call history', () => {
  it('keeps the newest 50 calls, newest first', async () => {
    const store = memory();
    const history = new CallHistory(store);
    for (let i = 0; i < 55; i++) await history.add(entry(`t${i}`, i));
    const list = history.list();
    assert.equal(list.length, 50);
    assert.equal(list[0].tool, 't54');
    assert.equal(list[49].tool, 't5');
    assert.equal(new Set(list.map((r) => r.id)).size, 50, 'ids are unique');
  });

  it('drops stored entries it cannot read instead of failing', () => {
    const history = new CallHistory(memory([{ nonsense: true }, { ...entry('ok', 1), id: 'a' }, 'junk']));
    assert.deepEqual(
      history.list().map((r) => r.tool),
      ['ok'],
    );
    assert.deepEqual(new CallHistory(memory('not an array')).list(), []);
  });
});

describe('call history of Mistral Studio calls', () => {
  it('keeps that a call went to Mistral Studio, and reads older records as local', async () => {
    const store = memory([{ ...entry('old', 1), id: 'a' }]);
    const history = new CallHistory(store);
    await history.add({
      connectorId: 'studio:everything',
      connectorLabel: 'everything (Mistral Studio)',
      source: 'studio',
      tool: 'echo',
      args: { message: 'hi' },
      at: 2,
      outcome: 'ok',
    });
    // Through storage and back, as after a reload of the window.
    const [studio, local] = new CallHistory(memory(JSON.parse(JSON.stringify(store.get())))).list();
    assert.equal(studio.source, 'studio');
    assert.equal(studio.connectorId, 'studio:everything');
    assert.equal(local.source, undefined);
  });

  it('drops a record whose source it does not know rather than calling the wrong place', () => {
    const history = new CallHistory(memory([{ ...entry('x', 1), id: 'a', source: 'elsewhere' }]));
    assert.deepEqual(history.list(), []);
  });
});
