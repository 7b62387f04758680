#!/usr/bin/env node
// The client under test for the MCP conformance suite (`@modelcontextprotocol/conformance client`).
//
// The suite starts a test server per scenario, then runs `<command> <server-url>` with the scenario's
// name in MCP_CONFORMANCE_SCENARIO, and afterwards judges what its server observed. This adapter maps
// each scenario to the `connector-auditor` CLI call(s) a person would type against that server, using
// the ad-hoc connector (`--url`), and also checks the CLI's own answer (exit code, the tool's result),
// so a scenario passes only when both the server and the CLI are satisfied.
//
//   node test/conformance/client-adapter.mjs [--scenario NAME] URL
//
// Environment:
//   MCP_CONFORMANCE_SCENARIO  the scenario (set by the suite; --scenario wins for runs by hand)
//   CONFORMANCE_CLI_NODE      the Node that runs the CLI (default: this one); run-conformance.mjs
//                             passes the Node that `npm test` runs on, so the CLI is tested there
//   CONNECTOR_AUDITOR_CLI     another CLI command line instead of `node dist/cli.js` (development)
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * What each scenario's server offers and what the CLI must do with it.
 * `args`: CLI arguments after the connection options; `expect(json)`: null when the CLI's answer is
 * right, else why not.
 */
const SCENARIOS = {
  // A bare JSON-RPC server: checks protocol version and clientInfo in `initialize`, offers no tools.
  initialize: {
    args: ['tools', 'list', 'adhoc'],
    expect: (out) => (Array.isArray(out) ? null : 'tools list --json did not print an array'),
  },
  // Stateless Streamable HTTP server with `add_numbers(a: number, b: number)`. The server records
  // whatever arguments arrive; the sum in its answer proves `--arg` values were coerced to numbers.
  tools_call: {
    args: ['tools', 'call', 'adhoc', 'add_numbers', '--arg', 'a=2', '--arg', 'b=40'],
    expect: (out) => expectText(out, (t) => t === 'The sum of 2 and 40 is 42'),
  },
  // SEP-1699: the server answers tools/call with an SSE stream that carries only a priming event
  // (`id`, `retry: 500`), closes it after 50 ms, and delivers the result on the GET stream the client
  // must open `retry` ms later with Last-Event-ID.
  'sse-retry': {
    args: ['tools', 'call', 'adhoc', 'test_reconnection'],
    expect: (out) => expectText(out, (t) => t === 'Reconnection test completed successfully'),
  },
  // SEP-1034: during the call the server sends elicitation/create with a form whose fields all have
  // defaults; the client must accept and the content must carry every default.
  'elicitation-sep1034-client-defaults': {
    args: ['tools', 'call', 'adhoc', 'test_client_elicitation_defaults'],
    expect: (out) => expectText(out, (t) => t.startsWith('Elicitation completed:')),
  },
  ...authScenarios(),
};

/**
 * The `auth/*` scenarios: a protected MCP server (tool `test-tool`, answering "test") behind an
 * authorization server that approves at once, redirecting straight back with a code. The CLI signs
 * in with `--oauth` (discovery, DCR or a pre-registered client, PKCE S256, `resource`, scopes from
 * WWW-Authenticate, step-up) without a browser, then calls the tool.
 */
function authScenarios() {
  const call = { args: ['--oauth', 'tools', 'call', 'adhoc', 'test-tool'], expect: (out) => expectText(out, (t) => t === 'test') };
  const names = [
    'metadata-default',
    'metadata-var1',
    'metadata-var2',
    'metadata-var3',
    'scope-from-www-authenticate',
    'scope-from-scopes-supported',
    'scope-omitted-when-undefined',
    'scope-step-up',
    'token-endpoint-auth-basic',
    'token-endpoint-auth-post',
    'token-endpoint-auth-none',
    '2025-03-26-oauth-metadata-backcompat',
    '2025-03-26-oauth-endpoint-fallback',
    'offline-access-scope',
    'offline-access-not-supported',
  ];
  const out = Object.fromEntries(names.map((n) => [`auth/${n}`, call]));
  // SEP-991: the client's identity is an HTTPS URL the server fetches (never here: the suite only checks it is sent).
  out['auth/basic-cimd'] = { ...call, args: ['--oauth-client-metadata-url', 'https://conformance-test.local/client-metadata.json', ...call.args] };
  // No DCR: the client comes from MCP_CONFORMANCE_CONTEXT, its secret through a ${secret:…} reference.
  out['auth/pre-registration'] = {
    ...call,
    args: (ctx) => ['--oauth-client-id', ctx.client_id, '--oauth-client-secret', '${secret:conformance-client-secret}', ...call.args],
    env: (ctx) => ({ CONNECTOR_AUDITOR_SECRET_CONFORMANCE_CLIENT_SECRET: ctx.client_secret }),
  };
  // The server answers 403 insufficient_scope forever: the CLI must give up (authentication required, exit 3).
  out['auth/scope-retry-limit'] = { ...call, exit: 3, expectStderr: /refused|OAuth/ };
  // The resource metadata names another server: the CLI must refuse before any authorization request.
  out['auth/resource-mismatch'] = { ...call, exit: 3, expectStderr: /resource/i };
  return out;
}

