// The built CLI as people and pipelines run it: `npm run build`, then dist/cli.js spawned as a
// process (real exit codes, real stdin/stderr TTY detection, SIGINT, no server left behind),
// and once as the package's `bin` (the file itself, run by its shebang, as npm's bin link runs it).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EVERYTHING_ENTRY, FAULTS_SERVER, REPO, sandbox, stdioEverything, type Sandbox } from './cli-harness';
import { isAlive as alive } from '../helpers/processes';

const CLI = join(REPO, 'dist', 'cli.js');

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  out: string;
  err: string;
  ms: number;
}

function spawnCli(
  box: Sandbox,
  argv: string[],
  opts: { onErr?: (all: string, child: ReturnType<typeof spawn>) => void; command?: string[]; input?: string } = {},
): Promise<Exit> {
  const [cmd, ...pre] = opts.command ?? [process.execPath, CLI];
  const started = performance.now();
  const child = spawn(cmd, [...pre, ...argv], { cwd: box.cwd, env: box.env, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (s: string) => (out += s));
  child.stderr.setEncoding('utf8').on('data', (s: string) => {
    err += s;
    opts.onErr?.(err, child);
  });
  if (opts.input !== undefined) child.stdin.end(opts.input);
  return new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, out, err, ms: performance.now() - started })));
}

describe('the built CLI (dist/cli.js) as a process', () => {
  let box: Sandbox;
  let config: string;

  before(async () => {
    // Build what `npx connector-auditor` runs, from the current sources.
    const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: REPO, encoding: 'utf8', timeout: 120_000 });
    assert.equal(build.status, 0, `npm run build failed:\n${build.stdout}\n${build.stderr}`);
    assert.ok(existsSync(CLI), 'dist/cli.js was built');
    box = await sandbox();
    config = await box.file('connectors.json', {
      connectors: [
        stdioEverything({ toolConfiguration: { requiresConfirmation: ['get-env'] } }),
        { name: 'faults', command: process.execPath, args: [FAULTS_SERVER] },
      ],
    });
  });
  after(() => box?.dispose());

  it('--version and --help exit 0; the version is the package version', async () => {
    const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string };
    const v = await spawnCli(box, ['--version']);
    assert.equal(v.code, 0);
    assert.equal(v.out, `${pkg.version}\n`);
    const h = await spawnCli(box, ['--help']);
    assert.equal(h.code, 0);
    assert.match(h.out, /^Usage: connector-auditor/);
  });

  it('a usage error exits 1 with one line on stderr and nothing on stdout', async () => {
    const r = await spawnCli(box, ['tools', 'frobnicate']);
    assert.equal(r.code, 1);
    assert.equal(r.out, '');
    assert.equal(r.err, 'connector-auditor: Unknown command: tools frobnicate. Run "connector-auditor --help" for usage.\n');
  });

  it('tools call over stdio: the JSON result on stdout, exit 0', async () => {
    const r = await spawnCli(box, ['--config', config, '--json', 'tools', 'call', 'everything', 'get-sum', '--arg', 'a=2', '--arg', 'b=3']);
    assert.equal(r.code, 0, r.err);
    assert.match(JSON.parse(r.out).content[0].text, /\b5\b/);
    assert.ok(r.ms < 10_000);
  });

  it('piped stdin (not a terminal) and no --yes: a tool that asks first is denied, exit 6', async () => {
    const r = await spawnCli(box, ['--config', config, 'tools', 'call', 'everything', 'get-env'], { input: 'y\n' });
    assert.equal(r.code, 6, r.err);
    assert.match(r.err, /pass --yes/);
    const yes = await spawnCli(box, ['--config', config, '--yes', 'tools', 'call', 'everything', 'get-env']);
    assert.equal(yes.code, 0, yes.err);
  });

  it('--timeout 300 on a tool that never answers: exit 7, promptly, and no server process left behind', async () => {
    const pidFile = join(box.dir, 'timeout.pid');
    const r = await spawnCli(box, [
      '--stdio',
      `"${process.execPath}" "${FAULTS_SERVER}" --pid-file "${pidFile}"`,
      '--timeout',
      '300',
      'tools',
      'call',
      'never-answers',
    ]);
    assert.equal(r.code, 7, r.err);
    assert.ok(r.ms < 5000, `${Math.round(r.ms)} ms`);
    assert.equal(alive(Number(await readFile(pidFile, 'utf8'))), false, 'the server was stopped');
  });

  it('a server that dies mid-call: exit 4', async () => {
    const r = await spawnCli(box, ['--config', config, 'tools', 'call', 'faults', 'dies']);
    assert.equal(r.code, 4, r.err);
    assert.match(r.err, /^connector-auditor: The server exited with code 3\./);
  });

  it('SIGINT during trigger-long-running-operation: exit 130 within moments', async () => {
    let sentAt = 0;
    const r = await spawnCli(
      box,
      [
        '--verbose',
        '--stdio',
        `"${process.execPath}" "${EVERYTHING_ENTRY}" stdio`,
        'tools',
        'call',
        'trigger-long-running-operation',
        '--arg',
        'duration=10',
        '--arg',
        'steps=5',
      ],
      {
        onErr: (all, child) => {
          if (!sentAt && /progress 2\/5/.test(all)) {
            sentAt = performance.now();
            child.kill('SIGINT');
          }
        },
      },
    );
    assert.ok(sentAt > 0, r.err.slice(-500));
    assert.equal(r.code, 130, r.err);
    assert.match(r.err, /connector-auditor: Interrupted: The call to "trigger-long-running-operation" was cancelled\.\n$/);
    assert.ok(performance.now() - sentAt < 3000, 'exits promptly after Ctrl+C');
  });

  it('SIGINT during a call that never answers: exit 130, the server got notifications/cancelled and is gone', async () => {
    const pidFile = join(box.dir, 'sigint.pid');
    const r = await spawnCli(
      box,
      ['--verbose', '--stdio', `"${process.execPath}" "${FAULTS_SERVER}" --pid-file "${pidFile}"`, 'tools', 'call', 'never-answers'],
      {
        onErr: (all, child) => {
          if (/connected over stdio/.test(all) && !child.killed) setTimeout(() => child.kill('SIGINT'), 100);
        },
      },
    );
    assert.equal(r.code, 130, r.err);
    assert.match(r.err, /\[stderr\] cancelled \d+/);
    assert.equal(alive(Number(await readFile(pidFile, 'utf8'))), false);
  });

  it('the package bin is dist/cli.js and runs by its shebang', async () => {
    const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    assert.equal(join(REPO, pkg.bin['connector-auditor']), CLI);
    const r = await spawnCli(box, ['--version'], { command: [CLI] });
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^\d+\.\d+\.\d+/);
  });
});

