/**
 * One timer for every running tool card's elapsed time, running only while at least one card is
 * running: a chat with fifty finished cards costs nothing, and ten running cards share one tick.
 */

export interface TickerTarget {
  tick(now: number): void;
}

const PERIOD_MS = 100;

export class ElapsedTicker {
  private readonly targets = new Set<TickerTarget>();
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly now: () => number = () => Date.now()) {}

  get active(): boolean {
    return this.timer !== undefined;
  }

  add(target: TickerTarget): void {
    this.targets.add(target);
    target.tick(this.now());
    this.timer ??= setInterval(() => {
      const now = this.now();
      for (const t of this.targets) t.tick(now);
    }, PERIOD_MS);
  }

  remove(target: TickerTarget): void {
    this.targets.delete(target);
    if (this.targets.size === 0 && this.timer !== undefined) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }
}
