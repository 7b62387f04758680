import { BlockBoundaryScanner } from './blocks';
import type { MarkdownEnv, MarkdownRenderer } from './render';
import { renderNote } from './renderNote';

/**
 * A Markdown answer that grows chunk by chunk. Text before the last stable cut (see blocks.ts) is
 * rendered once and its nodes stay in place; only the open block at the end (the *tail*) is
 * rendered again on each update. Deltas that arrive within one animation frame are rendered
 * together; `flush()` renders now (tests, benchmarks, and before the answer is finished).
 *
 * Two bounds keep a hostile or runaway answer from freezing the view (nesting is bounded by the
 * renderer, see nesting.ts):
 * - only the first MAX_RENDERED_CHARS characters are drawn; past them a note says so, and
 *   further deltas cost nothing;
 * - a tail longer than TAIL_RERENDER_CHARS (one huge code block or paragraph, which never gets a
 *   stable cut) is drawn again only once it has grown by an eighth since it was last drawn, so
 *   streaming it costs linear time in total instead of quadratic. `flush()` and `finish()` draw
 *   everything regardless.
 */

/** Some 250 pages of text: far beyond a real answer, still quick to draw. */
export const MAX_RENDERED_CHARS = 500_000;
const TAIL_RERENDER_CHARS = 16_000;

/** Runs `callback` soon (next animation frame in the browser); returns a cancel function. */
export type Scheduler = (callback: () => void) => () => void;

export interface RenderStats {
  stable: number;
  tail: number;
  stableChars: number;
  tailChars: number;
}

export interface IncrementalOptions {
  schedule?: Scheduler;
  /** Called after each render, e.g. to keep the list scrolled to the bottom. */
  onRender?: () => void;
  /** Characters drawn at most (MAX_RENDERED_CHARS); lower in tests. */
  maxChars?: number;
}

export class IncrementalMarkdown {
  readonly stats: RenderStats = { stable: 0, tail: 0, stableChars: 0, tailChars: 0 };
  private source = '';
  /** A chunk ended in '\r': wait for the next one to know whether it was half of "\r\n". */
  private pendingCR = false;
  private scanner = new BlockBoundaryScanner();
  private committed = 0;
  private tailNodes: ChildNode[] = [];
  private renderedLength = 0;
  /** Length of the tail when it was last drawn (0 after a cut: the new tail has not been drawn). */
  private tailDrawn = 0;
  private truncatedNote: HTMLElement | undefined;
  private env: MarkdownEnv = {};
  private cancelFrame: (() => void) | undefined;

  constructor(
    readonly root: HTMLElement,
    private readonly renderer: MarkdownRenderer,
    private readonly options: IncrementalOptions = {},
  ) {}

  /** The Markdown source so far (line ends normalised to '\n'). */
  get text(): string {
    return this.source + (this.pendingCR ? '\r' : '');
  }

  append(delta: string): void {
    if (delta.length === 0) return;
    let chunk = this.pendingCR ? `\r${delta}` : delta;
    this.pendingCR = chunk.endsWith('\r');
    if (this.pendingCR) chunk = chunk.slice(0, -1);
    this.source += chunk.includes('\r') ? chunk.replace(/\r\n?/g, '\n') : chunk;
    this.schedule();
  }

  /** Starts over with `text` (the host sent a different text, not a continuation). */
  reset(text: string): void {
    this.cancel();
    this.root.replaceChildren();
    this.source = '';
    this.pendingCR = false;
    this.scanner = new BlockBoundaryScanner();
    this.committed = 0;
    this.tailNodes = [];
    this.renderedLength = 0;
    this.tailDrawn = 0;
    this.truncatedNote = undefined;
    this.env = {};
    this.append(text);
    this.flush();
  }

  /** The answer is complete: a trailing '\r' is a line end after all; render what is left. */
  finish(): void {
    if (this.pendingCR) {
      this.pendingCR = false;
      this.source += '\n';
    }
    this.flush();
  }

  flush(): void {
    this.cancel();
    this.update(true);
  }

  dispose(): void {
    this.cancel();
  }

  private schedule(): void {
    if (this.cancelFrame) return;
    const schedule = this.options.schedule;
    if (!schedule) {
      this.update(false);
      return;
    }
    this.cancelFrame = schedule(() => {
      this.cancelFrame = undefined;
      this.update(false);
    });
  }

  private cancel(): void {
    this.cancelFrame?.();
    this.cancelFrame = undefined;
  }

  private update(force: boolean): void {
    const maxChars = this.options.maxChars ?? MAX_RENDERED_CHARS;
    const limit = Math.min(this.source.length, maxChars);
    if (limit === this.renderedLength) {
      this.noteTruncation(maxChars);
      return;
    }
    const visible = limit < this.source.length ? this.source.slice(0, limit) : this.source;
    const boundary = this.scanner.scan(visible);
    const tailLength = limit - Math.max(boundary, this.committed);
    // A long open block waits until it has grown enough; once the limit is reached it is drawn at once (nothing more will come).
    const waiting = limit === this.source.length && boundary <= this.committed && tailLength > TAIL_RERENDER_CHARS;
    if (!force && waiting && tailLength - this.tailDrawn < tailLength / 8) return;
    this.removeTail();
    if (boundary > this.committed) {
      const part = visible.slice(this.committed, boundary);
      // The shared env keeps link definitions from committed blocks for the blocks after them.
      this.root.append(this.renderer.render(part, this.env));
      this.stats.stable++;
      this.stats.stableChars += part.length;
      this.committed = boundary;
      this.tailDrawn = 0;
    }
    const tail = visible.slice(this.committed);
    if (tail.length > 0) {
      // A copy: a half-written definition in the tail must not stick once the tail grows.
      const fragment = this.renderer.render(tail, { references: { ...this.env.references } });
      this.tailNodes = Array.from(fragment.childNodes);
      this.root.append(fragment);
      this.stats.tail++;
      this.stats.tailChars += tail.length;
      this.tailDrawn = tail.length;
    }
    this.renderedLength = limit;
    this.noteTruncation(maxChars);
    this.options.onRender?.();
  }

  /** Past the limit: one note after everything drawn (nothing is drawn after it any more). */
  private noteTruncation(maxChars: number): void {
    if (this.truncatedNote || this.source.length <= maxChars) return;
    this.truncatedNote = renderNote(this.root.ownerDocument, `Message truncated at ${maxChars.toLocaleString('en-US')} characters; the rest is not shown.`);
    this.root.append(this.truncatedNote);
  }

  private removeTail(): void {
    for (const node of this.tailNodes) node.remove();
    this.tailNodes = [];
  }
}
