import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * A throw-away workspace folder for the workspace connector's tests, with files, folders and
 * symbolic links, plus fake credentials built at run time: the repository itself holds no
 * secret-looking literal, so its own secrets_scan finds nothing in these tests.
 */

export interface FixtureWorkspace {
  /** The workspace folder (its real path). */
  dir: string;
  /** A folder beside it, outside the workspace, for links to point at. */
  outside: string;
  write(rel: string, content: string | Uint8Array): Promise<string>;
  link(rel: string, target: string): Promise<void>;
  dispose(): Promise<void>;
}

export async function fixtureWorkspace(files: Record<string, string | Uint8Array> = {}): Promise<FixtureWorkspace> {
  const base = await realpath(await mkdtemp(join(tmpdir(), 'ca-ws-')));
  const dir = join(base, 'project');
  const outside = join(base, 'outside');
  await mkdir(dir, { recursive: true });
  await mkdir(outside, { recursive: true });
  const ws: FixtureWorkspace = {
    dir,
    outside,
    async write(rel, content) {
      const path = join(dir, rel);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, content);
      return path;
    },
    async link(rel, target) {
      const path = join(dir, rel);
      await mkdir(dirname(path), { recursive: true });
      await symlink(target, path);
    },
    dispose: () => rm(base, { recursive: true, force: true }),
  };
  for (const [rel, content] of Object.entries(files)) await ws.write(rel, content);
  return ws;
}

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function randomFrom(alphabet: string, n: number): string {
  return [...randomBytes(n)].map((b) => alphabet[b % alphabet.length]).join('');
}

/** Credentials that secretlint's rules match, different on every run and never written in the source. */
export function fakeCredentials(): { aws: string; github: string; privateKey: string; generic: string } {
  const begin = ['-----BEGIN', 'RSA', 'PRIVATE', 'KEY-----'].join(' ');
  const end = ['-----END', 'RSA', 'PRIVATE', 'KEY-----'].join(' ');
  const body = ('MII' + randomBytes(600).toString('base64')).match(/.{1,64}/g)!.join('\n');
  return {
    aws: ['AK', 'IA'].join('') + randomFrom(UPPER, 16),
    github: ['gh', 'p_'].join('') + randomFrom(ALNUM, 36),
    privateKey: `${begin}\n${body}\n${end}`,
    // Letters and digits for sure, so the entropy rule's "mixed classes" test always holds.
    generic: `Zx9${randomFrom(ALNUM, 29)}`,
  };
}
