import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BlockBoundaryScanner, stableBoundary } from '../../src/webview/markdown/blocks';
import { IncrementalMarkdown, type Scheduler } from '../../src/webview/markdown/incremental';
import { testWindow } from './webview-jsdom';

/** Where the stable cut should be: the offset of the marker `|` in `text` (the marker removed). */
function cutAt(marked: string): { text: string; cut: number } {
  const cut = marked.indexOf('|');
  assert.ok(cut >= 0, 'test text needs a | marker');
  return { text: marked.slice(0, cut) + marked.slice(cut + 1), cut };
}

function expectCut(marked: string, why: string) {
  const { text, cut } = cutAt(marked);
  assert.equal(stableBoundary(text), cut, `${why}: ${JSON.stringify(text)}`);
}

describe('webview Markdown: stable block boundaries', () => {
  it('cuts between paragraphs, at the start of the next complete line', () => {
    expectCut('First paragraph.\n\n|Second.\n', 'after a blank line');
    expectCut('a\n\nb\n\n|c\n', 'the last cut wins');
    expectCut('a\n\n|b', 'a line being written is cut before when its first character starts a paragraph');
    expectCut('|a\n\n-', 'but not when it may still become a list item');
    expectCut('|a\n\n1', 'or an ordered one');
    expectCut('|a\n\n`', 'or a fence');
    expectCut('|a\n\n ', 'or an indented line');
    expectCut('|- a\n\n', 'nothing written yet after the blank line');
    expectCut('|a\n', 'one block, nothing before it to keep');
    expectCut('# Title\n\n|Text\n', 'after a heading');
    expectCut('a\n   \t\n|b\n', 'a line of spaces and tabs is blank');
  });

  it('never cuts inside a list, but does after it', () => {
    expectCut('|- a\n\n- b\n', 'two items with a blank line make one loose list');
    expectCut('|1. a\n\n2. b\n', 'ordered items too');
    expectCut('|- a\n\n  continued\n\n- b\n', 'an indented continuation keeps the list open');
    expectCut('- a\n\n|Paragraph after the list.\n', 'a paragraph at column 0 ends the list');
    expectCut('Intro.\n\n|- a\n', 'a list after a paragraph is a new block');
    expectCut('|- a\n- b\n', 'a tight list');
    expectCut('|Para\n- item\n\n- item 2\n', 'a list that interrupts a paragraph still counts as a list');
    expectCut('- a\n\n|---\n', 'a thematic break is not a list item');
  });

  it('never cuts before an indented line (indented code, list continuation)', () => {
    expectCut('|Text.\n\n    code\n\n    more code\n', 'indented code spans blank lines');
    expectCut('|Text.\n\n\tcode\n', 'a tab indents too');
  });

  it('tracks ``` and ~~~ fences: no cut inside, a cut after the closing fence', () => {
    expectCut('|```\ncode\n\nmore\n', 'an open fence');
    expectCut('```\ncode\n\nmore\n```\n\n|After.\n', 'a closed fence');
    expectCut('|~~~\n```\n\nstill code\n', 'a ``` line does not close a ~~~ fence');
    expectCut('|```\n~~~\n\nstill code\n', 'a ~~~ line does not close a ``` fence');
    expectCut('~~~\n```\n\nx\n~~~\n\n|y\n', '~~~ closes ~~~');
    expectCut('|````\n```\n\ninside\n', 'a shorter fence does not close a longer one');
    expectCut('````\nx\n\n`````\n\n|y\n', 'a longer fence closes a shorter one');
    expectCut('|```js title="a.js"\nconst a = 1;\n\nconst b = 2;\n', 'a fence with an info string');
    expectCut('|```\ncode\n``` not a close\n\nstill code\n', 'a closing fence takes no info string');
    expectCut('``` `inline` ```\n\n|After.\n', 'backticks in the info string: inline code, not a fence');
    expectCut('Text.\n\n    ```\n\n|x\n\n', 'an indented ``` is code, not a fence');
    expectCut('   ```\nx\n\n   ```\n\n|y\n', 'fences may be indented up to three spaces');
    expectCut('Text.\n```\na\n\nb\n```\n\n|c\n', 'a fence can interrupt a paragraph');
  });

  it('handles CRLF line ends like LF', () => {
    expectCut('a\r\n\r\n|b\r\n', 'paragraphs');
    expectCut('|```\r\ncode\r\n\r\nmore\r\n', 'open fence');
    expectCut('```\r\ncode\r\n```\r\n\r\n|after\r\n', 'closed fence');
  });

  it('finds the same cut fed in pieces as fed whole, and never moves back', () => {
    const text = '# T\n\nPara one.\n\n- a\n\n- b\n\n```\nx\n\ny\n```\n\nAfter.\r\n\r\n~~~\n\n~~~\n\nEnd\n';
    for (let step = 1; step <= 7; step++) {
      const scanner = new BlockBoundaryScanner();
      let last = 0;
      for (let i = step; i < text.length + step; i += step) {
        const cut = scanner.scan(text.slice(0, i));
        assert.ok(cut >= last, 'monotonic');
        assert.ok(cut <= i);
        last = cut;
      }
      assert.equal(last, stableBoundary(text), `step ${step}`);
    }
  });
});

