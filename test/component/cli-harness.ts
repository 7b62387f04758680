// Shared by the cli-*.test.ts files: runs the CLI's exported main() in-process with captured
// output, a private registry in a temp folder (never the real one), and no terminal.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { main, type CliIo } from '../../src/cli/main';
import { EVERYTHING_ENTRY } from '../helpers/sessions';

export { EVERYTHING_ENTRY };

export const REPO = resolve(__dirname, '..', '..');
export const FAULTS_SERVER = join(REPO, 'test', 'fixtures', 'servers', 'cli-faults.mjs');

export interface Run {
  code: number;
  out: string;
  err: string;
  ms: number;
}

export interface Sandbox {
  dir: string;
  /** CONNECTOR_AUDITOR_HOME: the private registry lives here. */
  home: string;
  /** The working folder (its .vscode/connectors.json is the workspace registry). */
  cwd: string;
  env: Record<string, string | undefined>;
  /** Writes a file in the sandbox and returns its path. */
  file(name: string, content: string | object): Promise<string>;
  run(argv: string[], extra?: Partial<CliIo> & { onErr?: (chunk: string, all: string) => void }): Promise<Run>;
  dispose(): Promise<void>;
}

export async function sandbox(): Promise<Sandbox> {
  const dir = await mkdtemp(join(tmpdir(), 'ca-cli-'));
  const home = join(dir, 'home');
  const cwd = join(dir, 'work');
  const env: Record<string, string | undefined> = { ...process.env, CONNECTOR_AUDITOR_HOME: home };
  delete env.CONNECTOR_AUDITOR_CONFIRMATION;
  const box: Sandbox = {
    dir,
    home,
    cwd,
    env,
    async file(name, content) {
      const path = join(dir, name);
      await writeFile(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
      return path;
    },
    async run(argv, extra = {}) {
      let out = '';
      let err = '';
      const { onErr, ...io } = extra;
      const started = performance.now();
      const code = await main(argv, {
        out: (s) => (out += s),
        err: (s) => {
          err += s;
          onErr?.(s, err);
        },
        env,
        cwd,
        tty: { stdin: false, stderr: false },
        ...io,
      });
      return { code, out, err, ms: performance.now() - started };
    },
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
  await mkdir(cwd, { recursive: true });
  return box;
}

/** The one line the CLI writes on stderr for an error (other stderr lines may be problems or logs). */
export function errorLine(err: string): string {
  // A prompt may precede it on the same line (the answer typed on a terminal is not in stderr).
  const lines = err.split('\n').filter((l) => l.includes('connector-auditor: '));
  const last = lines[lines.length - 1] ?? '';
  return last.slice(last.indexOf('connector-auditor: '));
}

export function stdioEverything(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { name: 'everything', command: process.execPath, args: [EVERYTHING_ENTRY, 'stdio'], ...extra };
}
