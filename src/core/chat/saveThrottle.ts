/**
 * Coalesces save requests: a streaming answer changes the chat dozens of times a second, and
 * writing the whole chat on each chunk would cost more than the chunk. At most one save per
 * `intervalMs`; `flush()` saves at once (the end of a run, disposal). The save function must
 * not reject (it reports its own failures).
 */
export class SaveThrottle {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private last = 0;
  private pending: Promise<void> = Promise.resolve();

  constructor(
    private readonly save: () => Promise<void>,
    private readonly intervalMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  request(): void {
    if (this.timer) return;
    const wait = Math.max(0, this.last + this.intervalMs - this.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.run();
    }, wait);
  }

  /** Saves now (after any save in flight), cancelling a scheduled one. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    return this.run();
  }

  private run(): Promise<void> {
    this.last = this.now();
    this.pending = this.pending.then(this.save);
    return this.pending;
  }
}
