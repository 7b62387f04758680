// The chat webview drawn into a jsdom window, with a state that has every kind of item.
import assert from 'node:assert/strict';
import { after } from 'node:test';
import type { ChatItem, ChatState } from '../../src/protocol/chatItems';
import { ChatApp } from '../../src/webview/app';
import { FakeApi, testWindow, type TestWindow } from './webview-jsdom';

export const REPORT: ChatItem = {
  kind: 'report',
  id: 'r1',
  report: {
    target: 'acme/widget',
    verdict: 'ADOPT WITH CAUTION',
    summary: 'Maintained, one advisory open. <b>not bold</b>',
    findings: [
      { analysis: 'security', severity: 'low', claim: 'Uses eval in a build script.', sources: ['tool github__search_code'] },
      { analysis: 'security', severity: 'critical', claim: 'CVE-2099-1 is unpatched.', sources: ['https://example.com/advisories/1', 'javascript:alert(1)'] },
      { analysis: 'quality', severity: 'info', claim: 'MIT licence.', sources: ['https://example.com/LICENSE'] },
    ],
  },
};

export function fullState(): ChatState {
  return {
    chatId: 'c1',
    header: {
      title: 'Audit acme/widget',
      model: { label: 'fake-auditor', detail: 'OpenAI-compatible, from settings' },
      connectors: [
        { id: 'everything', label: 'everything', status: 'ready', detail: '13 tools' },
        { id: 'github', label: 'GitHub', status: 'error', detail: 'Authentication required' },
      ],
    },
    running: false,
    items: [
      { kind: 'user', id: 'u1', text: 'Audit <b>acme/widget</b>' },
      {
        kind: 'assistant',
        id: 'a1',
        text: 'First paragraph.\n\n```js\nconst a = 1;\n```\n\nSee [docs](https://example.com/docs), [bad](javascript:alert(1)) and [elsewhere](//evil.test/x).',
        streaming: false,
      },
      {
        kind: 'tool',
        id: 't1',
        connector: 'everything',
        tool: 'echo',
        args: '{\n  "message": "hi"\n}',
        state: 'done',
        startedAt: Date.now() - 2000,
        durationMs: 1234,
        preview: 'Echo: hi',
      },
      { kind: 'tool', id: 't2', connector: 'everything', tool: 'get-env', args: '{}', state: 'waiting', startedAt: Date.now() },
      { kind: 'tool', id: 't3', tool: 'flaky', args: '{}', state: 'failed', startedAt: Date.now(), preview: 'Connection refused' },
      { kind: 'notice', id: 'n1', text: 'Using 2 connectors.' },
      {
        kind: 'error',
        id: 'e1',
        text: 'The API key was rejected.',
        fixes: [{ id: 'f1', label: 'Set API Key…', action: { type: 'setModelKey', provider: 'mistral' } }],
      },
      REPORT,
      { kind: 'undetermined', id: 'x1', target: 'left-pad', text: 'The verdict is undetermined: the run was cancelled.' },
    ],
  };
}

const opened: Array<{ app: ChatApp; t: TestWindow; api: FakeApi }> = [];

// Unanswered requests (their 2-minute timeout) and a running card's timer are real Node timers:
// answer every request, clear every chat and close every window when the file is done, or the
// test process would linger until they fire.
after(() => {
  for (const { app, t, api } of opened.splice(0)) {
    for (const m of api.posted) if (typeof m.requestId === 'number') app.receive({ type: 'response', requestId: m.requestId, ok: true });
    app.receive({ type: 'state', state: { chatId: 'closed', header: { title: '', connectors: [] }, items: [], running: false } });
    t.window.close();
  }
});

export function setup(saved?: unknown): { t: TestWindow; api: FakeApi; app: ChatApp; $: (s: string) => HTMLElement | null; $$: (s: string) => HTMLElement[] } {
  const t = testWindow();
  const api = new FakeApi(saved);
  const root = t.document.getElementById('app')!;
  const app = new ChatApp(root, { api, markdown: t.renderer });
  app.start();
  opened.push({ app, t, api });
  return { t, api, app, $: (s) => root.querySelector<HTMLElement>(s), $$: (s) => Array.from(root.querySelectorAll<HTMLElement>(s)) };
}

export function click(el: Element | null, t: TestWindow): void {
  assert.ok(el, 'element to click exists');
  el.dispatchEvent(new t.window.MouseEvent('click', { bubbles: true, cancelable: true, button: 0 }));
}

export function key(el: Element | null, t: TestWindow, init: KeyboardEventInit): boolean {
  assert.ok(el);
  return el.dispatchEvent(new t.window.KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init }));
}
