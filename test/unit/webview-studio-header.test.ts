// The chat header of a Studio-mode chat, drawn in jsdom: it says the chat runs on Mistral Studio,
// names the Studio model and connectors (and web search) apart from the local ones, says why
// Studio cannot run when it cannot, and its mode button asks the host to choose.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ChatHeader } from '../../src/protocol/chatItems';
import { click, fullState, setup } from './webview-fixtures';

const studioHeader = (studio: ChatHeader['studio']): ChatHeader => ({ ...fullState().header, mode: 'studio', studio });

describe('chat webview: the header of a Studio chat', () => {
  it('says Local for a chat without a mode, and Mistral Studio with its model, connectors and web search for a Studio chat', () => {
    const { t, api, app, $, $$ } = setup();
    app.receive({ type: 'state', state: fullState() });
    assert.equal($('.chat-header')?.dataset.mode, 'local');
    assert.match($('button.mode-button')?.getAttribute('aria-label') ?? '', /Runs locally/);
    assert.equal($$('.studio-chip').length, 0);
    assert.equal($('.chip-group'), null);

    app.receive({
      type: 'header',
      chatId: 'c1',
      header: studioHeader({
        model: 'mistral-medium-latest',
        webSearch: true,
        connectors: [{ id: 's1', label: 'issue-tracker', detail: 'The team’s issue tracker' }],
      }),
    });
    assert.equal($('.chat-header')?.dataset.mode, 'studio');
    assert.equal($('.mode-label')?.textContent, 'Mistral Studio');
    assert.equal($('.mode-label')?.hidden, false);
    assert.match($('button.mode-button')?.getAttribute('aria-label') ?? '', /on Mistral Studio/);
    assert.equal($('.model-label')?.textContent, 'mistral-medium-latest');
    assert.deepEqual(
      $$('.studio-chip').map((c) => [c.dataset.kind, c.textContent]),
      [
        ['studio', 'issue-tracker'],
        ['web-search', 'web search'],
      ],
    );
    // The chat's own connectors still show, after Studio's, under their own label.
    assert.equal($('.chip-group')?.textContent, 'local:');
    assert.deepEqual(
      $$('.connector-chip:not(.studio-chip) .chip-label').map((c) => c.textContent),
      ['everything', 'GitHub'],
    );

    click($('button.mode-button'), t);
    assert.deepEqual(
      api.of('pickMode').map((m) => m.type),
      ['pickMode'],
    );
  });

  it('shows reading, then the problem that stops Studio (no key) instead of connectors', () => {
    const { app, $, $$ } = setup();
    app.receive({ type: 'state', state: { ...fullState(), header: studioHeader({ model: '', webSearch: true, connectors: [], loading: true }) } });
    assert.deepEqual(
      $$('.studio-chip').map((c) => c.dataset.kind),
      ['loading'],
    );
    app.receive({
      type: 'header',
      chatId: 'c1',
      header: studioHeader({ model: 'mistral-medium-latest', webSearch: true, connectors: [], problem: 'Studio mode needs a Mistral API key.' }),
    });
    const problem = $('.studio-chip[data-kind="problem"]');
    assert.ok(problem);
    assert.match(problem.title, /needs a Mistral API key/);
  });
});
