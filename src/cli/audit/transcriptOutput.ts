import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { JsonlFileSink } from '../../core/agent/transcriptFile';
import { usageError } from '../exitCodes';

/**
 * `--transcript FILE`: the run's JSON Lines record (the core masks secrets in every line),
 * appended to FILE. Its folder is made here so a bad path fails before anything starts.
 */
export async function openTranscript(file: string, cwd: string): Promise<JsonlFileSink> {
  const path = resolve(cwd, file);
  try {
    await mkdir(dirname(path), { recursive: true });
  } catch (err) {
    throw usageError(`Cannot create the folder of the transcript ${path}: ${(err as Error).message}`);
  }
  return new JsonlFileSink(path);
}

/** Flushes and closes the transcript; a failure is said on stderr (the run's outcome stands). */
export async function closeTranscript(sink: JsonlFileSink | undefined, say: (line: string) => void): Promise<void> {
  if (!sink) return;
  try {
    await sink.close();
    say(`Transcript written to ${sink.file}`);
  } catch (err) {
    say(`warning: the transcript ${sink.file} could not be written: ${(err as Error).message}`);
  }
}
