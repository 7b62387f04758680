// The extension's behaviour through the real `vscode` API: files → registry → sessions → commands.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { ConnectorAuditorApi } from '../../src/extension';

const EXTENSION_ID = 'connector-auditor.connector-auditor';

async function api(): Promise<ConnectorAuditorApi> {
  const ext = vscode.extensions.getExtension<ConnectorAuditorApi>(EXTENSION_ID);
  assert.ok(ext, 'extension installed');
  return ext.activate();
}

async function until<T>(what: string, probe: () => T | undefined | false, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function privateFile(): string {
  const home = process.env.CONNECTOR_AUDITOR_HOME;
  assert.ok(home, 'the harness sets CONNECTOR_AUDITOR_HOME so tests never touch the real registry');
  return path.join(home, 'connectors.json');
}

const workspaceFolder = () => {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  assert.ok(folder, 'a workspace folder is open');
  return folder;
};

describe('connectors', () => {
  afterEach(() => fs.rmSync(privateFile(), { force: true }));

  it('lists the workspace connector and its 13 tools from server-everything', async () => {
    workspaceFolder();
    const a = await api();
    const everything = await until('the workspace connector', () => a.connectors().find((c) => c.name === 'everything'));
    assert.strictEqual(everything.visibility, 'shared_workspace');
    const tools = await a.tools(everything.id);
    assert.strictEqual(tools.length, 13, `tools: ${tools.join(', ')}`);
    assert.ok(tools.includes('echo'));
    assert.strictEqual(a.sessionState(everything.id)?.status, 'ready');
  });

  it('picks up a hand-edited private file, and reports a broken one without losing the others', async () => {
    const a = await api();
    fs.mkdirSync(path.dirname(privateFile()), { recursive: true });
    fs.writeFileSync(privateFile(), '// mine\n{ "connectors": [ { "name": "hand-made", "command": "node", "args": ["-v"] } ] }\n');
    await until('hand-made to appear', () => a.connectors().some((c) => c.name === 'hand-made'));

    fs.writeFileSync(privateFile(), '{ "connectors": [ { "name": "hand-made", "command": "node" ');
    const problem = await until('a problem for the broken file', () => a.problems().find((p) => p.file === privateFile()));
    assert.match(problem.message, /Invalid JSON/);
    assert.strictEqual(problem.line, 1);
    assert.ok(
      a.connectors().some((c) => c.name === 'everything'),
      'the workspace connector is still listed',
    );
    assert.ok(!a.connectors().some((c) => c.name === 'hand-made'));
  });

  it('disables and re-enables a connector through its commands, editing only that field', async () => {
    const a = await api();
    fs.mkdirSync(path.dirname(privateFile()), { recursive: true });
    const original = '{\n  // keep me\n  "connectors": [\n    { "name": "toggle-me", "command": "node", "x-custom": 1 }\n  ]\n}\n';
    fs.writeFileSync(privateFile(), original);
    const connector = await until('toggle-me', () => a.connectors().find((c) => c.name === 'toggle-me'));

    await vscode.commands.executeCommand('connectorAuditor.disableConnector', { kind: 'connector', connector });
    const text = fs.readFileSync(privateFile(), 'utf8');
    assert.match(text, /"enabled": false/);
    assert.match(text, /\/\/ keep me/);
    assert.match(text, /"x-custom": 1/);
    await until('disabled state', () => a.connectors().find((c) => c.name === 'toggle-me')?.enabled === false);

    const disabled = a.connectors().find((c) => c.name === 'toggle-me')!;
    await vscode.commands.executeCommand('connectorAuditor.enableConnector', { kind: 'connector', connector: disabled });
    assert.strictEqual(fs.readFileSync(privateFile(), 'utf8'), original);
  });

  it('Edit opens the file with the cursor on that entry', async () => {
    const a = await api();
    fs.mkdirSync(path.dirname(privateFile()), { recursive: true });
    fs.writeFileSync(
      privateFile(),
      '{\n  "connectors": [\n    { "name": "first", "command": "node" },\n\n    { "name": "second", "command": "node" }\n  ]\n}\n',
    );
    const second = await until('second', () => a.connectors().find((c) => c.name === 'second'));
    await vscode.commands.executeCommand('connectorAuditor.editConnector', { kind: 'connector', connector: second });
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor, 'an editor is open');
    assert.strictEqual(editor.document.uri.fsPath, privateFile());
    assert.strictEqual(editor.selection.active.line, 4, 'the cursor is on the line of "second"');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('shows a connector whose command does not exist as an error, not an exception', async () => {
    const a = await api();
    fs.mkdirSync(path.dirname(privateFile()), { recursive: true });
    fs.writeFileSync(privateFile(), '{ "connectors": [ { "name": "ghost", "command": "no-such-binary-here" } ] }');
    const ghost = await until('ghost', () => a.connectors().find((c) => c.name === 'ghost'));
    assert.deepStrictEqual(await a.tools(ghost.id), []);
    const state = a.sessionState(ghost.id);
    assert.strictEqual(state?.status, 'error');
    assert.match(state?.error ?? '', /Command not found: "no-such-binary-here"/);
  });
});
