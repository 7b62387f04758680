import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { click, fullState, setup } from './webview-fixtures';

describe('chat webview: drawing the state', () => {
  it('says ready, then draws header and every kind of item', () => {
    const { api, app, $, $$ } = setup();
    assert.deepEqual(api.posted[0], { type: 'ready' });
    app.receive({ type: 'state', state: fullState() });

    assert.equal($('.chat-header .chat-title')?.textContent, 'Audit acme/widget');
    assert.equal($('button.model-button .model-label')?.textContent, 'fake-auditor');
    assert.match($('button.model-button')?.title ?? '', /OpenAI-compatible/);
    assert.deepEqual(
      $$('.connector-chip').map((c) => [c.textContent, c.dataset.status, c.title]),
      [
        ['everything', 'ready', 'everything: 13 tools'],
        ['GitHub', 'error', 'GitHub: Authentication required'],
      ],
    );
    for (const sel of ['button.edit-connectors', 'button.new-chat .codicon-add', 'button.history .codicon-history']) assert.ok($(sel), sel);

    const messages = $('.messages')!;
    assert.equal(messages.getAttribute('role'), 'log');
    assert.equal(messages.getAttribute('aria-live'), 'off');
    assert.equal($('.live-status')?.getAttribute('aria-live'), 'polite');
    assert.equal($('.empty-state')?.hidden, true);

    assert.equal($('.message.user .message-body')?.textContent, 'Audit <b>acme/widget</b>', 'user text is plain text');
    assert.equal($('.message.user b'), null);
    assert.equal($('.message.assistant .markdown p')?.textContent, 'First paragraph.');
    assert.equal($('.message.assistant .code-block button.copy-code + pre code')?.textContent, 'const a = 1;\n');
    assert.equal($('.message.assistant a[href="https://example.com/docs"]')?.textContent, 'docs');

    const cards = $$('.tool-card');
    assert.deepEqual(
      cards.map((c) => [c.dataset.tool, c.dataset.state]),
      [
        ['echo', 'done'],
        ['get-env', 'waiting'],
        ['flaky', 'failed'],
      ],
    );
    assert.equal(cards[0]!.querySelector('.tool-name')?.textContent, 'everything · echo');
    assert.equal(cards[0]!.querySelector('.tool-state-label')?.textContent, 'Done in 1.2 s');
    assert.equal(cards[0]!.querySelector('details.tool-args pre')?.textContent, '{\n  "message": "hi"\n}');
    assert.equal(cards[0]!.querySelector('details.tool-result pre')?.textContent, 'Echo: hi');
    assert.equal(cards[1]!.querySelector('.tool-state-label')?.textContent, 'Waiting for your confirmation');
    assert.equal((cards[1]!.querySelector('details.tool-result') as HTMLElement).hidden, true, 'no result yet');
    assert.equal(cards[2]!.querySelector('.tool-state-label')?.textContent, 'Failed: Connection refused');
    assert.equal(cards[2]!.querySelector('.tool-name')?.textContent, 'flaky');

    assert.equal($('.notice')?.textContent, 'Using 2 connectors.');
    assert.equal($('.error-item .error-text')?.textContent, 'The API key was rejected.');
    assert.deepEqual(
      $$('.error-item button.fix').map((b) => b.textContent),
      ['Set API Key…'],
    );

    assert.equal($('.report-card .verdict-badge')?.dataset.verdict, 'ADOPT WITH CAUTION');
    assert.equal($('.report-card .target')?.textContent, 'acme/widget');
    assert.equal($('.report-card .report-summary')?.textContent, 'Maintained, one advisory open. <b>not bold</b>');
    assert.deepEqual(
      $$('.report-card .findings-group').map((g) => [g.dataset.analysis, g.querySelectorAll('.finding').length]),
      [
        ['security', 2],
        ['maintenance', 0],
        ['quality', 1],
      ],
    );
    assert.deepEqual(
      $$('.findings-group[data-analysis=security] .severity-tag').map((s) => s.textContent),
      ['CRITICAL', 'LOW'],
      'most severe first',
    );
    const sources = $('.finding[data-severity=critical] .finding-sources')!;
    assert.deepEqual(
      Array.from(sources.querySelectorAll('a'), (a) => a.getAttribute('href')),
      ['https://example.com/advisories/1'],
    );
    assert.deepEqual(
      Array.from(sources.querySelectorAll('code'), (c) => c.textContent),
      ['javascript:alert(1)'],
      'a non-http source is text',
    );
    assert.ok($('button.open-report') && $('button.save-report'));
    assert.match($('.undetermined')?.textContent ?? '', /NO VERDICT.*left-pad.*undetermined: the run was cancelled/);
  });

  it('shows the empty state for an empty chat; examples fill the composer', () => {
    const { t, api, app, $, $$ } = setup();
    app.receive({ type: 'state', state: { ...fullState(), items: [] } });
    assert.equal($('.empty-state')?.hidden, false);
    assert.equal($$('button.example').length, 3);
    click($$('button.example')[0]!, t);
    assert.equal(($('.composer textarea') as HTMLTextAreaElement).value, 'Audit expressjs/express');
    click($('button.audit-repository'), t);
    assert.equal(api.of('auditRepository').length, 1);
    app.receive({ type: 'item', chatId: 'c1', item: { kind: 'user', id: 'u9', text: 'hi' } });
    assert.equal($('.empty-state')?.hidden, true);
  });
});

