import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConnectorRegistry, type ConnectorSource, type RegistrySnapshot } from '../../src/core/connectors/registry';

let root: string;
let counter = 0;
before(async () => {
  root = await mkdtemp(join(tmpdir(), 'ca-registry-'));
});
after(async () => {
  await rm(root, { recursive: true, force: true });
});

/** A private registry file and a workspace file in a fresh folder; pass `undefined` to leave one missing. */
async function sources(privateText?: string, workspaceText?: string): Promise<ConnectorSource[]> {
  const dir = join(root, `case-${++counter}`);
  await mkdir(join(dir, 'home'), { recursive: true });
  await mkdir(join(dir, 'ws', '.vscode'), { recursive: true });
  const priv = join(dir, 'home', 'connectors.json');
  const ws = join(dir, 'ws', '.vscode', 'connectors.json');
  if (privateText !== undefined) await writeFile(priv, privateText);
  if (workspaceText !== undefined) await writeFile(ws, workspaceText);
  return [
    { visibility: 'private', file: priv },
    { visibility: 'shared_workspace', file: ws },
  ];
}

/** Most cases are about the files; built-ins would only pad every expected list. */
const NO_BUILTINS = { builtins: false };

const file = (...entries: object[]) => JSON.stringify({ connectors: entries }, null, 2);