function expectText(result, ok) {
  if (!result || typeof result !== 'object' || !Array.isArray(result.content)) return 'tools call --json did not print a CallToolResult';
  if (result.isError) return `the tool returned isError: ${JSON.stringify(result.content)}`;
  const text = result.content
    .filter((c) => c.type === 'text')
    .map((c) => c.text)
    .join('\n');
  return ok(text) ? null : `unexpected tool result: ${JSON.stringify(text).slice(0, 300)}`;
}

async function main(argv) {
  let scenario = process.env.MCP_CONFORMANCE_SCENARIO;
  const rest = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--scenario') scenario = argv[++i];
    else rest.push(argv[i]);
  }
  const url = rest.at(-1);
  if (!scenario || !url || !/^https?:\/\//.test(url)) {
    console.error('usage: client-adapter.mjs [--scenario NAME] URL   (or MCP_CONFORMANCE_SCENARIO=NAME)');
    return 2;
  }
  const spec = SCENARIOS[scenario];
  if (!spec) {
    console.error(`client-adapter: no mapping for scenario "${scenario}"; known: ${Object.keys(SCENARIOS).join(', ')}`);
    return 2;
  }

  const cli = process.env.CONNECTOR_AUDITOR_CLI
    ? process.env.CONNECTOR_AUDITOR_CLI.trim().split(/\s+/)
    : [process.env.CONFORMANCE_CLI_NODE || process.execPath, join(root, 'dist', 'cli.js')];
  // `--yes`: these tools carry no readOnlyHint, so the default policy asks first, and without a TTY
  // that is a denial (exit 6). `--json`: the answer is checked, not just the exit code.
  const context = process.env.MCP_CONFORMANCE_CONTEXT ? JSON.parse(process.env.MCP_CONFORMANCE_CONTEXT) : {};
  const specArgs = typeof spec.args === 'function' ? spec.args(context) : spec.args;
  const args = ['--json', '--yes', '--timeout', '20000', '--url', url, '--transport', 'http', ...specArgs];

  // An empty private registry and a cwd without .vscode/connectors.json: only `adhoc` exists.
  const home = mkdtempSync(join(tmpdir(), 'ca-conformance-'));
  try {
    console.error(`client-adapter: ${scenario}: ${[...cli.slice(1), ...args].join(' ')}`);
    const { code, stdout, stderr } = await run(cli[0], [...cli.slice(1), ...args], {
      cwd: home,
      env: { ...process.env, CONNECTOR_AUDITOR_HOME: home, ...(spec.env ? spec.env(context) : {}) },
    });
    process.stdout.write(stdout);
    process.stderr.write(stderr);
    if (spec.exit !== undefined) {
      // A scenario where the right answer is a refusal: the exit code and the reason must say so.
      if (code !== spec.exit || !spec.expectStderr.test(stderr)) {
        console.error(
          `client-adapter: expected exit ${spec.exit} with a reason matching ${spec.expectStderr}, got ${code}: ${stderr.trim().split('\n')[0] ?? ''}`,
        );
        return 1;
      }
      console.error(`client-adapter: ${scenario}: the CLI refused as expected (exit ${code})`);
      return 0;
    }
    if (code !== 0) {
      // The CLI names the cause in one stderr line; show it (and say when there is more).
      const lines = stderr.split('\n').filter((l) => l.trim());
      const more = lines.length > 1 ? ` (+${lines.length - 1} more stderr lines)` : '';
      console.error(`client-adapter: the CLI exited with ${code}${lines.length ? `: ${lines[0].slice(0, 300)}${more}` : ''}`);
      return 1;
    }
    let json;
    try {
      json = JSON.parse(stdout);
    } catch {
      console.error('client-adapter: the CLI printed no JSON with --json');
      return 1;
    }
    const problem = spec.expect(json);
    if (problem) {
      console.error(`client-adapter: ${problem}`);
      return 1;
    }
    console.error(`client-adapter: ${scenario}: the CLI exited 0 with the expected answer`);
    return 0;
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

function run(cmd, args, options) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('error', (err) => resolve({ code: 127, stdout, stderr: `${stderr}${err.message}\n` }));
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : 0), stdout, stderr }));
  });
}

process.exitCode = await main(process.argv.slice(2));
