// The line matcher behind search_code: a worker thread that can be stopped mid-match, so neither a
// catastrophic pattern nor a cancelled call can keep a search running.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { clipLine, LineMatcher, TimeBudgetExceeded } from '../../src/core/builtins/workspace/lineMatcher';

describe('search line matcher', () => {
  it('returns matching lines with their numbers, at most max, and whether there were more', async () => {
    const m = new LineMatcher('b+', '', 100, 5000);
    try {
      assert.deepEqual(await m.match('abc\nxyz\nbb\r\nb\n', 2), {
        hits: [
          { line: 1, column: 1 },
          { line: 3, column: 0 },
        ],
        more: true,
      });
      assert.deepEqual(await m.match('none here', 5), { hits: [], more: false });
    } finally {
      await m.dispose();
    }
  });

  it('matches only the first maxLineChars of a line; a long line is shown clipped around the match', async () => {
    const m = new LineMatcher('needle', '', 1000, 5000);
    try {
      const line = `${'x'.repeat(500)}needle${'y'.repeat(500)}`;
      const [hit] = (await m.match(line, 1)).hits;
      assert.deepEqual(hit, { line: 1, column: 500 });
      const shown = clipLine(line, hit.column);
      assert.ok(shown.includes('needle') && shown.startsWith('…') && shown.endsWith('…') && shown.length < 300, shown);
      assert.equal(clipLine('short', 0), 'short');
      assert.deepEqual((await m.match(`${'x'.repeat(1000)}needle`, 1)).hits, [], 'past the scanned part');
    } finally {
      await m.dispose();
    }
  });

  it('a pattern that backtracks for ever is stopped by the time budget', async () => {
    const m = new LineMatcher('^(a+)+$', '', 1000, 200);
    try {
      await assert.rejects(m.match(`${'a'.repeat(50)}!`, 1), TimeBudgetExceeded);
      await assert.rejects(m.match('a', 1), TimeBudgetExceeded, 'the budget is for the whole search');
    } finally {
      await m.dispose();
    }
  });

  it('a cancelled call stops waiting for a stuck match', async () => {
    const abort = new AbortController();
    const m = new LineMatcher('^(a+)+$', '', 1000, 60_000, abort.signal);
    try {
      const pending = m.match(`${'a'.repeat(50)}!`, 1);
      setTimeout(() => abort.abort(new Error('cancelled')), 50);
      await assert.rejects(pending, /cancelled/);
    } finally {
      await m.dispose();
    }
  });
});
