import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MODEL_TOOL_NAME, namespacedNames, type NameRequest } from '../../src/core/agent/toolNames';

const req = (connectorName: string, toolName: string, connectorId = `private:${connectorName}`): NameRequest => ({ connectorId, connectorName, toolName });

describe('namespaced tool names', () => {
  it('keeps a valid, unique connector__tool as is', () => {
    assert.deepEqual(namespacedNames([req('github', 'get_repo'), req('everything', 'get-sum')]), ['github__get_repo', 'everything__get-sum']);
  });

  it('sanitises characters outside [A-Za-z0-9_-] and adds a hash, so the result is unique', () => {
    const [a, b] = namespacedNames([req('web', 'search.pages'), req('web', 'search_pages')]);
    assert.match(a, /^web__search_pages_[0-9a-f]{8}$/);
    assert.equal(b, 'web__search_pages', 'the already valid name is kept');
    assert.notEqual(a, b);
  });

  it('shortens long names to 64 characters, deterministically and independent of order', () => {
    const long = req('a-very-long-connector-name-for-testing', 'and_an_even_longer_tool_name_that_goes_on_and_on');
    const other = req('x', 'y/z');
    const first = namespacedNames([long, other]);
    const second = namespacedNames([other, long]);
    assert.equal(first[0].length, 64);
    assert.equal(first[0], second[1]);
    assert.equal(first[1], second[0]);
    for (const n of first) assert.match(n, MODEL_TOOL_NAME);
  });

  it('keeps two connectors with the same name apart (private and workspace)', () => {
    const names = namespacedNames([req('github', 'search', 'private:github'), req('github', 'search', 'shared_workspace:github')]);
    assert.notEqual(names[0], names[1]);
    for (const n of names) assert.match(n, /^github__search_[0-9a-f]{8}$/);
  });

  it('numbers a tool a server lists twice', () => {
    const names = namespacedNames([req('s', 'dup!'), req('s', 'dup!')]);
    assert.equal(new Set(names).size, 2);
    for (const n of names) assert.match(n, MODEL_TOOL_NAME);
  });
});
