// How a stdio command is started without a shell, per platform. Windows cannot run on this machine,
// so the Windows rules are checked as data: which file is found, what spawn() gets, and that the
// cmd.exe command line reads back (by cmd's rules, modelled below) as the arguments given.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { escapeBatchArgument, planSpawn, quoteForCRuntime, type CommandResolutionInput } from '../../src/core/mcp/commandResolution';
import { describeConnectError } from '../../src/core/mcp/connectErrors';

const NODEJS = 'C:\\Program Files\\nodejs';
const files = (...paths: string[]) => {
  const set = new Set(paths.map((p) => p.toLowerCase()));
  // Windows file names are case-insensitive too.
  return (p: string) => set.has(p.toLowerCase());
};
const win = (over: Partial<CommandResolutionInput>): CommandResolutionInput => ({
  command: 'npx',
  args: [],
  platform: 'win32',
  env: {
    Path: `C:\\Windows\\system32;${NODEJS}`,
    PATHEXT: '.COM;.EXE;.BAT;.CMD;.VBS;.JS',
    SystemRoot: 'C:\\Windows',
    ComSpec: 'C:\\Windows\\system32\\cmd.exe',
  },
  cwd: 'C:\\work\\repo',
  fileExists: files(`${NODEJS}\\npx.cmd`, `${NODEJS}\\node.exe`, 'C:\\Windows\\system32\\where.exe'),
  ...over,
});

/**
 * cmd.exe's reading of `/s /c "…"` for what we produce: outer quotes stripped, then one pass in
 * which `^x` is a literal x outside quotes and a quote toggles quoted mode (where `^` is literal).
 * A batch file forwarding `%*` gets a second pass of the same rules. Returns the text an
 * unescaped `&`, `|`, `<` or `>` would split at, so a test can see no command is injected.
 */
function cmdPass(line: string): { text: string; separators: number } {
  let out = '';
  let quoted = false;
  let separators = 0;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (!quoted && ch === '^' && i + 1 < line.length) {
      out += line[++i];
      continue;
    }
    if (ch === '"') quoted = !quoted;
    else if (!quoted && '&|<>'.includes(ch)) separators++;
    out += ch;
  }
  return { text: out, separators };
}

/** The C runtime's argv parsing (CommandLineToArgvW rules for arguments after the program name). */
function crtArgs(text: string): string[] {
  const args: string[] = [];
  let i = 0;
  while (i < text.length) {
    while (text[i] === ' ' || text[i] === '\t') i++;
    if (i >= text.length) break;
    let arg = '';
    let quoted = false;
    for (; i < text.length; i++) {
      const ch = text[i];
      if (!quoted && (ch === ' ' || ch === '\t')) break;
      if (ch === '\\') {
        let n = 0;
        while (text[i] === '\\') {
          n++;
          i++;
        }
        if (text[i] === '"') {
          arg += '\\'.repeat(Math.floor(n / 2));
          if (n % 2 === 1) arg += '"';
          else quoted = !quoted;
        } else {
          arg += '\\'.repeat(n);
          i--;
        }
        continue;
      }
      if (ch === '"') quoted = !quoted;
      else arg += ch;
    }
    args.push(arg);
  }
  return args;
}

/** What node.exe would see as its arguments after npx.cmd forwards `%*`: two cmd passes, then the C runtime. */
function throughBatch(escaped: string[]): { args: string[]; separators: number } {
  const first = cmdPass(escaped.join(' '));
  const second = cmdPass(first.text);
  return { args: crtArgs(second.text), separators: first.separators + second.separators };
}

describe('planSpawn on linux and darwin: the command as it is', () => {
  for (const platform of ['linux', 'darwin'] as const) {
    it(`${platform}: npx is spawned as npx, no shell, arguments untouched`, () => {
      const plan = planSpawn({ command: 'npx', args: ['-y', 'a b', '&|%^"'], platform, env: { PATH: '/usr/bin' }, cwd: '/w', fileExists: () => false });
      assert.deepEqual(plan, { kind: 'spawn', file: 'npx', args: ['-y', 'a b', '&|%^"'], windowsVerbatimArguments: false, resolved: 'npx' });
    });
  }
});

