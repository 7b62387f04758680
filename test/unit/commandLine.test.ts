import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { splitCommandLine } from '../../src/core/connectors/commandLine';

describe('splitCommandLine', () => {
  it('splits on runs of whitespace and ignores leading and trailing space', () => {
    assert.deepEqual(splitCommandLine('  npx   -y\t@scope/server  --port 3000  '), ['npx', '-y', '@scope/server', '--port', '3000']);
  });

  it('returns no arguments for an empty or blank line', () => {
    assert.deepEqual(splitCommandLine(''), []);
    assert.deepEqual(splitCommandLine('   '), []);
  });

  it('keeps spaces inside double and single quotes', () => {
    assert.deepEqual(splitCommandLine(`node "my server.js" --name 'Team Audit'`), ['node', 'my server.js', '--name', 'Team Audit']);
  });

  it('joins quoted and unquoted parts of one word', () => {
    assert.deepEqual(splitCommandLine(`--root="/path with space"/sub 'a'"b"c`), ['--root=/path with space/sub', 'abc']);
  });

  it('keeps empty quoted strings as empty arguments', () => {
    assert.deepEqual(splitCommandLine('cmd "" \'\' x'), ['cmd', '', '', 'x']);
  });

  it('handles backslash escapes outside quotes and \\" \\\\ inside double quotes', () => {
    assert.deepEqual(splitCommandLine('a\\ b'), ['a b']);
    assert.deepEqual(splitCommandLine('say "he said \\"hi\\" \\\\o/"'), ['say', 'he said "hi" \\o/']);
  });

  it('keeps other backslashes inside double quotes and everything inside single quotes literal', () => {
    assert.deepEqual(splitCommandLine('"a\\nb" \'c\\"d\''), ['a\\nb', 'c\\"d']);
  });

  it('passes $ and backquotes through literally, since no shell expands them', () => {
    assert.deepEqual(splitCommandLine('echo $HOME `id`'), ['echo', '$HOME', '`id`']);
  });

  for (const ch of ['|', '&', ';', '<', '>']) {
    it(`rejects the shell metacharacter ${ch} with a reason`, () => {
      assert.throws(
        () => splitCommandLine(`server ${ch} other`),
        (err: Error) => {
          assert.match(err.message, new RegExp(`"\\${ch}" is shell syntax`));
          assert.match(err.message, /without a shell/);
          return true;
        },
      );
    });
  }

  it('allows metacharacters inside quotes, where they are plain text', () => {
    assert.deepEqual(splitCommandLine(`grep "a|b" 'x;y' "<tag>"`), ['grep', 'a|b', 'x;y', '<tag>']);
  });

  it('reports an unterminated double or single quote', () => {
    assert.throws(() => splitCommandLine('node "server.js'), /Unterminated double quote/);
    assert.throws(() => splitCommandLine("node 'server.js"), /Unterminated single quote/);
  });

  it('keeps Windows paths whole: a backslash escapes only spaces, quotes and backslashes', () => {
    assert.deepEqual(splitCommandLine('C:\\tools\\srv.exe --root D:\\data'), ['C:\\tools\\srv.exe', '--root', 'D:\\data']);
    assert.deepEqual(splitCommandLine('my\\ server'), ['my server']);
  });
});
