import { BlockBoundaryScanner } from './blocks';
import type { MarkdownEnv, MarkdownRenderer } from './render';

/**
 * A Markdown answer that grows chunk by chunk. Text before the last stable cut (see blocks.ts) is
 * rendered once and its nodes stay in place; only the open block at the end (the *tail*) is
 * rendered again on each update. Deltas that arrive within one animation frame are rendered
 * together; `flush()` renders now (tests, benchmarks, and before the answer is finished).
 */

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
    this.update();
  }

  dispose(): void {
    this.cancel();
  }

  private schedule(): void {
    if (this.cancelFrame) return;
    const schedule = this.options.schedule;
    if (!schedule) {
      this.update();
      return;
    }
    this.cancelFrame = schedule(() => {
      this.cancelFrame = undefined;
      this.update();
    });
  }

  private cancel(): void {
    this.cancelFrame?.();
    this.cancelFrame = undefined;
  }

  private update(): void {
    if (this.source.length === this.renderedLength) return;
    const boundary = this.scanner.scan(this.source);
    this.removeTail();
    if (boundary > this.committed) {
      const part = this.source.slice(this.committed, boundary);
      // The shared env keeps link definitions from committed blocks for the blocks after them.
      this.root.append(this.renderer.render(part, this.env));
      this.stats.stable++;
      this.stats.stableChars += part.length;
      this.committed = boundary;
    }
    const tail = this.source.slice(this.committed);
    if (tail.length > 0) {
      // A copy: a half-written definition in the tail must not stick once the tail grows.
      const fragment = this.renderer.render(tail, { references: { ...this.env.references } });
      this.tailNodes = Array.from(fragment.childNodes);
      this.root.append(fragment);
      this.stats.tail++;
      this.stats.tailChars += tail.length;
    }
    this.renderedLength = this.source.length;
    this.options.onRender?.();
  }

  private removeTail(): void {
    for (const node of this.tailNodes) node.remove();
    this.tailNodes = [];
  }
}