describe('the built CLI on a real terminal (a pseudo-terminal made by util-linux "script")', () => {
  let box: Sandbox;
  let config: string;
  const noPty =
    spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0 ? false : '"script" (util-linux) is not installed, so no pseudo-terminal can be made';

  before(async () => {
    box = await sandbox();
    config = await box.file('connectors.json', { connectors: [stdioEverything({ toolConfiguration: { requiresConfirmation: ['get-env'] } })] });
  });
  after(() => box?.dispose());

  const onTerminal = (answer: string) => {
    const line = [process.execPath, CLI, '--config', config, 'tools', 'call', 'everything', 'get-env'].map((a) => `'${a}'`).join(' ');
    let answered = false;
    const started = performance.now();
    // script -e returns the command's exit code; everything the terminal shows arrives on its stdout.
    const child = spawn('script', ['-qefc', line, '/dev/null'], { cwd: box.cwd, env: box.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let screen = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => {
      screen += s;
      if (!answered && screen.includes('Allow? [y/N] ')) {
        answered = true;
        child.stdin.write(answer);
      }
    });
    return new Promise<{ code: number | null; screen: string; answered: boolean; ms: number }>((resolve) =>
      child.on('close', (code) => resolve({ code, screen, answered, ms: performance.now() - started })),
    );
  };

  it('asks y/N when stdin and stderr are terminals; "y" runs the tool and the process exits', { skip: noPty }, async () => {
    const r = await onTerminal('y\n');
    assert.ok(r.answered, r.screen);
    assert.match(r.screen, /Run "get-env" on "everything"\? \[read-only\] It asks first: listed in requiresConfirmation\./);
    assert.equal(r.code, 0, r.screen);
    assert.match(r.screen, /# everything › get-env/);
    assert.ok(r.ms < 10_000);
  });

  it('"n" on the terminal denies: exit 6', { skip: noPty }, async () => {
    const r = await onTerminal('n\n');
    assert.ok(r.answered, r.screen);
    assert.equal(r.code, 6, r.screen);
    assert.match(r.screen, /was denied\./);
  });
});