// ── Incremental rendering equals rendering the whole text ──────────────────────────────────────

const DOCUMENTS: Record<string, string> = {
  paragraphs: 'Hello **world**, this is `code` and _emphasis_.\n\nSecond paragraph with a link https://example.com/a?b=1.\n\nThird.',
  headingsAndLists: '# Audit\n\n## Security\n\n- one\n- two\n  - nested\n\n- loose item\n\n1. first\n2. second\n\n10. ten\n\n* star\n\nText after lists.\n',
  fences: 'Before.\n\n```ts\nconst x = 1;\n\n\nconst y = 2;\n```\n\n~~~\n```\nnot closed by that\n\n~~~\n\n````md\n```\ninner\n```\n````\n\nAfter.\n',
  openFenceAtEnd: 'Text.\n\n```python\nprint(1)\n\nprint(2)\n',
  tables: '| Package | Risk |\n|:--|--:|\n| left-pad | low |\n| event-stream | **high** |\n\nAfter the table.\n',
  quotesAndRules: '> quoted\n> more\n\n> second quote\n\n---\n\nText\n===\n\n***\n',
  references: '[adv]: https://example.com/advisory "Advisory"\n\nSee [adv] and [the advisory][adv].\n\nAgain [adv].\n',
  hostile: 'Hi <img src=x onerror=alert(1)>\n\n[x](javascript:alert(1)) ![p](http://127.0.0.1/leak.png)\n\n<script>alert(1)</script>\n',
  indentedCode: 'Text.\n\n    code line\n\n    more code\n\nAfter.\n',
  crlf: 'Line one\r\n\r\n- a\r\n- b\r\n\r\n```\r\ncode\r\n\r\n```\r\n\r\nEnd\r\n',
  listContinuation: '- item\n\n  continued paragraph\n\n  ```\n  code in item\n\n  ```\n- next\n\nOut.\n',
  longParagraphs: Array.from({ length: 40 }, (_, i) => `Paragraph ${i} with *some* words and [a link](https://example.com/${i}).`).join('\n\n'),
};

/** A small seeded generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** A scheduler that runs queued frames only when told, like requestAnimationFrame. */
function manualFrames(): { schedule: Scheduler; run(): void } {
  let queued: (() => void) | undefined;
  return {
    schedule(callback) {
      queued = callback;
      return () => (queued = undefined);
    },
    run() {
      const callback = queued;
      queued = undefined;
      callback?.();
    },
  };
}

