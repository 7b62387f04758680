import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { freePort, startEverything } from '../helpers/everythingServer';
import { sessionFor } from '../helpers/sessions';

describe('server-everything over Streamable HTTP', () => {
  let server: Awaited<ReturnType<typeof startEverything>>;
  before(async () => (server = await startEverything('streamableHttp')));
  after(() => server.stop());

  it('lists the same 13 tools and calls one', async () => {
    const { session } = sessionFor({ name: 'remote', transport: 'http', url: `http://127.0.0.1:${server.port}/mcp` });
    const tools = await session.ensureReady();
    assert.equal(session.state.status, 'ready', session.state.error);
    assert.equal(session.state.transport, 'http');
    assert.equal(tools.length, 13);
    const result = await session.callTool('echo', { message: 'over http' });
    assert.match(JSON.stringify(result.content), /over http/);
    await session.dispose();
  });

  it('sends the bearer token from a secret, and never logs it', async () => {
    const { session, log } = sessionFor(
      { name: 'authed', url: `http://127.0.0.1:${server.port}/mcp`, auth: { type: 'bearer', token: '${secret:tok}' } },
      { secrets: { tok: 'very-secret-token-123' } },
    );
    await session.ensureReady();
    assert.equal(session.state.status, 'ready', session.state.error);
    assert.ok(!log.lines.join('\n').includes('very-secret-token-123'));
    await session.dispose();
  });
});

describe('server-everything over SSE', () => {
  let server: Awaited<ReturnType<typeof startEverything>>;
  before(async () => (server = await startEverything('sse')));
  after(() => server.stop());

  it('connects with transport "sse"', async () => {
    const { session } = sessionFor({ name: 'legacy', transport: 'sse', url: `http://127.0.0.1:${server.port}/sse` });
    const tools = await session.ensureReady();
    assert.equal(session.state.status, 'ready', session.state.error);
    assert.equal(tools.length, 13);
    await session.dispose();
  });

  it('falls back from "http" to SSE when the server only speaks SSE, as VS Code does', async () => {
    const { session, log } = sessionFor({ name: 'fallback', transport: 'http', url: `http://127.0.0.1:${server.port}/sse` });
    const tools = await session.ensureReady();
    assert.equal(session.state.status, 'ready', session.state.error);
    assert.equal(session.state.transport, 'sse');
    assert.equal(tools.length, 13);
    assert.ok(log.lines.some((l) => l.includes('trying SSE')));
    await session.dispose();
  });
});

describe('HTTP endpoints that fail', () => {
  it('says the connection was refused for an unreachable URL', async () => {
    const port = await freePort();
    const { session } = sessionFor({ name: 'nobody', url: `http://127.0.0.1:${port}/mcp` });
    await session.ensureReady();
    assert.equal(session.state.status, 'error');
    assert.match(session.state.error!, new RegExp(`Cannot reach http://127\\.0\\.0\\.1:${port}/mcp: connection refused`));
    await session.dispose();
  });

  describe('a server that answers garbage or refuses credentials', () => {
    let http: Server;
    let port: number;
    before(async () => {
      port = await freePort();
      http = createServer((req, res) => {
        if (req.url?.startsWith('/private')) {
          res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"unauthorized"}');
        } else {
          res.writeHead(200, { 'content-type': 'text/html' }).end('<html>hello</html>');
        }
      });
      await new Promise<void>((r) => http.listen(port, '127.0.0.1', r));
    });
    after(() => new Promise<void>((r) => http.close(() => r())));

    it('names the credentials problem on HTTP 401', async () => {
      const { session } = sessionFor({ name: 'locked', url: `http://127.0.0.1:${port}/private/mcp` });
      await session.ensureReady();
      assert.equal(session.state.status, 'error');
      assert.match(session.state.error!, /refused the credentials \(HTTP 401\)/);
      await session.dispose();
    });

    it('fails cleanly when the endpoint answers HTML instead of MCP', async () => {
      const { session } = sessionFor({ name: 'html', url: `http://127.0.0.1:${port}/mcp`, timeouts: { connect: 3000 } });
      await session.ensureReady();
      assert.equal(session.state.status, 'error');
      assert.match(session.state.error!, /answered with text\/html, not MCP/);
      await session.dispose();
    });
  });
});
