import type { Bridge } from './bridge';
import type { Dom } from './dom';
import type { Scheduler } from './markdown/incremental';
import type { MarkdownRenderer } from './markdown/render';
import type { ElapsedTicker } from './ticker';

/** What every view needs, built once in main.ts (or by a test around a jsdom window). */
export interface ViewContext {
  dom: Dom;
  bridge: Bridge;
  markdown: MarkdownRenderer;
  ticker: ElapsedTicker;
  /** When Markdown renders (the next animation frame in the browser; undefined renders at once). */
  schedule: Scheduler | undefined;
  /** Content grew or changed: keep the list at the bottom if the person is there. */
  contentChanged(): void;
}
