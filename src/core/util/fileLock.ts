import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, rmdir, stat, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';

/**
 * A lock beside a file that several processes rewrite (the extension and any number of CLI runs
 * share the registries and the pins file): `FILE.lock` is a directory holding one
 * `owner-NONCE.json` that names the holder (pid, host, since when).
 *
 * Why a directory: taking over a dead holder's lock must never remove a live one. A plain lock
 * file cannot be removed "only if it is still the stale one" (two processes that both saw it stale
 * both delete it, and the second deletes the lock the first has just taken). Here every removal is
 * conditional by construction: a taker unlinks the dead holder's own `owner-NONCE.json` (a live
 * holder's file has another name), then `rmdir`, which fails on a directory that is not empty. A
 * holder takes the lock by renaming a prepared, non-empty directory onto `FILE.lock`, which fails
 * while another holder's file is in it.
 *
 * A holder is dead when it ran on this host and its pid is gone (`process.kill(pid, 0)`), or when
 * it has held the lock longer than STALE_MS (another host sharing the folder, or a reused pid):
 * every body under this lock is one read-modify-write of a small file, done in milliseconds.
 */

const STALE_MS = 60_000;
const WAIT_MS = 5_000;
const RETRY_MS = 20;

const ownerSchema = z.object({ pid: z.number().int(), host: z.string(), since: z.number() });
type Owner = z.infer<typeof ownerSchema>;

export class LockTimeoutError extends Error {
  constructor(
    readonly file: string,
    readonly lockFile: string,
    holder: string,
  ) {
    super(
      `${file} was not changed: another Connector Auditor process (${holder}) is writing it and holds ${lockFile}. ` +
        'Try again; if no other Connector Auditor process is running, delete that lock.',
    );
    this.name = 'LockTimeoutError';
  }
}

export interface LockOptions {
  /** How long to wait for a live holder before giving up (default 5 s). */
  waitMs?: number;
  /** Test seam: whether a pid on this host is running. */
  isAlive?: (pid: number) => boolean;
}

/** Runs `body` while holding the lock of `file`; the lock is released however `body` ends. */
export async function withFileLock<T>(file: string, body: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  const release = await acquireFileLock(file, options);
  try {
    return await body();
  } finally {
    await release();
  }
}

export function lockPathOf(file: string): string {
  return `${file}.lock`;
}

/** Takes the lock of `file` (waiting for a live holder) and returns the function that releases it. */
export async function acquireFileLock(file: string, options: LockOptions = {}): Promise<() => Promise<void>> {
  const lock = lockPathOf(file);
  const isAlive = options.isAlive ?? pidIsRunning;
  const deadline = Date.now() + (options.waitMs ?? WAIT_MS);
  const nonce = randomBytes(8).toString('hex');
  const ownerName = `owner-${nonce}.json`;
  // Prepared beside the lock (same folder, so the rename is atomic) and complete before it shows.
  // `since` is when the wait began, at most waitMs before the lock is held: far below STALE_MS.
  const prepared = join(dirname(file), `.${basename(lock)}.${nonce}.tmp`);
  try {
    await mkdir(prepared, { recursive: true });
    await writeFile(join(prepared, ownerName), JSON.stringify({ pid: process.pid, host: hostname(), since: Date.now() } satisfies Owner));
    for (;;) {
      let refused: unknown;
      try {
        await rename(prepared, lock);
        break;
      } catch (err) {
        if (!isHeld(err)) throw err;
        refused = err;
      }
      const holder = await inspect(lock);
      const takeable = holder.kind === 'empty' || holder.kind === 'legacy-stale' || (holder.kind === 'owner' && isStale(holder.owner, isAlive));
      if (takeable) await takeOver(lock, holder);
      if (Date.now() > deadline) {
        // "gone" every time means the rename failed for a reason of its own (Windows: EPERM).
        throw holder.kind === 'gone' ? refused : new LockTimeoutError(file, lock, describeHolder(holder));
      }
      if (!takeable) await new Promise((r) => setTimeout(r, RETRY_MS + Math.random() * RETRY_MS));
    }
  } catch (err) {
    await rm(prepared, { recursive: true, force: true }).catch(() => undefined);
    throw err;
  }
  let released = false;
  return async () => {
    if (released) return;
    released = true;
    // Only our own file, then the folder only if it is empty: if we were (wrongly) judged dead
    // and someone took over, their lock is left alone.
    await unlink(join(lock, ownerName)).catch(() => undefined);
    await rmdir(lock).catch(() => undefined);
  };
}

/** Rename onto an existing lock fails with one of these (ENOTDIR: an older version's lock file; EPERM: Windows). */
function isHeld(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException).code;
  return code === 'ENOTEMPTY' || code === 'EEXIST' || code === 'ENOTDIR' || code === 'EPERM' || code === 'EISDIR';
}

type Holder =
  { kind: 'gone' } | { kind: 'empty' } | { kind: 'owner'; name: string; owner: Owner } | { kind: 'legacy-stale' } | { kind: 'unknown'; what: string };

async function inspect(lock: string): Promise<Holder> {
  let info;
  try {
    info = await stat(lock);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'gone' };
    throw err;
  }
  if (!info.isDirectory()) {
    // A lock file of an older Connector Auditor: it only ever held one briefly.
    return Date.now() - info.mtimeMs > STALE_MS ? { kind: 'legacy-stale' } : { kind: 'unknown', what: 'an older version' };
  }
  const names = await readdir(lock).catch(() => undefined);
  if (!names) return { kind: 'gone' };
  if (names.length === 0) return { kind: 'empty' };
  const name = names.find((n) => /^owner-[0-9a-f]+\.json$/.test(n));
  if (!name) return { kind: 'unknown', what: `unexpected content: ${names.join(', ')}` };
  const text = await readFile(join(lock, name), 'utf8').catch(() => undefined);
  if (text === undefined) return { kind: 'gone' };
  let parsed;
  try {
    parsed = ownerSchema.safeParse(JSON.parse(text));
  } catch {
    parsed = undefined;
  }
  // A file that does not parse was written by no version of this code; leave it to the person.
  if (!parsed?.success) return { kind: 'unknown', what: `unreadable ${name}` };
  return { kind: 'owner', name, owner: parsed.data };
}

function isStale(owner: Owner, isAlive: (pid: number) => boolean): boolean {
  if (Date.now() - owner.since > STALE_MS) return true;
  return owner.host === hostname() && owner.pid !== process.pid && !isAlive(owner.pid);
}

/**
 * Removes exactly the dead holder's file, then the folder if (and only if) it is empty. Any of
 * these may fail because a rival taker got there first or a new holder moved in; the caller then
 * simply tries to take the lock again.
 */
async function takeOver(lock: string, holder: Holder): Promise<void> {
  if (holder.kind === 'owner') await unlink(join(lock, holder.name)).catch(() => undefined);
  // unlink cannot remove a directory, so this never removes a new holder's lock folder.
  if (holder.kind === 'legacy-stale') await unlink(lock).catch(() => undefined);
  else await rmdir(lock).catch(() => undefined);
}

function describeHolder(holder: Holder): string {
  if (holder.kind === 'owner') {
    const where = holder.owner.host === hostname() ? '' : ` on ${holder.owner.host}`;
    return `pid ${holder.owner.pid}${where}, for ${Math.round((Date.now() - holder.owner.since) / 1000)} s`;
  }
  return holder.kind === 'unknown' ? holder.what : 'unknown';
}

/** Signal 0 checks without signalling: ESRCH means no such process; EPERM means it exists (another user's). */
export function pidIsRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
