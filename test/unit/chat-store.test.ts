import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHAT_RECORD_VERSION, titleFrom, type ChatRecord } from '../../src/core/chat/chatRecord';
import { ChatStore } from '../../src/core/chat/chatStore';
import { memoryLog } from '../helpers/sessions';

const record = (id: string, updatedAt: number, extra: Partial<ChatRecord> = {}): ChatRecord => ({
  version: CHAT_RECORD_VERSION,
  id,
  title: `chat ${id}`,
  createdAt: 1,
  updatedAt,
  items: [{ kind: 'user', id: 'u1', text: 'Audit acme/widget' }],
  messages: [{ role: 'user', content: 'Audit acme/widget' }],
  ...extra,
});

async function withDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'ca-chats-'));
  try {
    await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('chat store', () => {
  it('saves, lists newest first with the last verdict, reopens and deletes', () =>
    withDir(async (dir) => {
      const store = new ChatStore(join(dir, 'chats'));
      assert.deepEqual(await store.list(), [], 'no folder yet is an empty history');
      await store.save(record('old', 10));
      const report = { kind: 'report' as const, id: 'r', report: { target: 'acme/widget', verdict: 'AVOID' as const, summary: 's', findings: [] } };
      await store.save(record('new', 20, { items: [report] }));
      assert.deepEqual(
        (await store.list()).map((s) => [s.id, s.verdict]),
        [
          ['new', 'AVOID'],
          ['old', undefined],
        ],
      );
      assert.deepEqual(await store.get('old'), record('old', 10));
      await store.delete('old');
      assert.equal(await store.get('old'), undefined);
      await store.delete('old'); // twice is fine
    }));

  it('keeps the last of rapid saves of one chat', () =>
    withDir(async (dir) => {
      const store = new ChatStore(dir);
      await Promise.all(Array.from({ length: 20 }, (_, i) => store.save(record('c', i, { title: `v${i}` }))));
      assert.equal((await store.get('c'))?.title, 'v19');
      assert.deepEqual(
        (await readdir(dir)).filter((n) => n.endsWith('.tmp')),
        [],
        'no temp file left behind',
      );
    }));

  it('sets an unreadable file aside with a warning instead of losing or trusting it', () =>
    withDir(async (dir) => {
      const log = memoryLog();
      const store = new ChatStore(dir, log);
      await store.save(record('good', 1));
      await writeFile(join(dir, 'torn.json'), '{"version":1,"id":"torn","ite');
      await writeFile(join(dir, 'alien.json'), JSON.stringify({ ...record('alien', 2), items: [{ kind: 'script', id: 'x' }] }));
      assert.deepEqual(
        (await store.list()).map((s) => s.id),
        ['good'],
      );
      const names = await readdir(dir);
      assert.equal(names.filter((n) => n.includes('.unreadable-')).length, 2, 'both kept on disk for the person to recover');
      assert.match(log.lines.join('\n'), /torn\.json could not be read/);
      assert.match(
        await readFile(
          join(
            dir,
            names.find((n) => n.startsWith('torn.json.unreadable'))!,
          ),
          'utf8',
        ),
        /"ite$/,
      );
    }));

  it('refuses ids that could escape the folder', () =>
    withDir(async (dir) => {
      const store = new ChatStore(dir);
      assert.equal(await store.get('../secrets'), undefined);
      assert.throws(() => void store.save(record('../x', 1)));
    }));

  it('titles a chat by its first message, on one short line', () => {
    assert.equal(titleFrom('  Audit\n acme/widget  '), 'Audit acme/widget');
    assert.equal(titleFrom('x'.repeat(100)).length, 60);
    assert.equal(titleFrom('   '), 'New chat');
  });
});
