import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { confirmationChange, includeToolChange } from '../../src/core/connectors/toolConfigEdits';

describe('tool configuration changes', () => {
  it('excludes through a deny-list when there is no allow-list, and removes the list when it empties', () => {
    assert.deepEqual(includeToolChange(undefined, 'delete_file', false), { path: ['toolConfiguration', 'exclude'], value: ['delete_file'] });
    assert.deepEqual(includeToolChange({ exclude: ['delete_file'] }, 'delete_file', true), { path: ['toolConfiguration', 'exclude'], value: undefined });
    assert.deepEqual(includeToolChange({ exclude: ['a'] }, 'b', false).value, ['a', 'b']);
  });

  it('edits the allow-list when one exists', () => {
    assert.deepEqual(includeToolChange({ include: ['a', 'b'] }, 'b', false), { path: ['toolConfiguration', 'include'], value: ['a'] });
    assert.deepEqual(includeToolChange({ include: ['a'] }, 'c', true).value, ['a', 'c']);
  });

  it('refuses to empty an allow-list, and refuses a configuration with both lists', () => {
    assert.throws(() => includeToolChange({ include: ['a'] }, 'a', false), /only tool in "include"/);
    assert.throws(() => includeToolChange({ include: ['a'], exclude: ['b'] }, 'a', false), /both set/);
  });

  it('adds and removes a tool from requiresConfirmation without duplicates', () => {
    assert.deepEqual(confirmationChange({ requiresConfirmation: ['x'] }, 'x', true).value, ['x']);
    assert.deepEqual(confirmationChange({ requiresConfirmation: ['x'] }, 'x', false).value, undefined);
    assert.deepEqual(confirmationChange(undefined, 'y', true), { path: ['toolConfiguration', 'requiresConfirmation'], value: ['y'] });
  });
});
