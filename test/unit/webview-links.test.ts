import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ChatState } from '../../src/protocol/chatItems';
import { linkTooltip } from '../../src/webview/linkTooltip';
import { REPORT, click, fullState, setup } from './webview-fixtures';
import { testWindow } from './webview-jsdom';

/** A Cyrillic "а" (U+0430) in place of the Latin "a": looks like apple.com, is another domain. */
const IDN = 'https://\u0430pple.com/login';

function linksOf(markdown: string): Array<[string | null, string | null, string | null]> {
  const t = testWindow();
  const div = t.document.createElement('div');
  div.append(t.renderer.render(markdown));
  const out = Array.from(
    div.querySelectorAll('a'),
    (a) => [a.getAttribute('href'), a.getAttribute('title'), a.textContent] as [string | null, string | null, string | null],
  );
  t.window.close();
  return out;
}

describe('chat webview: a link tooltip shows where the link really goes', () => {
  it('puts the real destination first; a title claiming another address only follows it, quoted', () => {
    assert.deepEqual(linksOf('[docs](https://evil.example "https://github.com/expressjs/express")'), [
      ['https://evil.example', 'https://evil.example/ — "https://github.com/expressjs/express"', 'docs'],
    ]);
    assert.deepEqual(linksOf('[ref]: https://evil.example/x "GitHub: expressjs/express"\n\nSee [ref].'), [
      ['https://evil.example/x', 'https://evil.example/x — "GitHub: expressjs/express"', 'ref'],
    ]);
  });

  it('shows an internationalised host in punycode, in links and in autolinks', () => {
    const [link, auto] = linksOf(`[Apple](${IDN}) and ${IDN}`);
    assert.equal(link![1], 'https://xn--pple-43d.com/login');
    assert.equal(auto![1], 'https://xn--pple-43d.com/login');
    assert.equal(auto![0], 'https://xn--pple-43d.com/login', 'markdown-it already sends the ASCII form');
  });

  it('leaves out a user name that poses as the host', () => {
    assert.deepEqual(
      linksOf('[GitHub](https://github.com@evil.example/repo)').map(([, title]) => title),
      ['https://evil.example/repo'],
    );
  });

  it('cuts a very long address in the middle, never the host', () => {
    const long = `https://evil.example/${'a'.repeat(500)}?next=${'b'.repeat(500)}`;
    const tip = linkTooltip(long);
    assert.ok(tip.startsWith('https://evil.example/aaa'), tip);
    assert.ok(tip.endsWith('bbb'), tip);
    assert.ok(tip.length < 200 && tip.includes('…'), tip);
  });

  it('a report source labelled with a look-alike address has its real destination as tooltip', () => {
    const { app, $$ } = setup();
    const report = structuredClone(REPORT) as Extract<ChatState['items'][number], { kind: 'report' }>;
    report.report.findings[0]!.sources = [IDN, 'https://github.com@evil.example/x'];
    app.receive({ type: 'state', state: { ...fullState(), items: [report] } });
    const sources = $$('.finding[data-severity=low] a.source-link');
    assert.deepEqual(
      sources.map((a) => [a.textContent, a.title]),
      [
        [IDN, 'https://xn--pple-43d.com/login'],
        ['https://github.com@evil.example/x', 'https://evil.example/x'],
      ],
    );
  });

  it('a click asks the host to open the href, never the title', () => {
    const { t, api, app, $ } = setup();
    const state = fullState();
    state.items = [{ kind: 'assistant', id: 'a1', text: '[docs](https://evil.example/x "https://github.com/expressjs/express")', streaming: false }];
    app.receive({ type: 'state', state });
    click($('.message.assistant a'), t);
    assert.deepEqual(
      api.of('openLink').map((m) => m.href),
      ['https://evil.example/x'],
    );
  });
});
