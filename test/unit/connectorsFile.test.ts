import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseConnectorsFile, type FileProblem } from '../../src/core/connectors/connectorsFile';
import { transportOf } from '../../src/core/connectors/schema';

const FILE = '/home/me/.config/connector-auditor/connectors.json';

/** 1-based line of the first occurrence of `needle` in `text`, to check where problems point. */
function lineOf(text: string, needle: string): number {
  const at = text.indexOf(needle);
  assert.ok(at >= 0, `${needle} not in text`);
  return text.slice(0, at).split('\n').length;
}

function onlyProblem(problems: FileProblem[]): FileProblem {
  assert.equal(problems.length, 1, `expected one problem, got: ${problems.map((p) => p.message).join(' | ')}`);
  return problems[0];
}

describe('parseConnectorsFile: valid files', () => {
  it('reads JSON with line and block comments and trailing commas', () => {
    const text = `// my connectors
{
  /* local tools */
  "connectors": [
    { "name": "fs", "command": "node", "args": ["server.js", "--root", "/tmp",], },
    // remote
    { "name": "remote", "url": "https://example.com/mcp", "headers": { "X-Team": "audit", }, },
  ],
}
`;
    const parsed = parseConnectorsFile(text, FILE);
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(
      parsed.entries.map((e) => e.config.name),
      ['fs', 'remote'],
    );
    assert.deepEqual(parsed.entries[0].config.args, ['server.js', '--root', '/tmp']);
    assert.deepEqual(parsed.entries[1].config.headers, { 'X-Team': 'audit' });
  });

  it('records each entry index, offset and 1-based line so Edit can reveal it', () => {
    const text = `{
  "connectors": [
    { "name": "a", "command": "a" },

    { "name": "b", "command": "b" }
  ]
}`;
    const [a, b] = parseConnectorsFile(text, FILE).entries;
    assert.deepEqual([a.index, a.line], [0, 3]);
    assert.deepEqual([b.index, b.line], [1, 5]);
    assert.equal(text.slice(b.offset, b.offset + 1), '{');
    assert.ok(text.slice(b.offset).startsWith('{ "name": "b"'));
  });

  it('infers the transport from "command" (stdio) or "url" (http) and honours an explicit one', () => {
    const text = JSON.stringify({
      connectors: [
        { name: 'local', command: 'npx' },
        { name: 'remote', url: 'http://127.0.0.1:3001/mcp' },
        { name: 'events', transport: 'sse', url: 'http://127.0.0.1:3001/sse' },
      ],
    });
    const parsed = parseConnectorsFile(text, FILE);
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(
      parsed.entries.map((e) => transportOf(e.config)),
      ['stdio', 'http', 'sse'],
    );
  });

  it('tolerates and keeps unknown keys, at the top level and in entries', () => {
    const text = JSON.stringify({
      $schema: './connectors.schema.json',
      version: 7,
      connectors: [{ name: 'future', command: 'x', 'x-newer-field': { nested: [1, 2] }, timeouts: { call: 5, idle: 9 } }],
    });
    const parsed = parseConnectorsFile(text, FILE);
    assert.deepEqual(parsed.problems, []);
    // Compare as plain JSON: jsonc-parser builds null-prototype objects.
    const config = JSON.parse(JSON.stringify(parsed.entries[0].config)) as Record<string, unknown>;
    assert.deepEqual(config['x-newer-field'], { nested: [1, 2] });
    assert.deepEqual(config.timeouts, { call: 5, idle: 9 });
  });

  it('treats an empty or whitespace-only file as no connectors and no problems', () => {
    assert.deepEqual(parseConnectorsFile('', FILE), { entries: [], problems: [] });
    assert.deepEqual(parseConnectorsFile('  \n\t\r\n', FILE), { entries: [], problems: [] });
  });

  it('treats a file holding only comments as empty (everything commented out)', () => {
    const text = `// {
//   "connectors": [ { "name": "old", "command": "x" } ]
// }
`;
    assert.deepEqual(parseConnectorsFile(text, FILE), { entries: [], problems: [] });
  });

  it('accepts an empty connectors array', () => {
    assert.deepEqual(parseConnectorsFile('{ "connectors": [] }', FILE), { entries: [], problems: [] });
  });
});