describe('planSpawn on win32: resolution through PATH × PATHEXT', () => {
  it('npx resolves to npx.cmd in Program Files and runs through cmd.exe with /d /s /c', () => {
    const plan = planSpawn(win({ args: ['-y', '@modelcontextprotocol/server-everything'] }));
    assert.equal(plan.kind, 'spawn');
    if (plan.kind !== 'spawn') return;
    assert.equal(plan.resolved, `${NODEJS}\\npx.cmd`);
    assert.equal(plan.file, 'C:\\Windows\\system32\\cmd.exe');
    assert.deepEqual(plan.args.slice(0, 3), ['/d', '/s', '/c']);
    assert.equal(plan.windowsVerbatimArguments, true);
    const line = plan.args[3];
    assert.ok(line.startsWith(`""${NODEJS}\\npx.cmd" `), line);
    assert.ok(line.endsWith('"'));
    const inner = line.slice(1, -1);
    // cmd /s strips the outer quotes; the quoted path is the program, the rest is what npx.cmd gets.
    const rest = inner.slice(`"${NODEJS}\\npx.cmd" `.length);
    assert.deepEqual(throughBatch([rest]).args, ['-y', '@modelcontextprotocol/server-everything']);
  });

  it('an .exe is spawned directly with the resolved path, no cmd.exe', () => {
    const plan = planSpawn(win({ command: 'node', args: ['server.js', 'a b'] }));
    assert.deepEqual(plan, {
      kind: 'spawn',
      file: `${NODEJS}\\node.exe`,
      args: ['server.js', 'a b'],
      windowsVerbatimArguments: false,
      resolved: `${NODEJS}\\node.exe`,
    });
  });

  it('an explicit path with spaces to a .cmd is used as given (quoted for cmd.exe)', () => {
    const plan = planSpawn(win({ command: `${NODEJS}\\npx.cmd`, args: ['-y', 'pkg'] }));
    assert.equal(plan.kind === 'spawn' && plan.args[3].startsWith(`""${NODEJS}\\npx.cmd" `), true, JSON.stringify(plan));
  });

  it('an explicit path without extension gets PATHEXT, and forward slashes are normalised', () => {
    const plan = planSpawn(win({ command: 'C:/Program Files/nodejs/npx' }));
    assert.equal(plan.kind === 'spawn' && plan.resolved, `${NODEJS}\\npx.cmd`);
  });

  it('a relative command resolves against the working folder', () => {
    const plan = planSpawn(win({ command: '.\\tools\\srv', fileExists: files('C:\\work\\repo\\tools\\srv.exe') }));
    assert.equal(plan.kind === 'spawn' && plan.file, 'C:\\work\\repo\\tools\\srv.exe');
  });

  it('a bare name is not searched for in the working folder (a repository cannot shadow npx)', () => {
    const plan = planSpawn(win({ fileExists: files('C:\\work\\repo\\npx.cmd', `${NODEJS}\\npx.cmd`) }));
    assert.equal(plan.kind === 'spawn' && plan.resolved, `${NODEJS}\\npx.cmd`);
  });

  it('PATHEXT order decides between npx.exe and npx.cmd in one folder; its case does not matter', () => {
    const both = files(`${NODEJS}\\npx.cmd`, `${NODEJS}\\npx.exe`);
    const lower = planSpawn(win({ env: { PATH: NODEJS, PATHEXT: '.cmd;.exe' }, fileExists: both }));
    assert.equal(lower.kind === 'spawn' && lower.resolved, `${NODEJS}\\npx.cmd`);
    const upper = planSpawn(win({ env: { PATH: NODEJS, PATHEXT: '.EXE;.CMD' }, fileExists: both }));
    assert.equal(upper.kind === 'spawn' && upper.resolved, `${NODEJS}\\npx.exe`);
  });

  it('Path and PATH are the same variable; quoted and empty PATH entries are handled', () => {
    for (const env of [{ Path: NODEJS }, { PATH: NODEJS }, { path: `;;"${NODEJS}";` }]) {
      const plan = planSpawn(win({ env }));
      assert.equal(plan.kind === 'spawn' && plan.resolved, `${NODEJS}\\npx.cmd`, JSON.stringify(env));
    }
  });

  it('without PATHEXT the Windows default (.COM;.EXE;.BAT;.CMD) applies; .js and .vbs on PATHEXT are never run', () => {
    assert.equal(planSpawn(win({ env: { PATH: NODEJS } })).kind, 'spawn');
    const js = planSpawn(win({ command: 'tool', env: { PATH: 'C:\\bin', PATHEXT: '.JS;.CMD' }, fileExists: files('C:\\bin\\tool.js') }));
    assert.equal(js.kind, 'error');
  });

  it('an unresolvable command is a clear "Command not found" (ENOENT), naming what was searched', () => {
    const plan = planSpawn(win({ command: 'uvx' }));
    assert.deepEqual(plan.kind === 'error' && [plan.code, plan.message], [
      'ENOENT',
      'Command not found: "uvx" (searched PATH for uvx.com, uvx.exe, uvx.bat, uvx.cmd).',
    ]);
  });

  it("the session's one-line error for it keeps the usual fix and says what was searched", () => {
    const plan = planSpawn(win({ command: 'uvx' }));
    assert.equal(plan.kind, 'error');
    if (plan.kind !== 'error') return;
    const spawnError = Object.assign(new Error(plan.message), { code: plan.code });
    const error = describeConnectError(spawnError, { command: 'uvx', connectTimeoutMs: 1000, exit: { code: null, signal: null, spawnError } });
    assert.equal(
      error.message,
      'Command not found: "uvx" (searched PATH for uvx.com, uvx.exe, uvx.bat, uvx.cmd). Install it, or give its absolute path in "command".',
    );
    // Elsewhere (a real ENOENT from spawn) the message is as before.
    const posix = Object.assign(new Error('spawn uvx ENOENT'), { code: 'ENOENT' });
    assert.equal(
      describeConnectError(posix, { command: 'uvx', connectTimeoutMs: 1000, exit: { code: null, signal: null, spawnError: posix } }).message,
      'Command not found: "uvx". Install it, or give its absolute path in "command".',
    );
  });

  it('uses cmd.exe by absolute path: ComSpec, else SystemRoot\\System32, never a bare cmd.exe', () => {
    const noComspec = planSpawn(win({ env: { PATH: NODEJS, SystemRoot: 'D:\\Win' } }));
    assert.equal(noComspec.kind === 'spawn' && noComspec.file, 'D:\\Win\\System32\\cmd.exe');
    const relative = planSpawn(win({ env: { PATH: NODEJS, COMSPEC: 'cmd.exe' } }));
    assert.equal(relative.kind === 'spawn' && relative.file, 'C:\\Windows\\System32\\cmd.exe');
  });

  it('refuses a line break in an argument of a batch file (cmd.exe has no escape for it)', () => {
    const plan = planSpawn(win({ args: ['ok', 'two\nlines'] }));
    assert.equal(plan.kind === 'error' && plan.code, 'EINVAL');
    assert.match(plan.kind === 'error' ? plan.message : '', /argument 2 holds a line break/);
    // An .exe gets it through CreateProcess unchanged.
    assert.equal(planSpawn(win({ command: 'node', args: ['two\nlines'] })).kind, 'spawn');
  });
});

