/**
 * Where a growing Markdown answer can be cut so that the part before the cut never has to be
 * rendered again. Pure string logic (no DOM), so it is tested on its own.
 *
 * A cut is *stable* when rendering the text before it and the text after it separately gives the
 * same blocks as rendering the whole. That holds at the start of a line L when:
 * - L follows a blank line that is outside a fenced code block (``` or ~~~);
 * - L is not blank and not indented (an indented line may continue a list item or an
 *   indented code block across the blank line);
 * - L is not a list item while the block before is a list (a blank line between two items makes
 *   one loose list, not two lists).
 * A line still being written counts once its first character rules out a list item, a fence
 * and indentation. Everything else is simply not cut: a missed cut costs a little re-rendering, a wrong cut would
 * change what the person sees. Only '\n' ends a line; a '\r' before it is ignored.
 */

interface Fence {
  char: '`' | '~';
  length: number;
}

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})(.*)$/;
/** First characters of a line that could continue the block before a blank line, or open a fence. */
const MAY_CONTINUE = /[ \t\r\n\d*+\-`~]/;
const LIST_ITEM = /^(?:[-+*]|\d{1,9}[.)])(?:[ \t]|$)/;

export class BlockBoundaryScanner {
  /** Offset of the first line not scanned yet (always the start of a line). */
  private scanned = 0;
  private fence: Fence | undefined;
  private prevBlank = false;
  private atDocumentStart = true;
  private topIsList = false;
  private boundary = 0;

  /** The last stable cut found so far: an offset into the text, at the start of a line. */
  get stable(): number {
    return this.boundary;
  }

  /** Whether the scanned text ends inside an unclosed fenced code block. */
  get inFence(): boolean {
    return this.fence !== undefined;
  }

  /**
   * Scans the complete lines of `source` not seen yet and returns the new stable cut. `source`
   * must be the previous text plus more (it only grows), so the total work stays linear.
   */
  scan(source: string): number {
    let start = this.scanned;
    for (;;) {
      const end = source.indexOf('\n', start);
      if (end < 0) break;
      const line = source.charCodeAt(end - 1) === 13 && end > start ? source.slice(start, end - 1) : source.slice(start, end);
      this.line(line, start);
      start = end + 1;
    }
    this.scanned = start;
    // The line being written is enough to know already when its first character cannot start a
    // list item, a fence or an indented line: then the cut before it is stable now, so the
    // block before it leaves the tail without waiting for the whole line.
    if (this.prevBlank && !this.fence && start < source.length && !MAY_CONTINUE.test(source[start]!)) this.boundary = start;
    return this.boundary;
  }

  private line(line: string, offset: number): void {
    if (this.fence) {
      if (closesFence(line, this.fence)) this.fence = undefined;
      this.prevBlank = false;
      return;
    }
    if (isBlank(line)) {
      this.prevBlank = true;
      return;
    }
    const indented = line[0] === ' ' || line[0] === '\t';
    const listItem = !indented && LIST_ITEM.test(line);
    const startsBlock = this.prevBlank || this.atDocumentStart;
    if (!indented && this.prevBlank && !(listItem && this.topIsList)) this.boundary = offset;
    if (!indented && (startsBlock || listItem)) this.topIsList = listItem;
    this.fence = opensFence(line);
    this.prevBlank = false;
    this.atDocumentStart = false;
  }
}

/** The stable cut of a whole text at once (what the scanner reaches after seeing all of it). */
export function stableBoundary(source: string): number {
  return new BlockBoundaryScanner().scan(source);
}

export function isBlank(line: string): boolean {
  return /^[ \t\r]*$/.test(line);
}

export function opensFence(line: string): Fence | undefined {
  const m = FENCE_OPEN.exec(line);
  if (!m) return undefined;
  const marker = m[1]!;
  const char = marker[0] as '`' | '~';
  // A backtick fence's info string may not contain a backtick (``` `x` ``` is inline code).
  if (char === '`' && m[2]!.includes('`')) return undefined;
  return { char, length: marker.length };
}

export function closesFence(line: string, fence: Fence): boolean {
  const m = /^ {0,3}(`+|~+)[ \t]*$/.exec(line);
  return !!m && m[1]![0] === fence.char && m[1]!.length >= fence.length;
}
