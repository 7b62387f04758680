import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Bridge } from '../../src/webview/bridge';
import type { ViewContext } from '../../src/webview/context';
import { createDom } from '../../src/webview/dom';
import { ElapsedTicker } from '../../src/webview/ticker';
import { ToolCardView } from '../../src/webview/views/toolCard';
import { REPORT, click, fullState, key, setup } from './webview-fixtures';
import { FakeApi, testWindow } from './webview-jsdom';

describe('chat webview: what the person does', () => {
  it('Enter sends, Shift+Enter does not, empty text is never sent, the box is cleared', () => {
    const { t, api, app, $ } = setup();
    app.receive({ type: 'state', state: fullState() });
    const box = $('.composer textarea') as HTMLTextAreaElement;
    box.value = '   ';
    key(box, t, { key: 'Enter' });
    assert.equal(api.of('send').length, 0, 'blank text is not sent');
    box.value = 'Audit acme/widget';
    assert.equal(key(box, t, { key: 'Enter', shiftKey: true }), true, 'Shift+Enter is left to the textarea');
    assert.equal(api.of('send').length, 0);
    assert.equal(key(box, t, { key: 'Enter' }), false, 'Enter is taken');
    assert.deepEqual(api.of('send'), [{ type: 'send', text: 'Audit acme/widget', requestId: 1 }]);
    assert.equal(box.value, '');
  });

  it('puts a refused message back into an empty box', async () => {
    const { t, api, app, $ } = setup();
    app.receive({ type: 'state', state: fullState() });
    const box = $('.composer textarea') as HTMLTextAreaElement;
    box.value = 'Audit x';
    key(box, t, { key: 'Enter' });
    const requestId = api.of('send')[0]!.requestId;
    app.receive({ type: 'response', requestId, ok: false, error: 'No model' });
    await new Promise((r) => setTimeout(r, 0));
    assert.equal(box.value, 'Audit x');
  });

  it('while running: Stop replaces Send, Escape stops, and the live region says what happens', () => {
    const { t, api, app, $ } = setup();
    app.receive({ type: 'state', state: fullState() });
    const send = $('button.send')!;
    const stop = $('button.stop')!;
    assert.equal(stop.hidden, true);
    app.receive({ type: 'running', chatId: 'c1', running: true });
    assert.equal(send.hidden, true);
    assert.equal(stop.hidden, false);
    assert.equal($('.live-status')?.textContent, 'Auditor is answering…');
    const box = $('.composer textarea') as HTMLTextAreaElement;
    box.value = 'more';
    key(box, t, { key: 'Enter' });
    assert.equal(api.of('send').length, 0, 'no send while running');
    key(box, t, { key: 'Escape' });
    click(stop, t);
    assert.equal(api.of('stop').length, 2);
    app.receive({
      type: 'item',
      chatId: 'c1',
      item: { kind: 'tool', id: 't9', connector: 'everything', tool: 'get-env', args: '{}', state: 'waiting', startedAt: Date.now() },
    });
    assert.equal($('.live-status')?.textContent, 'Waiting for your confirmation of everything · get-env');
    app.receive({ type: 'running', chatId: 'c1', running: false });
    assert.equal($('.live-status')?.textContent, 'Answer complete');
    assert.equal(send.hidden, false);
    app.receive({ type: 'item', chatId: 'c1', item: { ...REPORT, id: 'r2' } });
    assert.equal($('.live-status')?.textContent, 'Verdict for acme/widget: ADOPT WITH CAUTION');
  });

  it('links go to the host; refused links and the page itself do nothing', () => {
    const { t, api, app, $ } = setup();
    app.receive({ type: 'state', state: fullState() });
    const link = $('.message.assistant a[href]')!;
    const event = new t.window.MouseEvent('click', { bubbles: true, cancelable: true, button: 0 });
    link.dispatchEvent(event);
    assert.equal(event.defaultPrevented, true, 'the webview does not navigate');
    const middle = new t.window.MouseEvent('auxclick', { bubbles: true, cancelable: true, button: 1 });
    link.dispatchEvent(middle);
    assert.equal(middle.defaultPrevented, true);
    assert.match($('.message.assistant')?.textContent ?? '', /\[bad\]\(javascript:alert\(1\)\)/, 'a script link is not even a link');
    const refused = Array.from(t.document.querySelectorAll('.message.assistant a')).find((a) => a.textContent === 'elsewhere');
    assert.ok(refused, 'a protocol-relative link keeps its text');
    assert.equal(refused.getAttribute('href'), null, 'but loses its href');
    click(refused, t);
    click($('.report-card a.source-link'), t);
    assert.deepEqual(
      api.of('openLink').map((m) => m.href),
      ['https://example.com/docs', 'https://example.com/docs', 'https://example.com/advisories/1'],
    );
  });

  it('buttons post their messages: copy, fixes, report actions, header actions', () => {
    const { t, api, app, $ } = setup();
    app.receive({ type: 'state', state: fullState() });
    click($('button.copy-code'), t);
    click($('button.fix'), t);
    click($('button.open-report'), t);
    click($('button.save-report'), t);
    for (const sel of ['button.model-button', 'button.edit-connectors', 'button.new-chat', 'button.history']) click($(sel), t);
    const strip = (m: Record<string, unknown>) => {
      const { requestId: _id, ...rest } = m;
      return rest;
    };
    assert.deepEqual(api.posted.slice(1).map(strip), [
      { type: 'copy', text: 'const a = 1;\n' },
      { type: 'runFix', itemId: 'e1', fixId: 'f1' },
      { type: 'openReport', itemId: 'r1' },
      { type: 'saveReport', itemId: 'r1' },
      { type: 'pickModel' },
      { type: 'editConnectors' },
      { type: 'newChat' },
      { type: 'showHistory' },
    ]);
  });

  it('keeps the draft per chat across the view being hidden and shown again', () => {
    const first = setup();
    first.app.receive({ type: 'state', state: fullState() });
    const box = first.$('.composer textarea') as HTMLTextAreaElement;
    box.value = 'half-written question';
    box.dispatchEvent(new first.t.window.Event('input', { bubbles: true }));
    // The view is destroyed; VS Code keeps only what was given to setState.
    const second = setup(first.api.saved);
    second.app.receive({ type: 'state', state: fullState() });
    assert.equal((second.$('.composer textarea') as HTMLTextAreaElement).value, 'half-written question');
    second.app.receive({ type: 'state', state: { ...fullState(), chatId: 'c2', items: [] } });
    assert.equal((second.$('.composer textarea') as HTMLTextAreaElement).value, '', 'another chat has its own draft');
    second.app.receive({ type: 'focusComposer', draft: 'Audit left-pad' });
    assert.equal((second.$('.composer textarea') as HTMLTextAreaElement).value, 'Audit left-pad');
  });
});

