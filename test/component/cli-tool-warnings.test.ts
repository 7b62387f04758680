// Tool poisoning, seen from the CLI: a server whose tool description instructs the model is
// listed with a warning a person can act on (the tree shows the same warning).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { REPO, sandbox, type Sandbox } from './cli-harness';

const SCRIPTED = join(REPO, 'test', 'fixtures', 'servers', 'scripted-server.mjs');

describe('tools list: warning signs in tool descriptions', () => {
  let box: Sandbox;
  let config: string;
  before(async () => {
    box = await sandbox();
    config = await box.file('connectors.json', {
      connectors: [{ name: 'scripted', command: process.execPath, args: [SCRIPTED, '--poisoned', '--tools', '2'] }],
    });
  });
  after(() => box.dispose());

  it('marks the poisoned tool and only that one, with the reason in --json', async () => {
    const human = await box.run(['--config', config, 'tools', 'list', 'scripted']);
    assert.equal(human.code, 0, human.err);
    const lines = human.out.trim().split('\n');
    assert.match(lines.find((l) => l.startsWith('tool-000')) ?? '', /suspicious description/);
    assert.doesNotMatch(lines.find((l) => l.startsWith('tool-001')) ?? '', /suspicious/);

    const json = await box.run(['--config', config, '--json', 'tools', 'list', 'scripted']);
    const rows = JSON.parse(json.out) as { name: string; warnings: string[] }[];
    assert.deepEqual(rows.find((r) => r.name === 'tool-001')?.warnings, []);
    assert.match(rows.find((r) => r.name === 'tool-000')?.warnings[0] ?? '', /^The description gives the model instructions \("Before using any other tool"\)/);
  });
});

describe('tools list: hidden characters in a tool name', () => {
  let box: Sandbox;
  let config: string;
  before(async () => {
    box = await sandbox();
    config = await box.file('connectors.json', {
      connectors: [{ name: 'scripted', command: process.execPath, args: [SCRIPTED, '--hidden-name', '--tools', '2'] }],
    });
  });
  after(() => box.dispose());

  it('prints the name with ⟨U+…⟩ marks (a \\r cannot overwrite the line) and flags it; --json keeps the real name', async () => {
    const human = await box.run(['--config', config, 'tools', 'list', 'scripted']);
    assert.equal(human.code, 0, human.err);
    assert.ok(!/[\u200B\r]/.test(human.out), 'nothing hidden is printed raw');
    const line = human.out.split('\n').find((l) => l.startsWith('tool-001')) ?? '';
    assert.match(line, /^tool-001⟨U\+200B⟩⟨U\+000D⟩tool-9 +\[.*asks first.*\]/);
    const json = await box.run(['--config', config, '--json', 'tools', 'list', 'scripted']);
    const rows = JSON.parse(json.out) as { name: string; warnings: string[] }[];
    const row = rows.find((r) => r.name.startsWith('tool-001'));
    assert.equal(row?.name, 'tool-001\u200B\rtool-9');
    assert.match(row?.warnings[0] ?? '', /^The tool's name or a parameter name contains invisible characters \(U\+200B, U\+000D/);
  });
});
