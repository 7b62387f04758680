import { createWriteStream, type WriteStream } from 'node:fs';
import type { TranscriptSink } from './transcript';

/**
 * Appends transcript lines to a file (JSON Lines). A stream keeps writes ordered and off the
 * event loop's critical path; `close()` resolves once every line is on disk. The caller owns
 * the sink (one per run or per conversation) and closes it.
 */
export class JsonlFileSink implements TranscriptSink {
  private readonly stream: WriteStream;
  private error: Error | undefined;

  constructor(readonly file: string) {
    this.stream = createWriteStream(file, { flags: 'a', encoding: 'utf8' });
    this.stream.on('error', (err) => (this.error = err));
  }

  write(line: string): void {
    if (this.error) throw this.error;
    this.stream.write(`${line}\n`);
  }

  close(): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.error) return reject(this.error);
      this.stream.end(() => (this.error ? reject(this.error) : resolve()));
    });
  }
}
