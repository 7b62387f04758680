import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chooseConnectors } from '../../src/cli/audit/attachConnectors';
import { attachedByDefault } from '../../src/core/builtins/catalog';
import { ConnectorRegistry } from '../../src/core/connectors/registry';
import type { WorkspaceTrust } from '../../src/cli/workspaceTrust';

const trusted = { blocked: () => undefined } as unknown as WorkspaceTrust;

describe('which connectors an audit gets when none are named', () => {
  it('every enabled one but the workspace connector, which reads local files', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ca-attach-'));
    try {
      const snap = await new ConnectorRegistry([{ visibility: 'private', file: join(dir, 'connectors.json') }]).reload();
      const loaded = { connectors: [...snap.connectors], problems: [], notes: [], files: [] };
      const names = chooseConnectors(loaded, undefined, trusted).map((c) => c.name);
      assert.deepEqual(names.sort(), ['github', 'supply_chain', 'web']);
      // Named, it joins like any other.
      assert.deepEqual(
        chooseConnectors(loaded, ['workspace', 'github'], trusted).map((c) => c.name),
        ['workspace', 'github'],
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('a registry connector and the other built-ins are attached by default', () => {
    assert.equal(attachedByDefault({}), true);
    assert.equal(attachedByDefault({ builtin: { name: 'github' } }), true);
    assert.equal(attachedByDefault({ builtin: { name: 'workspace' } }), false);
  });
});