describe('webview Markdown: incremental rendering', () => {
  const t = testWindow();

  for (const [name, text] of Object.entries(DOCUMENTS)) {
    it(`streamed in random chunks, "${name}" ends as the whole text rendered at once`, () => {
      const expected = t.renderWhole(text);
      for (let seed = 1; seed <= 12; seed++) {
        const next = random(seed * 7919 + name.length);
        const frames = manualFrames();
        const root = t.document.createElement('div');
        const view = new IncrementalMarkdown(root, t.renderer, { schedule: frames.schedule });
        for (let i = 0; i < text.length;) {
          const size = 1 + Math.floor(next() * (seed % 3 === 0 ? 40 : 6));
          view.append(text.slice(i, i + size));
          i += size;
          if (next() < 0.4) frames.run();
          if (next() < 0.1) view.flush();
        }
        view.finish();
        assert.equal(root.innerHTML, expected, `seed ${seed}`);
        assert.ok(view.stats.stableChars <= text.length, 'each committed character is rendered once');
      }
    });
  }

  it('re-renders only the open block: the work per chunk does not grow with the answer', () => {
    const text = DOCUMENTS.longParagraphs!;
    const root = t.document.createElement('div');
    const view = new IncrementalMarkdown(root, t.renderer);
    let chunks = 0;
    for (let i = 0; i < text.length; i += 5, chunks++) view.append(text.slice(i, i + 5));
    view.finish();
    // The tail is the paragraph being written (plus its blank line), never more.
    const longestBlock = Math.max(...text.split('\n\n').map((p) => p.length + 2));
    assert.ok(view.stats.tailChars <= chunks * longestBlock, `tail work ${view.stats.tailChars} > ${chunks} × ${longestBlock}`);
    assert.ok(view.stats.tailChars < (text.length * chunks) / 10, 'far below re-rendering everything each time');
    assert.equal(root.innerHTML, t.renderWhole(text));
  });

  it('keeps the nodes of committed blocks while the answer grows', () => {
    const root = t.document.createElement('div');
    const view = new IncrementalMarkdown(root, t.renderer);
    view.append('First paragraph.\n\nSecond');
    const first = root.querySelector('p');
    assert.equal(first?.textContent, 'First paragraph.');
    assert.equal(view.stats.stable, 1, 'the first paragraph is committed');
    view.append(' paragraph, longer.\n\nThird');
    view.append(' one.');
    view.finish();
    assert.equal(root.querySelector('p'), first, 'the first block is the same node');
    assert.deepEqual(
      Array.from(root.querySelectorAll('p'), (p) => p.textContent),
      ['First paragraph.', 'Second paragraph, longer.', 'Third one.'],
    );
  });

  it('coalesces deltas until the frame runs; flush() renders at once', () => {
    const frames = manualFrames();
    const root = t.document.createElement('div');
    const view = new IncrementalMarkdown(root, t.renderer, { schedule: frames.schedule });
    view.append('a');
    view.append('b');
    assert.equal(root.innerHTML, '', 'nothing before the frame');
    frames.run();
    assert.equal(root.innerHTML, '<p>ab</p>\n');
    assert.equal(view.stats.tail, 1, 'two deltas, one render');
    view.append('c');
    view.flush();
    assert.equal(root.innerHTML, '<p>abc</p>\n');
    frames.run();
    assert.equal(view.stats.tail, 2, 'the cancelled frame does not render again');
  });

  it('joins a "\\r\\n" split across two chunks into one line end', () => {
    const root = t.document.createElement('div');
    const view = new IncrementalMarkdown(root, t.renderer);
    for (const chunk of ['a\r', '\n\r', '\nb\r']) view.append(chunk);
    view.finish();
    assert.equal(view.text, 'a\n\nb\n');
    assert.equal(root.innerHTML, '<p>a</p>\n<p>b</p>\n');
  });

  it('reset() replaces the text and starts over', () => {
    const root = t.document.createElement('div');
    const view = new IncrementalMarkdown(root, t.renderer);
    view.append('Old.\n\nText');
    view.reset('New *text*.');
    assert.equal(root.innerHTML, '<p>New <em>text</em>.</p>\n');
  });
});
