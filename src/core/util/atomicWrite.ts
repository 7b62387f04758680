import { randomBytes } from 'node:crypto';
import { mkdir, rename, unlink, writeFile, stat, chmod } from 'node:fs/promises';
import { dirname, join, basename } from 'node:path';

/**
 * Writes a file so that readers see either the old or the new content, never a torn one:
 * write a sibling temp file, flush it, then rename over the target. Keeps the file's mode.
 */
export async function writeFileAtomic(path: string, content: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const mode = await stat(path).then(
    (s) => s.mode & 0o777,
    () => undefined,
  );
  try {
    await writeFile(tmp, content, { encoding: 'utf8', flush: true });
    if (mode !== undefined) await chmod(tmp, mode);
    await rename(tmp, path);
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
}
