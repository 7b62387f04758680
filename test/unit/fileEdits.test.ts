import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  setBuiltinField,
  FileEditError,
  addConnectorToFile,
  removeConnectorFromFile,
  setConnectorField,
  updateBuiltinField,
  updateConnectorField,
} from '../../src/core/connectors/fileEdits';
import { includeToolChange } from '../../src/core/connectors/toolConfigEdits';
import { toolConfigurationSchema } from '../../src/core/connectors/schema';
import { parseConnectorsFile } from '../../src/core/connectors/connectorsFile';
import type { ConnectorConfig } from '../../src/core/connectors/schema';

let root: string;
let counter = 0;
before(async () => {
  root = await mkdtemp(join(tmpdir(), 'ca-file-edits-'));
});
after(async () => {
  await rm(root, { recursive: true, force: true });
});

/** A fresh directory per test holding `connectors.json` with `text` (or nothing). */
async function fileWith(text?: string): Promise<{ dir: string; file: string }> {
  const dir = join(root, `case-${++counter}`);
  const file = join(dir, 'connectors.json');
  if (text !== undefined) {
    await mkdir(dir, { recursive: true });
    await writeFile(file, text, 'utf8');
  }
  return { dir, file };
}

function parseOk(text: string, file: string) {
  const parsed = parseConnectorsFile(text, file);
  assert.deepEqual(parsed.problems, [], `file no longer parses cleanly:\n${text}`);
  return parsed.entries.map((e) => JSON.parse(JSON.stringify(e.config)) as ConnectorConfig);
}

async function assertOnlyFile(dir: string): Promise<void> {
  assert.deepEqual(await readdir(dir), ['connectors.json'], 'no temp files left beside the target');
}

const COMMENTED = `// Team connectors — reviewed in PR #12
{
  /* servers we run locally */
  "connectors": [
    {
      "name": "fs",
      "command": "node", // pinned
      "args": ["fs-server.js"],
    },
    {"name":"future","command":"x","x-sandbox":{"level":3,"paths":["/tmp"]},   "x-notes":"keep  my  spacing"},
    {
      "name": "web",
      "url": "https://example.com/mcp"
    }
  ]
}
`;
const FUTURE_ENTRY = `{"name":"future","command":"x","x-sandbox":{"level":3,"paths":["/tmp"]},   "x-notes":"keep  my  spacing"}`;

