/**
 * Reads the .npmrc files registryLocations() weighs: the project's (only when the workspace is
 * trusted — an untrusted folder must not choose where evidence comes from) and the user's. Read
 * on every call, so an edited .npmrc applies at once; a missing or unreadable file is no file.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { registryLocations, type RegistryLocations } from './registryLocations';

const MAX_NPMRC = 64 * 1024;

export interface RegistryConfigSource {
  env: Readonly<Record<string, string | undefined>>;
  /** The workspace folder whose .npmrc counts; undefined when there is none or it is not trusted. */
  projectDir?: string;
  homeDir?: string;
}

export async function loadRegistryLocations(source: RegistryConfigSource): Promise<RegistryLocations> {
  const [projectNpmrc, userNpmrc] = await Promise.all([
    source.projectDir ? readSmall(join(source.projectDir, '.npmrc')) : undefined,
    source.homeDir ? readSmall(join(source.homeDir, '.npmrc')) : undefined,
  ]);
  return registryLocations({
    env: source.env,
    ...(projectNpmrc !== undefined ? { projectNpmrc } : {}),
    ...(userNpmrc !== undefined ? { userNpmrc } : {}),
  });
}

async function readSmall(path: string): Promise<string | undefined> {
  try {
    const text = await readFile(path, 'utf8');
    return text.length > MAX_NPMRC ? text.slice(0, MAX_NPMRC) : text;
  } catch {
    return undefined;
  }
}