describe('chat webview: tool card timer', () => {
  it('one shared timer runs only while a card is running; the label counts from startedAt', () => {
    const t = testWindow();
    let now = 10_000;
    const ticker = new ElapsedTicker(() => now);
    const ctx: ViewContext = {
      dom: createDom(t.document),
      bridge: new Bridge(new FakeApi()),
      markdown: t.renderer,
      ticker,
      schedule: undefined,
      contentChanged: () => {},
    };
    const base = { kind: 'tool' as const, id: 't', connector: 'everything', tool: 'echo', args: '{}', startedAt: 7_000 };
    const a = new ToolCardView(ctx, { ...base, state: 'running' });
    const b = new ToolCardView(ctx, { ...base, id: 't2', state: 'running' });
    const label = a.node.querySelector('.tool-state-label')!;
    assert.equal(label.textContent, 'Running… 3.0 s');
    assert.equal(ticker.active, true);
    now = 12_250;
    a.tick(now);
    assert.equal(label.textContent, 'Running… 5.3 s');
    a.update({ ...base, state: 'done', durationMs: 5_300 });
    assert.equal(label.textContent, 'Done in 5.3 s');
    assert.equal(ticker.active, true, 'the other card still runs');
    b.update({ ...base, id: 't2', state: 'cancelled' });
    assert.equal(ticker.active, false, 'no running card, no timer');
    assert.equal(b.node.querySelector('.tool-state-label')?.textContent, 'Cancelled');
    // A start time from a clock far off (host and browser on different machines) does not show nonsense.
    const c = new ToolCardView(ctx, { ...base, id: 't3', state: 'running', startedAt: now + 60_000 });
    assert.match(c.node.querySelector('.tool-state-label')?.textContent ?? '', /^Running… 0\.0 s$/);
    c.dispose();
    assert.equal(ticker.active, false);
  });
});