describe('addConnectorToFile', () => {
  it('appends an entry and keeps comments, formatting and unknown entries byte-for-byte', async () => {
    const { dir, file } = await fileWith(COMMENTED);
    await addConnectorToFile(file, { name: 'added', command: 'npx', args: ['-y', 'pkg'] });
    const text = await readFile(file, 'utf8');
    assert.ok(text.startsWith(COMMENTED.slice(0, COMMENTED.indexOf('"url"'))), 'everything before the edit point is untouched');
    for (const piece of ['// Team connectors — reviewed in PR #12', '/* servers we run locally */', '"command": "node", // pinned', FUTURE_ENTRY]) {
      assert.ok(text.includes(piece), `kept: ${piece}`);
    }
    assert.deepEqual(
      parseOk(text, file).map((c) => c.name),
      ['fs', 'future', 'web', 'added'],
    );
    assert.match(text, /\n {4}\{\n {6}"name": "added",\n {6}"command": "npx",/, "new entry uses the file's 2-space indentation");
    await assertOnlyFile(dir);
  });

  it('keeps a compact entry with unknown fields byte-for-byte when appending right after it', async () => {
    const original = `{\n  "connectors": [\n    ${FUTURE_ENTRY}\n  ]\n}\n`;
    const { file } = await fileWith(original);
    await addConnectorToFile(file, { name: 'added', command: 'npx' });
    const text = await readFile(file, 'utf8');
    assert.deepEqual(
      parseOk(text, file).map((c) => c.name),
      ['future', 'added'],
    );
    assert.ok(text.includes(FUTURE_ENTRY), `the unknown entry was reformatted:\n${text}`);
  });

  it('keeps tab indentation and CRLF line endings', async () => {
    const original = '{\r\n\t"connectors": [\r\n\t\t{\r\n\t\t\t"name": "a",\r\n\t\t\t"command": "x"\r\n\t\t}\r\n\t]\r\n}\r\n';
    const { file } = await fileWith(original);
    await addConnectorToFile(file, { name: 'b', url: 'https://example.com/mcp' });
    const text = await readFile(file, 'utf8');
    assert.equal(text.replace(/\r\n/g, '').includes('\n'), false, 'no bare LF introduced');
    assert.doesNotMatch(text, / {2}"/, 'no space indentation introduced');
    assert.ok(text.includes('\r\n\t\t{\r\n\t\t\t"name": "b",\r\n\t\t\t"url": "https://example.com/mcp"\r\n\t\t}'));
    assert.ok(text.startsWith('{\r\n\t"connectors": [\r\n\t\t{\r\n\t\t\t"name": "a",\r\n\t\t\t"command": "x"\r\n\t\t}'));
    assert.deepEqual(
      parseOk(text, file).map((c) => c.name),
      ['a', 'b'],
    );
  });

  it('creates a missing file (and its parent folders) holding the new entry', async () => {
    const { dir } = await fileWith();
    const file = join(dir, 'deeper', '.vscode', 'connectors.json');
    await addConnectorToFile(file, { name: 'first', command: 'node', args: ['s.js'] });
    const text = await readFile(file, 'utf8');
    assert.deepEqual(parseOk(text, file), [{ name: 'first', command: 'node', args: ['s.js'] }]);
    assert.deepEqual(await readdir(join(dir, 'deeper', '.vscode')), ['connectors.json']);
  });

  it('adds to an existing but empty file', async () => {
    const { dir, file } = await fileWith('');
    await addConnectorToFile(file, { name: 'first', command: 'node' });
    assert.deepEqual(parseOk(await readFile(file, 'utf8'), file), [{ name: 'first', command: 'node' }]);
    await assertOnlyFile(dir);
  });

  it('adds a "connectors" array to an object that lacks one, keeping other keys', async () => {
    const { file } = await fileWith('{\n  "$schema": "./schema.json"\n}\n');
    await addConnectorToFile(file, { name: 'first', command: 'node' });
    const text = await readFile(file, 'utf8');
    assert.ok(text.includes('"$schema": "./schema.json"'));
    assert.deepEqual(
      parseOk(text, file).map((c) => c.name),
      ['first'],
    );
  });

  it('refuses a duplicate name and leaves the file unchanged', async () => {
    const { dir, file } = await fileWith(COMMENTED);
    await assert.rejects(
      addConnectorToFile(file, { name: 'web', command: 'other' }),
      (err: unknown) => err instanceof FileEditError && /A connector named "web" already exists/.test(err.message),
    );
    assert.equal(await readFile(file, 'utf8'), COMMENTED);
    await assertOnlyFile(dir);
  });

  it('refuses a file with a syntax error, names the line, and leaves it unchanged byte-for-byte', async () => {
    const broken = '{\n  "connectors": [\n    { "name": "a" "command": "x" }\n  ]\n}\n';
    const { dir, file } = await fileWith(broken);
    await assert.rejects(
      addConnectorToFile(file, { name: 'b', command: 'y' }),
      (err: unknown) => err instanceof FileEditError && /syntax error at line 3/.test(err.message) && /not changed/.test(err.message),
    );
    assert.equal(await readFile(file, 'utf8'), broken);
    await assertOnlyFile(dir);
  });

  it('refuses a file whose top level is not an object', async () => {
    const { file } = await fileWith('[1, 2]\n');
    await assert.rejects(addConnectorToFile(file, { name: 'b', command: 'y' }), FileEditError);
    assert.equal(await readFile(file, 'utf8'), '[1, 2]\n');
  });
});

describe('removeConnectorFromFile', () => {
  it('removes only the named entry and keeps comments and unknown entries byte-for-byte', async () => {
    const { dir, file } = await fileWith(COMMENTED);
    await removeConnectorFromFile(file, 'fs');
    const text = await readFile(file, 'utf8');
    assert.deepEqual(
      parseOk(text, file).map((c) => c.name),
      ['future', 'web'],
    );
    assert.ok(!text.includes('fs-server.js'));
    assert.ok(text.includes('// Team connectors — reviewed in PR #12'));
    assert.ok(text.includes('/* servers we run locally */'));
    assert.ok(text.includes(FUTURE_ENTRY), `the unknown entry next to the removed one was reformatted:\n${text}`);
    await assertOnlyFile(dir);
  });

  it('removes the last entry, leaving a valid empty list', async () => {
    const { file } = await fileWith('// keep me\n{\n  "connectors": [\n    { "name": "only", "command": "x" }\n  ]\n}\n');
    await removeConnectorFromFile(file, 'only');
    const text = await readFile(file, 'utf8');
    assert.ok(text.startsWith('// keep me\n'));
    assert.deepEqual(parseConnectorsFile(text, file), { entries: [], problems: [] });
  });

  it('keeps CRLF line endings when removing', async () => {
    const { file } = await fileWith('{\r\n  "connectors": [\r\n    { "name": "a", "command": "x" },\r\n    { "name": "b", "command": "y" }\r\n  ]\r\n}\r\n');
    await removeConnectorFromFile(file, 'a');
    const text = await readFile(file, 'utf8');
    assert.equal(text.replace(/\r\n/g, '').includes('\n'), false);
    assert.deepEqual(
      parseOk(text, file).map((c) => c.name),
      ['b'],
    );
  });

  it('fails clearly for an unknown name without touching the file', async () => {
    const { file } = await fileWith(COMMENTED);
    await assert.rejects(removeConnectorFromFile(file, 'nope'), /No connector named "nope"/);
    assert.equal(await readFile(file, 'utf8'), COMMENTED);
  });

  it('does not create a file when asked to remove from a missing one', async () => {
    const { file } = await fileWith();
    await assert.rejects(removeConnectorFromFile(file, 'x'), FileEditError);
    assert.equal(existsSync(file), false);
  });

  it('refuses a file with a syntax error and leaves it unchanged byte-for-byte', async () => {
    const broken = '{ "connectors": [ { "name": "a", "command": "x" }, ] /* unterminated';
    const { file } = await fileWith(broken);
    await assert.rejects(removeConnectorFromFile(file, 'a'), FileEditError);
    assert.equal(await readFile(file, 'utf8'), broken);
  });
});

describe('setConnectorField', () => {
  it('sets enabled:false on one entry, and removing the field restores the file exactly', async () => {
    const { dir, file } = await fileWith(COMMENTED);
    await setConnectorField(file, 'fs', ['enabled'], false);
    const disabled = await readFile(file, 'utf8');
    const entries = parseOk(disabled, file);
    assert.equal(entries.find((c) => c.name === 'fs')?.enabled, false);
    assert.equal(entries.find((c) => c.name === 'web')?.enabled, undefined);
    assert.ok(disabled.includes('"command": "node", // pinned'));
    assert.ok(disabled.includes(FUTURE_ENTRY));

    await setConnectorField(file, 'fs', ['enabled'], undefined);
    const restored = await readFile(file, 'utf8');
    assert.equal(parseOk(restored, file).find((c) => c.name === 'fs')?.enabled, undefined);
    assert.ok(!restored.includes('"enabled"'));
    await assertOnlyFile(dir);
  });

  it('leaves the other lines of the edited entry as written', async () => {
    const { file } = await fileWith(COMMENTED);
    await setConnectorField(file, 'fs', ['enabled'], false);
    const text = await readFile(file, 'utf8');
    assert.equal(parseOk(text, file)[0].enabled, false);
    assert.ok(text.includes('"args": ["fs-server.js"]'), `the entry's args were reformatted:\n${text}`);
  });

  it('disabling then re-enabling a plainly formatted entry leaves no diff', async () => {
    const original = '{\n  "connectors": [\n    {\n      "name": "a",\n      "command": "x"\n    }\n  ]\n}\n';
    const { file } = await fileWith(original);
    await setConnectorField(file, 'a', ['enabled'], false);
    assert.notEqual(await readFile(file, 'utf8'), original);
    await setConnectorField(file, 'a', ['enabled'], undefined);
    assert.equal(await readFile(file, 'utf8'), original);
  });

  it('sets a nested field on an entry that carries unknown fields, keeping them', async () => {
    const { file } = await fileWith(COMMENTED);
    await setConnectorField(file, 'future', ['toolConfiguration', 'requiresConfirmation'], ['write']);
    const text = await readFile(file, 'utf8');
    const future = parseOk(text, file).find((c) => c.name === 'future') as Record<string, unknown>;
    assert.deepEqual(future.toolConfiguration, { requiresConfirmation: ['write'] });
    assert.deepEqual(future['x-sandbox'], { level: 3, paths: ['/tmp'] });
    assert.equal(future['x-notes'], 'keep  my  spacing');
  });

  it('fails clearly for an unknown name without touching the file', async () => {
    const { file } = await fileWith(COMMENTED);
    await assert.rejects(setConnectorField(file, 'ghost', ['enabled'], false), /No connector named "ghost"/);
    assert.equal(await readFile(file, 'utf8'), COMMENTED);
  });
});

describe('a sequence of edits', () => {
  it('keeps the file parseable and leaves no temp files behind', async () => {
    const { dir, file } = await fileWith(COMMENTED);
    await addConnectorToFile(file, { name: 'a', command: 'node', env: { TOKEN: '${secret:t}' } });
    await addConnectorToFile(file, { name: 'b', url: 'https://example.com/b', auth: { type: 'bearer', token: '${secret:b}' } });
    await setConnectorField(file, 'a', ['enabled'], false);
    await removeConnectorFromFile(file, 'web');
    await setConnectorField(file, 'b', ['description'], 'Team server');
    await removeConnectorFromFile(file, 'a');
    const text = await readFile(file, 'utf8');
    const entries = parseOk(text, file);
    assert.deepEqual(
      entries.map((c) => c.name),
      ['fs', 'future', 'b'],
    );
    assert.equal(entries[2].description, 'Team server');
    assert.ok(text.includes(FUTURE_ENTRY));
    assert.ok(text.includes('/* servers we run locally */'));
    await assertOnlyFile(dir);
  });
});

describe('setBuiltinField', () => {
  it('writes a built-in\'s tool configuration under "builtins", keeping comments and entries', async () => {
    const { file } = await fileWith('// mine\n{\n  "connectors": [\n    { "name": "a", "command": "x" }\n  ]\n}\n');
    await setBuiltinField(file, 'github', ['toolConfiguration', 'exclude'], ['delete_file']);
    const text = await readFile(file, 'utf8');
    assert.ok(text.startsWith('// mine\n'));
    const parsed = parseConnectorsFile(text, file);
    assert.deepEqual(
      parsed.entries.map((e) => e.config.name),
      ['a'],
    );
    assert.deepEqual(
      parsed.builtins?.map((b) => [b.name, b.override]),
      [['github', { toolConfiguration: { exclude: ['delete_file'] } }]],
    );
    // Removing the last value removes the field again.
    await setBuiltinField(file, 'github', ['toolConfiguration', 'exclude'], undefined);
    assert.deepEqual(parseConnectorsFile(await readFile(file, 'utf8'), file).builtins?.[0].override, { toolConfiguration: {} });
  });

  it('creates the private registry when there is none yet', async () => {
    const { dir } = await fileWith();
    const file = join(dir, 'new.json');
    await setBuiltinField(file, 'web', ['enabled'], false);
    const parsed = parseConnectorsFile(await readFile(file, 'utf8'), file);
    assert.deepEqual(
      parsed.builtins?.map((b) => [b.name, b.override]),
      [['web', { enabled: false }]],
    );
    assert.deepEqual(parsed.problems, []);
  });
});

describe('updateConnectorField / updateBuiltinField: a change built on the entry as it is in the file now', () => {
  const toolConfigOf = (entry: unknown) => toolConfigurationSchema.optional().parse((entry as { toolConfiguration?: unknown } | undefined)?.toolConfiguration);

  it('excluding a tool keeps a tool another process excluded after the caller last read the file', async () => {
    const { file } = await fileWith('{ "connectors": [ { "name": "gh", "command": "x" } ] }\n');
    // The tree's snapshot said: no exclusions. Meanwhile a CLI run (or another window) excluded "a".
    await setConnectorField(file, 'gh', ['toolConfiguration'], { exclude: ['a'] });
    await updateConnectorField(file, 'gh', (entry) => includeToolChange(toolConfigOf(entry), 'b', false));
    assert.deepEqual(parseOk(await readFile(file, 'utf8'), file)[0].toolConfiguration, { exclude: ['a', 'b'] });
  });

  it("the same for a built-in connector's settings, starting from none", async () => {
    const { file } = await fileWith('{ "connectors": [] }\n');
    await updateBuiltinField(file, 'github', (settings) => includeToolChange(toolConfigOf(settings), 'delete_file', false));
    await updateBuiltinField(file, 'github', (settings) => includeToolChange(toolConfigOf(settings), 'push', false));
    const parsed = parseConnectorsFile(await readFile(file, 'utf8'), file);
    assert.deepEqual(parsed.builtins?.[0].override, { toolConfiguration: { exclude: ['delete_file', 'push'] } });
  });
});