describe('ConnectorRegistry', () => {
  it('loads connectors from the private and the workspace file with their visibility and origin', async () => {
    const src = await sources(file({ name: 'mine', command: 'node' }), file({ name: 'team', url: 'https://example.com/mcp' }, { name: 'team2', command: 'x' }));
    const snap = await new ConnectorRegistry(src, NO_BUILTINS).reload();
    assert.deepEqual(snap.problems, []);
    assert.deepEqual(
      snap.connectors.map((c) => [c.id, c.label, c.visibility, c.origin?.file, c.origin?.index]),
      [
        ['private:mine', 'mine', 'private', src[0].file, 0],
        ['shared_workspace:team', 'team', 'shared_workspace', src[1].file, 0],
        ['shared_workspace:team2', 'team2', 'shared_workspace', src[1].file, 1],
      ],
    );
  });

  it('treats missing files (and a missing folder) as no connectors and no problems', async () => {
    const snap = await new ConnectorRegistry(
      [...(await sources()), { visibility: 'shared_workspace', file: join(root, 'no', 'such', 'dir', 'connectors.json') }],
      NO_BUILTINS,
    ).reload();
    assert.deepEqual(snap, { connectors: [], problems: [] });
  });

  it('reports a broken file as an error with its visibility while the other file still loads', async () => {
    const src = await sources(file({ name: 'mine', command: 'node' }), '{\n  "connectors": [\n    { "name": "x", }\n    oops\n');
    const snap = await new ConnectorRegistry(src, NO_BUILTINS).reload();
    assert.deepEqual(
      snap.connectors.map((c) => c.name),
      ['mine'],
    );
    assert.equal(snap.problems.length, 1);
    const [p] = snap.problems;
    assert.equal(p.visibility, 'shared_workspace');
    assert.equal(p.severity, 'error');
    assert.equal(p.file, src[1].file);
    assert.equal(p.line, 4);
  });

  it('reports a file it cannot read (a directory in its place) instead of throwing', async () => {
    const src = await sources(undefined, file({ name: 'team', command: 'x' }));
    await mkdir(src[0].file);
    const snap = await new ConnectorRegistry(src, NO_BUILTINS).reload();
    assert.deepEqual(
      snap.connectors.map((c) => c.name),
      ['team'],
    );
    assert.equal(snap.problems.length, 1);
    assert.match(snap.problems[0].message, /Cannot read the file/);
    assert.equal(snap.problems[0].visibility, 'private');
  });

  it('lists same-named connectors from both files with qualified labels and warns once', async () => {
    const src = await sources(file({ name: 'github', command: 'a' }), file({ name: 'github', url: 'https://example.com/mcp' }));
    const snap = await new ConnectorRegistry(src, NO_BUILTINS).reload();
    assert.deepEqual(
      snap.connectors.map((c) => [c.id, c.label]),
      [
        ['private:github', 'github (private)'],
        ['shared_workspace:github', 'github (workspace)'],
      ],
    );
    assert.equal(snap.problems.length, 1);
    const [w] = snap.problems;
    assert.equal(w.severity, 'warning');
    assert.equal(w.entryName, 'github');
    assert.match(w.message, /"github" is used 2 times \(private, workspace\)/);
    assert.match(w.message, /Rename one/);
  });

  it('gives duplicates within one file distinct ids and labels', async () => {
    const src = await sources(file({ name: 'dup', command: 'a' }, { name: 'other', command: 'b' }, { name: 'dup', command: 'c' }));
    const snap = await new ConnectorRegistry(src, NO_BUILTINS).reload();
    const dups = snap.connectors.filter((c) => c.name === 'dup');
    assert.deepEqual(
      dups.map((c) => c.id),
      ['private:dup', 'private:dup#2'],
    );
    assert.equal(new Set(dups.map((c) => c.label)).size, 2, `labels: ${dups.map((c) => c.label).join(', ')}`);
    assert.deepEqual(
      dups.map((c) => c.config.command),
      ['a', 'c'],
    );
    assert.equal(snap.problems.filter((p) => p.severity === 'warning').length, 1);
  });

  it('keeps ids stable across reloads so the tree keeps its selection', async () => {
    const src = await sources(file({ name: 'a', command: 'x' }, { name: 'a', command: 'y' }));
    const registry = new ConnectorRegistry(src, NO_BUILTINS);
    const first = (await registry.reload()).connectors.map((c) => c.id);
    const second = (await registry.reload()).connectors.map((c) => c.id);
    assert.deepEqual(second, first);
  });

  it('marks entries with "enabled": false as disabled and the rest as enabled', async () => {
    const src = await sources(
      file({ name: 'off', command: 'a', enabled: false }, { name: 'on', command: 'b', enabled: true }, { name: 'default', command: 'c' }),
    );
    const snap = await new ConnectorRegistry(src, NO_BUILTINS).reload();
    assert.deepEqual(
      snap.connectors.map((c) => [c.name, c.enabled]),
      [
        ['off', false],
        ['on', true],
        ['default', true],
      ],
    );
  });

  it('lists the built-ins first, before file connectors, enabled and with no settings of their own', async () => {
    const src = await sources(file({ name: 'mine', command: 'a' }));
    const snap = await new ConnectorRegistry(src).reload();
    assert.deepEqual(
      snap.connectors.map((c) => c.id),
      ['builtin:github', 'builtin:web', 'builtin:supply_chain', 'builtin:workspace', 'private:mine'],
    );
    const github = snap.connectors[0];
    assert.equal(github.visibility, 'builtin');
    assert.equal(github.enabled, true);
    assert.equal(github.origin, undefined);
    assert.deepEqual(github.builtin, { name: 'github', settingsFile: src[0].file });
    assert.equal(github.config.toolConfiguration, undefined);
  });

  it('applies "builtins" settings from the private registry: tool configuration and enabled', async () => {
    const src = await sources(
      JSON.stringify({ connectors: [], builtins: { github: { toolConfiguration: { exclude: ['delete_file'] } }, web: { enabled: false } } }),
    );
    const snap = await new ConnectorRegistry(src).reload();
    const byName = new Map(snap.connectors.map((c) => [c.name, c]));
    assert.deepEqual(byName.get('github')?.config.toolConfiguration, { exclude: ['delete_file'] });
    assert.equal(byName.get('web')?.enabled, false);
    assert.equal(byName.get('supply_chain')?.enabled, true);
    assert.deepEqual(snap.problems, []);
  });

  it('ignores "builtins" in a workspace file, with a warning: a shared file must not reconfigure them', async () => {
    const src = await sources(file(), JSON.stringify({ connectors: [], builtins: { github: { enabled: false } } }));
    const snap = await new ConnectorRegistry(src).reload();
    assert.equal(snap.connectors.find((c) => c.name === 'github')?.enabled, true);
    assert.equal(snap.problems.length, 1);
    assert.equal(snap.problems[0].severity, 'warning');
    assert.equal(snap.problems[0].visibility, 'shared_workspace');
    assert.match(snap.problems[0].message, /private registry only/);
  });

  it('reports an unknown built-in name and an invalid setting, and keeps the defaults', async () => {
    const src = await sources(
      '{\n  "connectors": [],\n  "builtins": {\n    "gitlab": {},\n    "github": { "toolConfiguration": { "include": ["a"], "exclude": ["b"] } }\n  }\n}\n',
    );
    const snap = await new ConnectorRegistry(src).reload();
    const messages = snap.problems.map((p) => `${p.line}: ${p.message}`);
    assert.equal(messages.length, 2, messages.join('\n'));
    assert.match(messages[0], /^4: "builtins": there is no built-in connector "gitlab" \(there are: github, web, supply_chain, workspace\)/);
    assert.match(messages[1], /^5: Built-in connector "github": .*"include" and "exclude" cannot both be set/);
    assert.equal(snap.connectors.find((c) => c.name === 'github')?.config.toolConfiguration, undefined);
  });

  it('a file connector named like a built-in is qualified by its group, with a warning', async () => {
    const src = await sources(file({ name: 'github', command: 'my-github-server' }));
    const snap = await new ConnectorRegistry(src).reload();
    assert.deepEqual(
      snap.connectors.filter((c) => c.name === 'github').map((c) => c.label),
      ['github (built-in)', 'github (private)'],
    );
    assert.equal(snap.problems[0].severity, 'warning');
  });

  it('coalesces concurrent reloads into at most one extra read, resolving with the latest content', async () => {
    const src = await sources(file({ name: 'v1', command: 'a' }));
    let reads = 0;
    const registry = new (class extends ConnectorRegistry {
      protected override read() {
        reads++;
        return super.read();
      }
    })(src, NO_BUILTINS);
    const first = registry.reload();
    // Change the file while the first read is in flight (synchronously, so that read cannot have finished).
    writeFileSync(src[0].file, file({ name: 'v2', command: 'a' }));
    const burst = Array.from({ length: 20 }, () => registry.reload());
    const results = await Promise.all([first, ...burst]);
    assert.equal(reads, 2, 'one read in flight plus one for the whole burst');
    for (const snap of results)
      assert.deepEqual(
        snap.connectors.map((c) => c.name),
        ['v2'],
      );
    assert.deepEqual(
      registry.snapshot.connectors.map((c) => c.name),
      ['v2'],
    );

    // Once settled, a new reload reads again.
    await registry.reload();
    assert.equal(reads, 3);
  });

  it('fires onDidChange with the new snapshot after each reload', async () => {
    const src = await sources(file({ name: 'a', command: 'x' }));
    const registry = new ConnectorRegistry(src, NO_BUILTINS);
    const seen: RegistrySnapshot[] = [];
    const sub = registry.onDidChange((s) => seen.push(s));
    const snap = await registry.reload();
    assert.equal(seen.length, 1);
    assert.equal(seen[0], snap);
    assert.equal(registry.snapshot, snap);

    await writeFile(src[0].file, file({ name: 'b', command: 'x' }));
    await registry.reload();
    assert.deepEqual(
      seen.map((s) => s.connectors.map((c) => c.name)),
      [['a'], ['b']],
    );

    sub.dispose();
    await registry.reload();
    assert.equal(seen.length, 2, 'a disposed listener is not called');
  });

  it('setSources switches files and reloads', async () => {
    const first = await sources(file({ name: 'a', command: 'x' }));
    const second = await sources(undefined, file({ name: 'b', command: 'y' }));
    const registry = new ConnectorRegistry(first, NO_BUILTINS);
    await registry.reload();
    const snap = await registry.setSources(second);
    assert.deepEqual(
      snap.connectors.map((c) => c.id),
      ['shared_workspace:b'],
    );
  });
});