describe('batch-file arguments: escaped for cmd.exe so they arrive unchanged and inject nothing', () => {
  const hostile = [
    'plain',
    'with space',
    'C:\\Program Files\\x',
    'trailing\\',
    'say "hi"',
    'a"&calc&"b',
    '"',
    '',
    'x & y',
    'a|b',
    '50%',
    '%PATH%',
    '^caret^',
    '<in> >out',
    '(paren) [b] {c}',
    '!bang!',
    'a;b,c=d',
    '\\\\server\\share\\',
    '\\"',
    '*?`',
  ];

  for (const arg of hostile) {
    it(`${JSON.stringify(arg)} reaches the program as it is, with no command separator left`, () => {
      const { args, separators } = throughBatch([escapeBatchArgument(arg)]);
      assert.deepEqual(args, [arg]);
      assert.equal(separators, 0);
    });
  }

  it('many arguments together keep their boundaries', () => {
    const { args } = throughBatch(hostile.map(escapeBatchArgument));
    assert.deepEqual(args, hostile);
  });

  it('quoteForCRuntime follows the C runtime rules (backslashes before quotes and at the end doubled)', () => {
    assert.equal(quoteForCRuntime('a b'), '"a b"');
    assert.equal(quoteForCRuntime('a\\"b'), '"a\\\\\\"b"');
    assert.equal(quoteForCRuntime('end\\'), '"end\\\\"');
    assert.equal(quoteForCRuntime('C:\\x\\y'), '"C:\\x\\y"');
    for (const arg of ['', 'a\\\\"', '\\', '"\\"', 'x y\\\\']) assert.deepEqual(crtArgs(quoteForCRuntime(arg)), [arg]);
  });

  it('the model above catches the single-level escaping bug (so the checks above mean something)', () => {
    const once = quoteForCRuntime('a"&calc&"b').replace(/[()\][%!^"`<>&|;, *?]/g, '^$&');
    assert.ok(throughBatch([once]).separators > 0, 'one level: the & lands outside quotes in the batch file');
  });

  it('escapes the metacharacters cross-spawn escapes, twice (a batch file re-parses %*)', () => {
    assert.equal(escapeBatchArgument('a&b'), '^^^"a^^^&b^^^"');
    assert.equal(escapeBatchArgument('50%'), '^^^"50^^^%^^^"');
  });
});
