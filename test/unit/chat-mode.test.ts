// A chat's mode (local or Mistral Studio): kept in its record, old records (from before modes)
// open as local, a bad mode is set aside like any bad file, leaving Studio forgets the Studio
// conversation, and the protocol carries the header's Studio part and the mode button's message.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { modeOf, type ChatRecord } from '../../src/core/chat/chatRecord';
import type { ChatPorts } from '../../src/core/chat/chatPorts';
import { ChatSession, newChatRecord } from '../../src/core/chat/chatSession';
import { ChatStore } from '../../src/core/chat/chatStore';
import { ConfirmationService } from '../../src/core/tools/confirmation';
import { chatHeaderSchema } from '../../src/protocol/chatItems';
import { parseHostMessage, parseWebviewMessage } from '../../src/protocol/chatMessages';
import { scriptedPort } from '../helpers/agentRun';
import { memoryLog } from '../helpers/sessions';

async function withDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'ca-chat-mode-'));
  try {
    await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A chat file exactly as the extension wrote it before Studio mode existed. */
const legacyFile = {
  version: 1,
  id: 'legacy',
  title: 'Audit acme/widget',
  createdAt: 1,
  updatedAt: 2,
  connectorIds: ['everything'],
  items: [{ kind: 'user', id: 'u1', text: 'Audit acme/widget' }],
  messages: [{ role: 'user', content: 'Audit acme/widget' }],
};

function sessionOver(record: ChatRecord, saved: ChatRecord[]): ChatSession {
  const ports: ChatPorts = {
    chooseModel: () => Promise.reject(new Error('not used')),
    attachConnectors: async () => ({ attached: [], failures: [] }),
    confirmations: new ConfirmationService(scriptedPort()),
    policy: () => 'listedOnly',
    saver: { save: async (r) => void saved.push(structuredClone(r)) },
    log: memoryLog(),
    saveIntervalMs: 0,
  };
  return new ChatSession(record, ports, { item: () => undefined, text: () => undefined, running: () => undefined, header: () => undefined });
}

describe('chat mode in the record', () => {
  it('opens a chat saved before modes existed as a local chat, with nothing else changed', () =>
    withDir(async (dir) => {
      await writeFile(join(dir, 'legacy.json'), JSON.stringify(legacyFile));
      const record = await new ChatStore(dir, memoryLog()).get('legacy');
      assert.ok(record, 'the old file still loads');
      assert.equal(modeOf(record), 'local');
      assert.equal(sessionOver(record, []).mode, 'local');
      assert.deepEqual(record, legacyFile);
    }));

  it('keeps a Studio chat and its Studio conversation across a save and a reload', () =>
    withDir(async (dir) => {
      const store = new ChatStore(dir, memoryLog());
      const studio: ChatRecord = { ...(legacyFile as ChatRecord), id: 'studio', mode: 'studio', studio: { conversationId: 'conv_123' } };
      await store.save(studio);
      const back = await store.get('studio');
      assert.equal(back && modeOf(back), 'studio');
      assert.equal(back?.studio?.conversationId, 'conv_123');
    }));

  it('sets aside a file with a mode it does not know, as any file that does not match', () =>
    withDir(async (dir) => {
      const log = memoryLog();
      await writeFile(join(dir, 'odd.json'), JSON.stringify({ ...legacyFile, id: 'odd', mode: 'cloud' }));
      const store = new ChatStore(dir, log);
      assert.equal(await store.get('odd'), undefined);
      assert.deepEqual(
        (await store.list()).map((s) => s.id),
        [],
      );
    }));

  it('switching modes: an empty chat is not written, a chat with messages is; leaving Studio forgets its conversation', async () => {
    const saved: ChatRecord[] = [];
    const empty = sessionOver(newChatRecord(1, 'empty'), saved);
    empty.setMode('studio');
    await empty.dispose();
    assert.equal(empty.mode, 'studio');
    assert.equal(saved.length, 0, 'an empty chat stays out of the history');

    const chat = sessionOver({ ...(structuredClone(legacyFile) as ChatRecord), mode: 'studio', studio: { conversationId: 'conv_1' } }, saved);
    chat.setMode('studio');
    await chat.dispose();
    assert.equal(saved.length, 0, 'the same mode again changes nothing');
    chat.setMode('local');
    await chat.dispose();
    assert.equal(saved.at(-1)?.mode, 'local');
    assert.equal(saved.at(-1)?.studio, undefined, 'a later Studio run starts a new Studio conversation');

    chat.setStudioConnectorIds(['c1']);
    chat.setMode('studio');
    chat.setMode('local');
    await chat.dispose();
    assert.deepEqual(saved.at(-1)?.studioConnectorIds, ['c1'], 'the chosen Studio connectors outlive a switch to local');
  });
});

describe('chat protocol: Studio mode', () => {
  const header = {
    title: 'Audit acme/widget',
    mode: 'studio',
    studio: { model: 'mistral-medium-latest', webSearch: true, connectors: [{ id: 'c1', label: 'everything', detail: 'server-everything' }] },
    connectors: [],
  };

  it('carries the header of a Studio chat, and a header without a mode (local)', () => {
    const parsed = parseHostMessage({ type: 'header', chatId: 'c', header });
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.ok && parsed.message.type === 'header' && parsed.message.header.studio?.connectors.map((c) => c.label), ['everything']);
    const local = chatHeaderSchema.parse({ title: 't', connectors: [] });
    assert.equal(local.mode, undefined);
  });

  it('rejects a Studio header that is malformed or oversized', () => {
    assert.equal(parseHostMessage({ type: 'header', chatId: 'c', header: { ...header, mode: 'cloud' } }).ok, false);
    assert.equal(parseHostMessage({ type: 'header', chatId: 'c', header: { ...header, studio: { ...header.studio, model: 'x'.repeat(201) } } }).ok, false);
    const many = Array.from({ length: 501 }, (_, i) => ({ id: `c${i}`, label: 'x' }));
    assert.equal(parseHostMessage({ type: 'header', chatId: 'c', header: { ...header, studio: { ...header.studio, connectors: many } } }).ok, false);
    assert.equal(
      parseHostMessage({ type: 'header', chatId: 'c', header: { ...header, studio: { ...header.studio, connectors: [{ id: '', label: 'x' }] } } }).ok,
      false,
    );
  });

  it("accepts the mode button's message and nothing it does not define", () => {
    assert.deepEqual(parseWebviewMessage({ type: 'pickMode', requestId: 3 }), { ok: true, message: { type: 'pickMode', requestId: 3 } });
    // The webview asks; it never sets the mode itself.
    const forged = parseWebviewMessage({ type: 'pickMode', mode: 'studio' });
    assert.deepEqual(forged, { ok: true, message: { type: 'pickMode' } });
    assert.equal(parseWebviewMessage({ type: 'setMode', mode: 'studio' }).ok, false);
  });
});
