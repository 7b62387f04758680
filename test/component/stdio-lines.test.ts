import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { StdioProcessTransport } from '../../src/core/mcp/stdioProcessTransport';

// How stdout becomes messages: lines split across chunks, CRLF endings (Windows servers), and
// non-protocol lines set aside, through the transport alone (no MCP client).

const SERVER = `
const w = (s) => new Promise((r) => process.stdout.write(s, r));
const pause = () => new Promise((r) => setTimeout(r, 30));
(async () => {
  await w('{"jsonrpc":"2.0","method":"a"}\\r\\n');
  await w('{"jsonrpc":"2.0",');
  await pause();
  await w('"method":"b"}\\r');
  await pause();
  await w('\\n{"jsonrpc":"2.0","method":"c"}\\n');
  await w('not json\\r\\n');
  await w('\\r\\n');
})();
`;

describe('stdio transport lines', () => {
  it('joins split lines, drops the CR of CRLF, and sets non-protocol lines aside', async () => {
    const messages: JSONRPCMessage[] = [];
    const garbage: string[] = [];
    const transport = new StdioProcessTransport({ command: process.execPath, args: ['-e', SERVER], onGarbage: (line) => garbage.push(line) });
    const closed = new Promise<void>((resolve) => (transport.onclose = resolve));
    transport.onmessage = (m) => void messages.push(m);
    await transport.start();
    await closed;
    assert.deepEqual(
      messages.map((m) => (m as { method: string }).method),
      ['a', 'b', 'c'],
    );
    assert.deepEqual(garbage, ['not json']);
    assert.equal(transport.firstGarbage, 'not json');
  });
});