describe('parseConnectorsFile: malformed JSON', () => {
  it('reports one problem at the 1-based line and column of the first error, with a readable message', () => {
    const text = `{
  "connectors": [
    { "name": "a" "command": "x" }
  ]
}`;
    const parsed = parseConnectorsFile(text, FILE);
    assert.deepEqual(parsed.entries, []);
    const p = onlyProblem(parsed.problems);
    assert.equal(p.file, FILE);
    assert.equal(p.line, 3);
    assert.equal(p.column, 19, 'points at "command", where the comma is missing');
    assert.equal(p.offset, text.indexOf('"command"'));
    assert.match(p.message, /^Invalid JSON: "," expected$/);
  });

  it('counts lines the same way in a CRLF file', () => {
    const text = '{\r\n  "connectors": [\r\n    { "name": "a", }\r\n    { "name": "b" }\r\n  ]\r\n}\r\n';
    const p = onlyProblem(parseConnectorsFile(text, FILE).problems);
    assert.equal(p.line, 4);
    assert.equal(p.column, 5);
  });

  it('names an unterminated string in words, not an error code', () => {
    const p = onlyProblem(parseConnectorsFile('{ "connectors": [ { "name": "a', FILE).problems);
    assert.match(p.message, /unterminated string/);
    assert.doesNotMatch(p.message, /UnexpectedEndOfString/);
  });
});

describe('parseConnectorsFile: wrong top-level shape', () => {
  for (const [what, text] of [
    ['an array', '[ { "name": "a", "command": "x" } ]'],
    ['an object without "connectors"', '{ "servers": { "a": { "command": "x" } } }'],
    ['"connectors" as an object', '{ "connectors": { "a": { "command": "x" } } }'],
    ['a bare string', '"connectors"'],
  ] as const) {
    it(`explains the expected shape for ${what}`, () => {
      const parsed = parseConnectorsFile(text, FILE);
      assert.deepEqual(parsed.entries, []);
      const p = onlyProblem(parsed.problems);
      assert.match(p.message, /Expected an object with a "connectors" array/);
      assert.deepEqual([p.line, p.column], [1, 1]);
    });
  }
});

