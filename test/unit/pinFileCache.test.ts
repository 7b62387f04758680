import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import type { Connector } from '../../src/core/connectors/registry';
import { PinFileError, pinFileIn } from '../../src/core/pins/pinFile';
import { PinFileCache } from '../../src/core/pins/pinFileCache';
import { ToolPins } from '../../src/core/pins/toolPins';

let root: string;
let n = 0;
before(async () => {
  root = await mkdtemp(join(tmpdir(), 'ca-pincache-'));
});
after(async () => {
  await rm(root, { recursive: true, force: true });
});

const freshFile = () => pinFileIn(join(root, `case-${++n}`));
const connector = (name: string): Connector => ({
  id: `private:${name}`,
  name,
  label: name,
  visibility: 'private',
  config: { name, command: 'node' },
  enabled: true,
});
const search: Tool = { name: 'search', description: 'Searches the index.', inputSchema: { type: 'object', properties: { query: { type: 'string' } } } };

describe('PinFileCache', () => {
  it('reads the file once while it is unchanged', async () => {
    const file = freshFile();
    await new ToolPins({ file }).review(connector('a'), [search]);
    const cache = new PinFileCache(file);
    const first = await cache.read();
    assert.equal(await cache.read(), first, 'the same content object: not read and parsed again');
  });

  it('sees a change written by another process (another ToolPins on the same file)', async () => {
    const file = freshFile();
    const mine = new ToolPins({ file });
    await mine.review(connector('a'), [search]);
    const changed = { ...search, description: 'Searches the index, v2.' };
    assert.equal((await mine.review(connector('a'), [changed])).tools[0].status, 'changed');
    await new ToolPins({ file }).accept(connector('a'), [changed]);
    assert.equal((await mine.review(connector('a'), [changed])).tools[0].status, 'trusted');
    await new ToolPins({ file }).reset('private:a');
    assert.deepEqual(await mine.keys(), []);
  });

  it('sees a hand edit in place that keeps the size', async () => {
    const file = freshFile();
    const pins = new ToolPins({ file });
    await pins.review(connector('a'), [search]);
    await pins.review(connector('b'), [search]);
    const cache = new PinFileCache(file);
    assert.deepEqual(Object.keys((await cache.read()).connectors).sort(), ['private:a', 'private:b']);
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace('"private:b"', '"private:c"'));
    assert.deepEqual(Object.keys((await cache.read()).connectors).sort(), ['private:a', 'private:c']);
  });

  it('refuses a file that turned corrupt after it was read, and reads a deleted one as empty', async () => {
    const file = freshFile();
    const pins = new ToolPins({ file });
    await pins.review(connector('a'), [search]);
    await writeFile(file, '{"version": 1, "connectors": {"private:a": {"tools": 5}}}');
    await assert.rejects(pins.review(connector('a'), [search]), PinFileError);
    await unlink(file);
    const again = await pins.review(connector('a'), [search]);
    assert.equal(again.firstListing, true);
  });

  it('reports a file it cannot even stat as a pin file error, not a crash', async () => {
    const notADir = join(root, `plain-${++n}`);
    await writeFile(notADir, 'x');
    await assert.rejects(new PinFileCache(join(notADir, 'tool-pins.json')).read(), PinFileError);
  });
});
