import { readdir, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../util/atomicWrite';
import { nullLogger, type Logger } from '../util/logger';
import { chatRecordSchema, summaryOf, type ChatRecord, type ChatSummary } from './chatRecord';

/**
 * Chats of one workspace, one JSON file each in the extension's workspace storage. Every write is
 * atomic (a crash leaves the old or the new chat, never a torn file), writes of one chat are
 * serialised in order, and a file that no longer parses is renamed aside with a warning instead
 * of being overwritten or deleted: a person's transcript is never lost to a bug or a bad disk.
 */
export class ChatStore {
  private readonly writes = new Map<string, Promise<void>>();

  constructor(
    private readonly dir: string,
    private readonly log: Logger = nullLogger,
  ) {}

  /** Newest first. */
  async list(): Promise<ChatSummary[]> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    const records = await Promise.all(names.filter((n) => /^[A-Za-z0-9_-]+\.json$/.test(n)).map((n) => this.read(n.slice(0, -'.json'.length))));
    return records
      .filter((r): r is ChatRecord => r !== undefined)
      .map(summaryOf)
      .sort((a, b) => b.updatedAt - a.updatedAt);
  }

  async get(id: string): Promise<ChatRecord | undefined> {
    if (!/^[A-Za-z0-9_-]{1,100}$/.test(id)) return undefined;
    await this.writes.get(id);
    return this.read(id);
  }

  /** Queued behind earlier saves of the same chat, so the last save wins on disk too. */
  save(record: ChatRecord): Promise<void> {
    const previous = this.writes.get(record.id) ?? Promise.resolve();
    const content = JSON.stringify(chatRecordSchema.parse(record));
    const next = previous.then(() => writeFileAtomic(this.file(record.id), content));
    const settled = next.catch((err: unknown) => this.log.error(`could not save chat ${record.id}: ${err instanceof Error ? err.message : String(err)}`));
    this.writes.set(record.id, settled);
    void settled.then(() => {
      if (this.writes.get(record.id) === settled) this.writes.delete(record.id);
    });
    return next;
  }

  async delete(id: string): Promise<void> {
    await this.writes.get(id);
    await unlink(this.file(id)).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOENT') throw err;
    });
  }

  private async read(id: string): Promise<ChatRecord | undefined> {
    const file = this.file(id);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      return undefined;
    }
    try {
      return chatRecordSchema.parse(JSON.parse(text));
    } catch (err) {
      const aside = `${file}.unreadable-${Date.now()}`;
      await rename(file, aside).catch(() => undefined);
      this.log.warn(`chat file ${file} could not be read (${err instanceof Error ? err.message.split('\n')[0] : String(err)}); kept as ${aside}`);
      return undefined;
    }
  }

  private file(id: string): string {
    return join(this.dir, `${id}.json`);
  }
}