describe('parseConnectorsFile: invalid entries', () => {
  const text = `{
  "connectors": [
    { "name": "good-1", "command": "node" },
    {
      "name": "slow",
      "command": "node",
      "timeouts": { "connect": -5 }
    },
    { "name": "good-2", "url": "https://example.com/mcp" }
  ]
}`;
  const parsed = parseConnectorsFile(text, FILE);

  it('keeps the valid entries around a broken one, with their original indexes', () => {
    assert.deepEqual(
      parsed.entries.map((e) => [e.config.name, e.index]),
      [
        ['good-1', 0],
        ['good-2', 2],
      ],
    );
  });

  it('reports the broken entry by name, field path and the line of the offending field', () => {
    const p = onlyProblem(parsed.problems);
    assert.equal(p.entryName, 'slow');
    assert.match(p.message, /^Connector "slow": "timeouts\.connect": /);
    assert.equal(p.line, lineOf(text, '"timeouts"'));
    assert.equal(p.file, FILE);
  });

  it('points a bad name at the "name" field and explains the allowed alphabet', () => {
    const t = `{
  "connectors": [
    {
      "command": "x",
      "name": "has spaces"
    }
  ]
}`;
    const p = onlyProblem(parseConnectorsFile(t, FILE).problems);
    assert.equal(p.line, 5);
    assert.match(p.message, /"name": use 1–64 letters, digits, "_" or "-"/);
  });

  it('refers to an entry that is not an object by its 1-based position', () => {
    const t = '{ "connectors": [ { "name": "ok", "command": "x" }, 42 ] }';
    const parsed2 = parseConnectorsFile(t, FILE);
    assert.deepEqual(
      parsed2.entries.map((e) => e.config.name),
      ['ok'],
    );
    const p = onlyProblem(parsed2.problems);
    assert.match(p.message, /^Entry 2: /);
    assert.equal(p.entryName, undefined);
    assert.equal(p.offset, t.indexOf('42'));
  });

  it('rejects "include" together with "exclude" with a clear message', () => {
    const t = `{
  "connectors": [
    {
      "name": "gh",
      "command": "x",
      "toolConfiguration": { "include": ["a"], "exclude": ["b"] }
    }
  ]
}`;
    const parsed2 = parseConnectorsFile(t, FILE);
    assert.deepEqual(parsed2.entries, []);
    const p = onlyProblem(parsed2.problems);
    assert.match(p.message, /"include" and "exclude" cannot both be set; keep one of them/);
    assert.equal(p.entryName, 'gh');
    assert.equal(p.line, 6);
  });

  it('accepts include alone and exclude alone', () => {
    const t = JSON.stringify({
      connectors: [
        { name: 'a', command: 'x', toolConfiguration: { include: ['read'] } },
        { name: 'b', command: 'x', toolConfiguration: { exclude: ['write'], requiresConfirmation: ['delete'] } },
      ],
    });
    assert.deepEqual(parseConnectorsFile(t, FILE).problems, []);
  });

  it('requires a "command" for an explicit stdio connector, pointing at the entry', () => {
    const t = `{
  "connectors": [
    { "name": "local", "transport": "stdio", "url": "https://example.com" }
  ]
}`;
    const p = onlyProblem(parseConnectorsFile(t, FILE).problems);
    assert.match(p.message, /a stdio connector needs a "command"/);
    assert.equal(p.entryName, 'local');
    assert.equal(p.line, 3);
  });

  it('requires a "url" for http and sse connectors', () => {
    for (const transport of ['http', 'sse']) {
      const t = JSON.stringify({ connectors: [{ name: 'r', transport, command: 'x' }] });
      const p = onlyProblem(parseConnectorsFile(t, FILE).problems);
      assert.match(p.message, new RegExp(`an ${transport} connector needs a "url"`));
    }
  });

  it('rejects a url that is not http(s), pointing at the "url" field', () => {
    const t = `{
  "connectors": [
    {
      "name": "r",
      "url": "ftp://example.com/mcp"
    }
  ]
}`;
    const p = onlyProblem(parseConnectorsFile(t, FILE).problems);
    assert.match(p.message, /"url": the "url" must start with http:\/\/ or https:\/\//);
    assert.equal(p.line, 5);
  });

  it('accepts a url that is a placeholder, resolved at connect time', () => {
    const t = JSON.stringify({ connectors: [{ name: 'r', url: '${env:MCP_URL}' }] });
    assert.deepEqual(parseConnectorsFile(t, FILE).problems, []);
  });

  it('asks for a command or a url when an entry has neither', () => {
    const p = onlyProblem(parseConnectorsFile('{ "connectors": [ { "name": "x" } ] }', FILE).problems);
    assert.match(p.message, /give a "command" \(stdio\) or a "url" \(http, sse\)/);
  });
});

describe('parseConnectorsFile: "builtins"', () => {
  it("reads the built-ins' settings with their line, beside the entries", () => {
    const parsed = parseConnectorsFile(
      '{\n  "connectors": [],\n  "builtins": {\n    "github": { "toolConfiguration": { "exclude": ["delete_file"] } }\n  }\n}\n',
      FILE,
    );
    assert.deepEqual(parsed.builtins, [{ name: 'github', override: { toolConfiguration: { exclude: ['delete_file'] } }, line: 4 }]);
    assert.deepEqual(parsed.problems, []);
  });

  it('refuses "builtins" that is not an object, naming the shape', () => {
    const parsed = parseConnectorsFile('{ "connectors": [], "builtins": [] }', FILE);
    assert.equal(parsed.builtins, undefined);
    assert.match(parsed.problems[0].message, /"builtins" must be an object/);
  });
});
