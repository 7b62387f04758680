// Several writers of one connectors file at once: real `connector-auditor connectors add`
// processes (dist/cli.js, built from the current sources) racing each other and an in-process
// writer that calls the same core function the extension's Add / Import commands call. Every
// entry must survive, in the private registry and in the workspace file alike.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseConnectorsFile } from '../../src/core/connectors/connectorsFile';
import { addConnectorToFile } from '../../src/core/connectors/fileEdits';
import { acquireFileLock } from '../../src/core/util/fileLock';
import { REPO, sandbox, type Sandbox } from './cli-harness';

const CLI = join(REPO, 'dist', 'cli.js');
const ROUNDS = 20;
const PROCESSES = 2;

interface Exit {
  code: number | null;
  err: string;
}

function addByCli(box: Sandbox, name: string, extra: string[]): Promise<Exit> {
  return runCli(box, ['connectors', 'add', name, '--stdio', `node ${name}.js`, ...extra]);
}

function runCli(box: Sandbox, argv: string[]): Promise<Exit> {
  const child = spawn(process.execPath, [CLI, ...argv], {
    cwd: box.cwd,
    env: box.env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr.setEncoding('utf8').on('data', (s: string) => (err += s));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, err })));
}

async function namesIn(file: string): Promise<string[]> {
  const parsed = parseConnectorsFile(await readFile(file, 'utf8'), file);
  assert.deepEqual(parsed.problems, [], 'the file stays valid');
  return parsed.entries.map((e) => e.config.name);
}

/**
 * Each round starts PROCESSES CLI runs at once and, while they run, adds entries in-process one
 * after another (as the extension would), so its writes land inside the CLI runs' windows.
 */
async function race(box: Sandbox, file: string, cliFlags: string[]): Promise<{ expected: string[]; failures: string[] }> {
  const expected: string[] = [];
  const failures: string[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    let running = true;
    const runs = Array.from({ length: PROCESSES }, (_, p) => {
      const name = `r${round}-cli${p}`;
      expected.push(name);
      return addByCli(box, name, cliFlags).then((exit) => {
        if (exit.code !== 0) failures.push(`${name}: exit ${exit.code}: ${exit.err.trim()}`);
      });
    });
    const inProcess = (async () => {
      for (let i = 0; running; i++) {
        const name = `r${round}-ext${i}`;
        expected.push(name);
        await addConnectorToFile(file, { name, command: 'node', args: [`${name}.js`] }).catch((err: Error) => failures.push(`${name}: ${err.message}`));
        await new Promise((r) => setTimeout(r, 15));
      }
    })();
    await Promise.all(runs);
    running = false;
    await inProcess;
  }
  return { expected, failures };
}

describe('concurrent writers of a connectors file (dist/cli.js processes and an in-process writer)', () => {
  let box: Sandbox;

  before(() => {
    const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: REPO, encoding: 'utf8', timeout: 120_000 });
    assert.equal(build.status, 0, `npm run build failed:\n${build.stdout}\n${build.stderr}`);
    assert.ok(existsSync(CLI), 'dist/cli.js was built');
  });
  after(() => box?.dispose());

  for (const [where, flags, fileOf] of [
    ['the private registry (CONNECTOR_AUDITOR_HOME)', [], (b: Sandbox) => join(b.home, 'connectors.json')],
    ['the workspace registry (./.vscode/connectors.json)', ['--visibility', 'shared_workspace'], (b: Sandbox) => join(b.cwd, '.vscode', 'connectors.json')],
  ] as const) {
    it(`${ROUNDS} rounds of ${PROCESSES} \`connectors add\` processes plus in-process adds into ${where}: every entry is kept`, async () => {
      await box?.dispose();
      box = await sandbox();
      const file = fileOf(box);
      const { expected, failures } = await race(box, file, [...flags]);
      assert.deepEqual(failures, [], 'every writer succeeded');
      const names = await namesIn(file);
      const lost = expected.filter((n) => !names.includes(n));
      assert.deepEqual(lost, [], `${lost.length} of ${expected.length} entries lost`);
      assert.equal(names.length, expected.length, 'no entry written twice');
      assert.equal(existsSync(`${file}.lock`), false, 'no lock left behind');
    });
  }

  it('a writer that cannot get the lock in time (another process holds it) exits 1 naming the file and the fix, and writes nothing', async () => {
    await box?.dispose();
    box = await sandbox();
    const registry = join(box.home, 'connectors.json');
    const pins = join(box.home, 'tool-pins.json');
    await mkdir(box.home, { recursive: true });
    await writeFile(registry, '{ "connectors": [] }\n');
    await writeFile(pins, '{ "version": 1, "connectors": {} }\n');
    // This test process plays the extension in the middle of a write: a live holder on this host.
    const releases = await Promise.all([acquireFileLock(registry), acquireFileLock(pins)]);
    try {
      for (const [argv, file] of [
        [['connectors', 'add', 'blocked', '--stdio', 'node blocked.js'], registry],
        [['pins', 'reset'], pins],
      ] as const) {
        const before = await readFile(file, 'utf8');
        const exit = await runCli(box, [...argv]);
        assert.equal(exit.code, 1, exit.err);
        const line = exit.err.trim().split('\n').pop() ?? '';
        assert.equal(
          line.replace(/, for \d+ s\)/, ', for N s)'),
          `connector-auditor: ${file} was not changed: another Connector Auditor process (pid ${process.pid}, for N s) is writing it and holds ${file}.lock. ` +
            'Try again; if no other Connector Auditor process is running, delete that lock.',
        );
        assert.equal(await readFile(file, 'utf8'), before, `${file} unchanged`);
      }
    } finally {
      await Promise.all(releases.map((r) => r()));
    }
    const after = await runCli(box, ['connectors', 'add', 'unblocked', '--stdio', 'node unblocked.js']);
    assert.equal(after.code, 0, after.err);
    assert.deepEqual(await namesIn(registry), ['unblocked']);
  });
});