describe('chat webview: changes touch only what changed', () => {
  it('a text message appends to the answer without replacing its earlier blocks', () => {
    const { app, $ } = setup();
    app.receive({ type: 'state', state: { ...fullState(), items: [{ kind: 'assistant', id: 'a1', text: 'First paragraph.\n\nSecond', streaming: true }] } });
    const firstP = $('.message.assistant .markdown p');
    const article = $('.message.assistant');
    assert.equal(firstP?.textContent, 'First paragraph.');
    for (const delta of [' paragraph', '.\n\n', '- a list\n', '- more\n\nEnd.']) app.receive({ type: 'text', chatId: 'c1', itemId: 'a1', delta });
    app.flush();
    assert.equal($('.message.assistant'), article, 'the same message element');
    assert.equal($('.message.assistant .markdown p'), firstP, 'the first block is the same node');
    assert.equal($('.message.assistant .markdown')?.textContent?.replace(/\s+/g, ' ').trim(), 'First paragraph. Second paragraph. a list more End.');
    assert.ok(app.renderStats().stableChars <= 'First paragraph.\n\nSecond paragraph.\n\n- a list\n- more\n\nEnd.'.length);
    // The final item continues the same text: still no redraw from the start.
    app.receive({
      type: 'item',
      chatId: 'c1',
      item: { kind: 'assistant', id: 'a1', text: 'First paragraph.\n\nSecond paragraph.\n\n- a list\n- more\n\nEnd. Done.', streaming: false },
    });
    assert.equal($('.message.assistant .markdown p'), firstP);
    assert.equal($('.message.assistant')?.dataset.streaming, 'false');
    assert.match($('.message.assistant .markdown')?.textContent ?? '', /End\. Done\.$/m);
  });

  it('an item message replaces one item at its position and keeps opened sections open', () => {
    const { app, $, $$ } = setup();
    app.receive({ type: 'state', state: fullState() });
    const before = $$('.items > *');
    const waiting = $('.tool-card[data-tool="get-env"]')!;
    (waiting.querySelector('details.tool-args') as HTMLDetailsElement).open = true;
    app.receive({
      type: 'item',
      chatId: 'c1',
      item: {
        kind: 'tool',
        id: 't2',
        connector: 'everything',
        tool: 'get-env',
        args: '{}',
        state: 'done',
        startedAt: Date.now(),
        durationMs: 50,
        preview: 'PATH=/bin',
      },
    });
    const after = $$('.items > *');
    assert.equal(after.length, before.length);
    const index = before.indexOf(waiting);
    assert.equal(after[index]?.dataset.state, 'done', 'same position');
    assert.equal((after[index]!.querySelector('details.tool-args') as HTMLDetailsElement).open, true, 'still open');
    after.forEach((node, i) => i !== index && assert.equal(node, before[i], `item ${i} untouched`));
    // A static item is redrawn in place too.
    app.receive({ type: 'item', chatId: 'c1', item: { kind: 'notice', id: 'n1', text: 'Now 3 connectors.' } });
    assert.equal(
      $$('.items > *').findIndex((n) => n.classList.contains('notice')),
      before.findIndex((n) => n.classList.contains('notice')),
    );
    assert.equal($('.notice')?.textContent, 'Now 3 connectors.');
  });

  it('drops invalid messages (reporting them to the host log) and ignores other chats', () => {
    const { api, app, $$ } = setup();
    app.receive({ type: 'state', state: fullState() });
    const count = $$('.items > *').length;
    app.receive({ type: 'item', chatId: 'c1', item: { kind: 'html', id: 'h', html: '<img src=x onerror=alert(1)>' } });
    app.receive('<script>');
    app.receive({ type: 'item', chatId: 'other-chat', item: { kind: 'notice', id: 'zz', text: 'late' } });
    app.receive({ type: 'text', chatId: 'c1', itemId: 'u1', delta: 'not an answer' });
    assert.equal($$('.items > *').length, count);
    const logs = api.of('log');
    assert.equal(logs.length, 3, JSON.stringify(logs));
    assert.ok(logs.every((l) => l.level === 'warn' && typeof l.message === 'string' && (l.message as string).length <= 4000));
  });
});
