import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from './atomicWrite';
import { withFileLock, type LockOptions } from './fileLock';

/**
 * The one way to change a file that another process may be changing too (the private and the
 * workspace registry, the tool pins: the extension and any number of CLI runs share them). Under
 * the file's lock it reads what is there now, `change` computes the new text from that, and the
 * result is written atomically. Computing from a read made before the lock is taken would write
 * over what another writer added in between, which is how concurrent `connectors add` lost entries.
 *
 * `current` is undefined when the file does not exist; `change` returns undefined to write
 * nothing. Whatever `change` throws leaves the file as it was, and the lock is released either way.
 * A writer that cannot get the lock in time fails with LockTimeoutError instead of writing.
 */
export async function updateFileLocked(
  file: string,
  change: (current: string | undefined) => string | undefined | Promise<string | undefined>,
  options?: LockOptions,
): Promise<void> {
  await withFileLock(
    file,
    async () => {
      const next = await change(await readIfExists(file));
      if (next !== undefined) await writeFileAtomic(file, next);
    },
    options,
  );
}

async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}
