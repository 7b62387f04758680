import { statSync } from 'node:fs';
import { readPinFile, type PinFileContent } from './pinFile';

/**
 * The pin file as last read, read again only when the file on disk is another one. Every direct
 * call and every tool listing reviews pins, and reading, parsing and validating the whole file
 * each time cost more than the call itself (the file grows with every pinned tool). A `stat` per
 * review still sees every change, from this process or another (the CLI, a second window):
 * writes replace the file (new inode, new change time), and a hand edit changes its times too.
 * The content returned is shared: read it, never change it (changes go through updatePinFile).
 */
export class PinFileCache {
  private last: { stamp: string; content: PinFileContent } | undefined;

  constructor(readonly file: string) {}

  async read(): Promise<PinFileContent> {
    const stamp = this.stamp();
    if (stamp !== undefined && this.last?.stamp === stamp) return this.last.content;
    // Stat first, read second: a write in between is read now and seen again (new stamp) next
    // time, so the cache can be one read behind the stamp, never a change behind the file.
    const content = await readPinFile(this.file);
    this.last = stamp === undefined ? undefined : { stamp, content };
    return content;
  }

  /**
   * Which file is there now, or undefined when it cannot be told (missing or unreadable: the read
   * then finds out, and says why).
   * Synchronous on purpose: a stat of a local file takes microseconds, while a promise-based one
   * waits its turn in the thread pool, which under load cost a direct call a third of its time.
   * Nanosecond times: two writes within one millisecond must not look alike.
   */
  private stamp(): string | undefined {
    try {
      const s = statSync(this.file, { bigint: true, throwIfNoEntry: false });
      return s ? `${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}` : undefined;
    } catch {
      // Unreadable (permissions, a file where a folder should be): the read says why.
      return undefined;
    }
  }
}
