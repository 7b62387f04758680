/**
 * A push-to-pull bridge: the loop and its concurrent tool calls push events from callbacks, the
 * front end pulls them with `for await`. Events are buffered, so a consumer that only awaits
 * the run's end loses nothing. Single consumer; leaving the loop early calls `onAbandon`
 * (the runner cancels the run, since nobody is listening any more).
 */
export class EventQueue<T> implements AsyncIterable<T> {
  private readonly buffer: T[] = [];
  private waiter: ((result: IteratorResult<T>) => void) | undefined;
  private closed = false;

  constructor(private readonly onAbandon: () => void) {}

  push(item: T): void {
    if (this.closed) return;
    if (this.waiter) {
      const resolve = this.waiter;
      this.waiter = undefined;
      resolve({ value: item, done: false });
    } else {
      this.buffer.push(item);
    }
  }

  close(): void {
    this.closed = true;
    if (this.waiter && this.buffer.length === 0) {
      const resolve = this.waiter;
      this.waiter = undefined;
      resolve({ value: undefined, done: true });
    }
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    return {
      next: () => {
        const item = this.buffer.shift();
        if (item !== undefined) return Promise.resolve({ value: item, done: false });
        if (this.closed) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve) => (this.waiter = resolve));
      },
      return: () => {
        if (!this.closed) this.onAbandon();
        return Promise.resolve({ value: undefined, done: true });
      },
    };
  }
}
