import { mkdir, open, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * A lock file beside a file that several processes rewrite (the extension and any number of CLI
 * runs share the pins file): `open(…, 'wx')` either creates it or fails, atomically, on every
 * platform. A lock older than STALE_MS belongs to a process that died mid-write and is taken over.
 */

const STALE_MS = 10_000;
const WAIT_MS = 5_000;
const RETRY_MS = 25;

export class LockTimeoutError extends Error {
  constructor(readonly lockFile: string) {
    super(`${lockFile} is held by another Connector Auditor process; try again, or delete that file if no other process is running.`);
    this.name = 'LockTimeoutError';
  }
}

export async function withFileLock<T>(file: string, body: () => Promise<T>): Promise<T> {
  const lockFile = `${file}.lock`;
  const deadline = Date.now() + WAIT_MS;
  await mkdir(dirname(file), { recursive: true });
  for (;;) {
    try {
      const handle = await open(lockFile, 'wx');
      await handle.writeFile(String(process.pid)).finally(() => handle.close());
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const age = await stat(lockFile).then((s) => Date.now() - s.mtimeMs, () => 0);
      if (age > STALE_MS) {
        await rm(lockFile, { force: true });
        continue;
      }
      if (Date.now() > deadline) throw new LockTimeoutError(lockFile);
      await new Promise((r) => setTimeout(r, RETRY_MS + Math.random() * RETRY_MS));
    }
  }
  try {
    return await body();
  } finally {
    await rm(lockFile, { force: true });
  }
}
