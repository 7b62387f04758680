import { Worker } from 'node:worker_threads';

/**
 * Runs a search pattern over the lines of files in a worker thread, so a pattern that backtracks
 * catastrophically — `(a+)+$` on a long run of "a"s takes longer than the universe on any engine
 * like V8's — can be stopped: when the time budget runs out the worker is terminated, which
 * interrupts even a single never-ending match. Lines are cut to `maxLineChars` before matching.
 *
 * The worker's code is a plain-JavaScript string (eval), so it needs no file of its own beside
 * the bundles and nothing a bundler or tsx might rewrite.
 */

export interface LineHit {
  /** 1-based. */
  line: number;
  /** Where the match starts in the line (0-based). */
  column: number;
}

const SHOWN = 240;

/** A long line cut to a window around `at`, with "…" where it was cut. */
export function clipLine(line: string, at: number): string {
  if (line.length <= SHOWN) return line;
  const start = Math.max(0, Math.min(at - 60, line.length - SHOWN));
  return (start > 0 ? '…' : '') + line.slice(start, start + SHOWN) + (start + SHOWN < line.length ? '…' : '');
}

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const re = new RegExp(workerData.source, workerData.flags);
parentPort.on('message', ({ id, text, max }) => {
  const hits = [];
  let more = false;
  const lines = text.split(/\\r?\\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].length > workerData.maxLineChars ? lines[i].slice(0, workerData.maxLineChars) : lines[i];
    const m = re.exec(line);
    if (!m) continue;
    if (hits.length >= max) { more = true; break; }
    hits.push({ line: i + 1, column: m.index });
  }
  parentPort.postMessage({ id, hits, more });
});
`;

export class TimeBudgetExceeded extends Error {}

export class LineMatcher {
  private readonly worker: Worker;
  private nextId = 0;
  private readonly deadline: number;

  /** `source` and `flags` must already compile (the caller validates them for a clear message). */
  constructor(
    source: string,
    flags: string,
    maxLineChars: number,
    budgetMs: number,
    private readonly signal?: AbortSignal,
  ) {
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { source, flags, maxLineChars } });
    this.worker.unref();
    this.deadline = Date.now() + budgetMs;
  }

  /** The first `max` matching lines of `text` and whether there were more; throws TimeBudgetExceeded when time is up. */
  match(text: string, max: number): Promise<{ hits: LineHit[]; more: boolean }> {
    const id = this.nextId++;
    const remaining = this.deadline - Date.now();
    if (remaining <= 0) return Promise.reject(new TimeBudgetExceeded());
    if (this.signal?.aborted) return Promise.reject(this.signal.reason);
    return new Promise((resolve, reject) => {
      // A cancelled call must not wait for a match that may never end.
      const onAbort = () => {
        cleanup();
        reject(this.signal?.reason);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new TimeBudgetExceeded());
      }, remaining);
      const onMessage = (m: { id: number; hits: LineHit[]; more: boolean }) => {
        if (m.id !== id) return;
        cleanup();
        resolve({ hits: m.hits, more: m.more });
      };
      const onError = (err: Error) => {
        cleanup();
        reject(err);
      };
      const cleanup = () => {
        clearTimeout(timer);
        this.signal?.removeEventListener('abort', onAbort);
        this.worker.off('message', onMessage);
        this.worker.off('error', onError);
      };
      this.signal?.addEventListener('abort', onAbort, { once: true });
      this.worker.on('message', onMessage);
      this.worker.on('error', onError);
      this.worker.postMessage({ id, text, max });
    });
  }

  /** Always called when the search ends: a worker stuck in a match is killed here. */
  async dispose(): Promise<void> {
    await this.worker.terminate();
  }
}
