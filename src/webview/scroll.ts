import type { ScrollPosition } from './persist';

/**
 * Keeps the message list at the newest message while the person is there, and leaves it alone
 * once they scroll up to read. Growth of the content fires no scroll event, so the "at bottom"
 * flag only changes when the person (not this class) scrolls.
 */

const NEAR_BOTTOM_PX = 24;
const SAVE_DELAY_MS = 250;

export class ScrollFollower {
  private atBottom = true;
  /** Where this class last put the list: a scroll event at that spot is our own, not the person's. */
  private ownTop = -1;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly list: HTMLElement,
    private readonly save: (position: ScrollPosition) => void,
  ) {
    list.addEventListener('scroll', () => this.onScroll(), { passive: true });
  }

  get following(): boolean {
    return this.atBottom;
  }

  /** Call after content changed. */
  follow(): void {
    if (this.atBottom) this.toBottom();
  }

  restore(position: ScrollPosition | undefined): void {
    if (!position || position.atBottom) {
      this.atBottom = true;
      this.toBottom();
      return;
    }
    this.atBottom = false;
    this.list.scrollTop = position.top;
    this.ownTop = this.list.scrollTop;
  }

  position(): ScrollPosition {
    return { top: this.list.scrollTop, atBottom: this.atBottom };
  }

  private toBottom(): void {
    this.list.scrollTop = this.list.scrollHeight;
    this.ownTop = this.list.scrollTop;
  }

  private onScroll(): void {
    const top = this.list.scrollTop;
    if (top !== this.ownTop) {
      this.ownTop = -1;
      this.atBottom = this.list.scrollHeight - top - this.list.clientHeight <= NEAR_BOTTOM_PX;
    }
    if (this.saveTimer === undefined) {
      this.saveTimer = setTimeout(() => {
        this.saveTimer = undefined;
        this.save(this.position());
      }, SAVE_DELAY_MS);
    }
  }
}
