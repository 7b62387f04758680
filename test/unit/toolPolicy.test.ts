import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isConfirmationListed, isToolIncluded, needsConfirmation, toolFlags } from '../../src/core/connectors/toolPolicy';

describe('isToolIncluded', () => {
  it('includes every tool when there is no configuration or no list', () => {
    assert.equal(isToolIncluded('anything', undefined), true);
    assert.equal(isToolIncluded('anything', {}), true);
    assert.equal(isToolIncluded('anything', { requiresConfirmation: ['anything'] }), true);
  });

  it('with "include", allows only the listed tools', () => {
    const cfg = { include: ['search', 'read'] };
    assert.equal(isToolIncluded('search', cfg), true);
    assert.equal(isToolIncluded('read', cfg), true);
    assert.equal(isToolIncluded('delete', cfg), false);
  });

  it('with an empty "include", allows nothing', () => {
    assert.equal(isToolIncluded('search', { include: [] }), false);
  });

  it('with "exclude", allows everything but the listed tools', () => {
    const cfg = { exclude: ['delete'] };
    assert.equal(isToolIncluded('delete', cfg), false);
    assert.equal(isToolIncluded('search', cfg), true);
  });

  it('matches tool names exactly (case-sensitive, no prefixes)', () => {
    assert.equal(isToolIncluded('Search', { include: ['search'] }), false);
    assert.equal(isToolIncluded('delete_all', { exclude: ['delete'] }), true);
  });
});

describe('isConfirmationListed', () => {
  it('is true only for tools listed in requiresConfirmation', () => {
    const cfg = { requiresConfirmation: ['push'] };
    assert.equal(isConfirmationListed('push', cfg), true);
    assert.equal(isConfirmationListed('pull', cfg), false);
    assert.equal(isConfirmationListed('push', undefined), false);
    assert.equal(isConfirmationListed('push', {}), false);
  });
});

describe('toolFlags', () => {
  it('combines the configuration with the server annotations', () => {
    assert.deepEqual(toolFlags('push', { destructiveHint: true }, { exclude: ['push'], requiresConfirmation: ['push'] }), {
      excluded: true,
      requiresConfirmation: true,
      listed: true,
      readOnly: false,
      destructive: true,
    });
  });

  it('flags a read-only tool and never calls it destructive', () => {
    assert.deepEqual(toolFlags('read', { readOnlyHint: true, destructiveHint: true }, undefined), {
      excluded: false,
      requiresConfirmation: false,
      listed: false,
      readOnly: true,
      destructive: false,
    });
  });

  it('does not flag an unannotated tool as destructive or read-only', () => {
    const flags = toolFlags('mystery', undefined, undefined);
    assert.equal(flags.destructive, false);
    assert.equal(flags.readOnly, false);
    assert.equal(toolFlags('mystery', {}, undefined).destructive, false);
  });

  it('flags destructive only when the server says so', () => {
    assert.equal(toolFlags('t', { destructiveHint: false }, undefined).destructive, false);
    assert.equal(toolFlags('t', { readOnlyHint: false, destructiveHint: true }, undefined).destructive, true);
  });
});

describe('needsConfirmation', () => {
  it('asks for listed tools under every policy', () => {
    for (const policy of ['unlessReadOnly', 'always', 'listedOnly'] as const) {
      assert.equal(needsConfirmation('x', { readOnlyHint: true }, { requiresConfirmation: ['x'] }, policy), true, policy);
    }
  });

  it('by default asks for every tool the server does not mark read-only', () => {
    assert.equal(needsConfirmation('r', { readOnlyHint: true }, undefined, 'unlessReadOnly'), false);
    assert.equal(needsConfirmation('w', undefined, undefined, 'unlessReadOnly'), true);
    assert.equal(needsConfirmation('w', { readOnlyHint: false }, undefined, 'unlessReadOnly'), true);
  });

  it('"always" asks for everything, "listedOnly" only for the list', () => {
    assert.equal(needsConfirmation('r', { readOnlyHint: true }, undefined, 'always'), true);
    assert.equal(needsConfirmation('w', { destructiveHint: true }, undefined, 'listedOnly'), false);
  });

  it('toolFlags reports policy-driven confirmation separately from the file list', () => {
    const flags = toolFlags('w', undefined, undefined, 'unlessReadOnly');
    assert.equal(flags.requiresConfirmation, true);
    assert.equal(flags.listed, false);
  });
});
