import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeImportCandidates, importMcpConfig, sanitizeName, type ImportResult, type ImportedConnector } from '../../src/core/connectors/importers';
import { connectorConfigSchema } from '../../src/core/connectors/schema';

function byName(result: ImportResult, name: string): ImportedConnector {
  const found = result.connectors.find((c) => c.config.name === name);
  assert.ok(found, `no connector named ${name}; got ${result.connectors.map((c) => c.config.name).join(', ')}`);
  return found;
}

function assertAllValid(result: ImportResult): void {
  for (const { config } of result.connectors) {
    const parsed = connectorConfigSchema.safeParse(config);
    assert.ok(parsed.success, `${config.name}: ${parsed.success ? '' : parsed.error.message}`);
  }
}

const VSCODE_MCP_JSON = `{
  // Inputs are prompted once by VS Code and stored in its secret storage.
  "inputs": [
    { "type": "promptString", "id": "github-token", "description": "GitHub personal access token", "password": true },
    { "type": "promptString", "id": "perplexity-key", "description": "Perplexity API key", "password": true, },
  ],
  "servers": {
    "github": {
      "type": "http",
      "url": "https://api.githubcopilot.com/mcp/",
      "headers": { "Authorization": "Bearer \${input:github-token}" },
    },
    /* a local server */
    "perplexity": {
      "type": "stdio",
      "command": "npx",
      "args": ["-y", "server-perplexity-ask"],
      "env": { "PERPLEXITY_API_KEY": "\${input:perplexity-key}", "HOME_DIR": "\${env:HOME}" },
      "envFile": "\${workspaceFolder}/.env",
      "cwd": "\${workspaceFolder}",
    },
    "fs": { "command": "node", "args": ["server.js", "\${workspaceFolder}/src"], "cwd": "/opt/fs" },
    "events": { "type": "sse", "url": "http://localhost:3001/sse" },
  },
}`;

describe('importMcpConfig: VS Code mcp.json', () => {
  const result = importMcpConfig(VSCODE_MCP_JSON);

  it('detects the format and converts every server', () => {
    assert.equal(result.format, 'vscode');
    assert.deepEqual(
      result.connectors.map((c) => c.config.name),
      ['github', 'perplexity', 'fs', 'events'],
    );
    assert.deepEqual(result.skipped, []);
    assertAllValid(result);
  });

  it('maps transports, urls and headers, turning ${input:ID} into ${secret:ID}', () => {
    const github = byName(result, 'github');
    assert.equal(github.config.transport, 'http');
    assert.equal(github.config.url, 'https://api.githubcopilot.com/mcp/');
    assert.deepEqual(github.config.headers, { Authorization: 'Bearer ${secret:github-token}' });
    assert.ok(github.notes.includes('set the secret "github-token" (GitHub personal access token) before connecting'));
    assert.equal(byName(result, 'events').config.transport, 'sse');
  });

  it('keeps ${env:X}, drops cwd=${workspaceFolder} and reports envFile', () => {
    const p = byName(result, 'perplexity');
    assert.equal(p.config.transport, 'stdio');
    assert.equal(p.config.command, 'npx');
    assert.deepEqual(p.config.args, ['-y', 'server-perplexity-ask']);
    assert.deepEqual(p.config.env, { PERPLEXITY_API_KEY: '${secret:perplexity-key}', HOME_DIR: '${env:HOME}' });
    assert.equal(p.config.cwd, undefined);
    assert.equal('envFile' in p.config, false);
    assert.ok(p.notes.some((n) => n.includes('envFile') && n.includes('not supported')));
    assert.ok(p.notes.some((n) => n.includes('"perplexity-key" (Perplexity API key)')));
    assert.ok(!p.notes.some((n) => n.includes('not expanded')), 'a dropped cwd must not be reported as unexpanded');
  });

  it('keeps other ${workspaceFolder} uses but says they are not expanded', () => {
    const fs = byName(result, 'fs');
    assert.equal(fs.config.transport, 'stdio');
    assert.equal(fs.config.cwd, '/opt/fs');
    assert.deepEqual(fs.config.args, ['server.js', '${workspaceFolder}/src']);
    assert.ok(fs.notes.some((n) => n.startsWith('not expanded') && n.includes('${workspaceFolder}')));
  });

  it('notes an ${input:…} that has no matching input declaration without a description', () => {
    const r = importMcpConfig('{ "servers": { "x": { "command": "run", "args": ["--key=${input:missing}"] } } }');
    assert.deepEqual(r.connectors[0]!.config.args, ['--key=${secret:missing}']);
    assert.ok(r.connectors[0]!.notes.includes('set the secret "missing" before connecting'));
  });

  it('reads servers nested under "mcp" as in VS Code settings.json', () => {
    const r = importMcpConfig('{ "editor.fontSize": 14, "mcp": { "servers": { "a": { "command": "a" } } } }');
    assert.equal(r.format, 'vscode');
    assert.equal(r.connectors[0]!.config.command, 'a');
  });
});

const CLAUDE_DESKTOP = `{
  "mcpServers": {
    // the reference filesystem server
    "filesystem": {
      "command": "npx",
      "args": ["-y", "@modelcontextprotocol/server-filesystem", "/Users/me/Desktop", "/Users/me/Downloads"],
    },
    "github": {
      "command": "docker",
      "args": ["run", "-i", "--rm", "-e", "GITHUB_PERSONAL_ACCESS_TOKEN", "ghcr.io/github/github-mcp-server"],
      "env": { "GITHUB_PERSONAL_ACCESS_TOKEN": "ghp_example", "LOG_LEVEL": 3 },
    },
  },
  "globalShortcut": "",
}`;

describe('importMcpConfig: Claude Desktop', () => {
  const result = importMcpConfig(CLAUDE_DESKTOP, 'claude');

  it('uses the hint as the format and converts stdio entries', () => {
    assert.equal(result.format, 'claude');
    const fsServer = byName(result, 'filesystem');
    assert.equal(fsServer.config.transport, 'stdio');
    assert.equal(fsServer.config.args?.length, 4);
    assert.deepEqual(fsServer.notes, []);
    assertAllValid(result);
  });

  it('stringifies scalar env values and warns about literal tokens without echoing them', () => {
    const github = byName(result, 'github');
    assert.deepEqual(github.config.env, { GITHUB_PERSONAL_ACCESS_TOKEN: 'ghp_example', LOG_LEVEL: '3' });
    const warning = github.notes.find((n) => n.includes('GITHUB_PERSONAL_ACCESS_TOKEN'));
    assert.ok(warning?.includes('literal value'));
    assert.ok(!github.notes.some((n) => n.includes('ghp_example')));
    assert.ok(!github.notes.some((n) => n.includes('LOG_LEVEL')));
  });

  it('reports the shared mcpServers shape as unknown when nothing identifies the tool', () => {
    assert.equal(importMcpConfig(CLAUDE_DESKTOP).format, 'unknown');
  });
});

const CURSOR = `{
  "mcpServers": {
    "linear": { "url": "https://mcp.linear.app/sse", "type": "sse" },
    "context7": { "url": "https://mcp.context7.com/mcp", "headers": { "CONTEXT7_API_KEY": "\${env:CONTEXT7_KEY}" } },
    "local": { "command": "python", "args": ["-m", "my_server"], "env": {} },
  }
}`;

describe('importMcpConfig: Cursor', () => {
  const result = importMcpConfig(CURSOR);

  it('detects Cursor from remote url entries and maps transports', () => {
    assert.equal(result.format, 'cursor');
    assert.equal(byName(result, 'linear').config.transport, 'sse');
    const c7 = byName(result, 'context7');
    assert.equal(c7.config.transport, 'http');
    assert.deepEqual(c7.config.headers, { CONTEXT7_API_KEY: '${env:CONTEXT7_KEY}' });
    assert.ok(!c7.notes.some((n) => n.includes('literal')), 'an ${env:…} reference is not a literal secret');
    assert.equal(byName(result, 'local').config.env, undefined, 'an empty env is left out');
    assertAllValid(result);
  });
});

const CLINE = `{
  "mcpServers": {
    "github.com/modelcontextprotocol/servers/tree/main/src/github": {
      "command": "node",
      "args": ["/home/me/Documents/Cline/MCP/github/dist/index.js"],
      "env": { "GITHUB_PERSONAL_ACCESS_TOKEN": "\${env:GH_TOKEN}" },
      "disabled": false,
      "autoApprove": ["search_repositories", "get_file_contents"],
      "timeout": 120,
    },
    "remote-a": { "type": "streamableHttp", "url": "https://a.example/mcp", "disabled": true },
    "remote-b": { "type": "streamable-http", "url": "https://b.example/mcp", "alwaysAllow": ["ping"] },
    "remote-c": { "type": "http", "url": "https://c.example/mcp" },
    "legacy": { "transportType": "sse", "url": "https://d.example/sse", "timeout": 0 },
    "roo": { "command": "uvx", "args": ["mcp-server-fetch"], "disabledTools": ["fetch_raw"] },
  },
}`;

describe('importMcpConfig: Cline / Roo', () => {
  const result = importMcpConfig(CLINE);

  it('detects Cline and converts all entries', () => {
    assert.equal(result.format, 'cline');
    assert.equal(result.connectors.length, 6);
    assertAllValid(result);
  });

  it('accepts every transport spelling', () => {
    assert.equal(byName(result, 'remote-a').config.transport, 'http');
    assert.equal(byName(result, 'remote-b').config.transport, 'http');
    assert.equal(byName(result, 'remote-c').config.transport, 'http');
    assert.equal(byName(result, 'legacy').config.transport, 'sse');
  });

  it('maps disabled, timeout seconds and disabledTools', () => {
    assert.equal(byName(result, 'remote-a').config.enabled, false);
    assert.equal(byName(result, 'remote-b').config.enabled, undefined);
    const gh = byName(result, 'github-com-modelcontextprotocol-servers-tree-main-src-github');
    assert.equal(gh.config.enabled, undefined, '"disabled": false keeps the default');
    assert.deepEqual(gh.config.timeouts, { call: 120_000 });
    assert.deepEqual(byName(result, 'roo').config.toolConfiguration, { exclude: ['fetch_raw'] });
    const legacy = byName(result, 'legacy');
    assert.equal(legacy.config.timeouts, undefined);
    assert.ok(legacy.notes.some((n) => n.includes('timeout 0 ignored')));
  });

  it('never carries auto-approval over, only a note', () => {
    const gh = byName(result, 'github-com-modelcontextprotocol-servers-tree-main-src-github');
    assert.equal(gh.config.toolConfiguration, undefined);
    assert.ok(
      gh.notes.includes('Cline/Roo auto-approved: search_repositories, get_file_contents — here every tool asks according to your confirmation policy'),
    );
    assert.ok(byName(result, 'remote-b').notes.some((n) => n.includes('auto-approved: ping')));
  });

  it('notes the original of a sanitised name', () => {
    const gh = byName(result, 'github-com-modelcontextprotocol-servers-tree-main-src-github');
    assert.ok(gh.notes.some((n) => n.includes('renamed from "github.com/modelcontextprotocol/servers/tree/main/src/github"')));
  });
});

describe('names', () => {
  it('sanitises to the connector name pattern', () => {
    assert.equal(sanitizeName('My Server'), 'My-Server');
    assert.equal(sanitizeName('@scope/pkg.name'), 'scope-pkg-name');
    assert.equal(sanitizeName('ok_name-1'), 'ok_name-1');
    assert.equal(sanitizeName('  ...  '), 'connector');
    assert.equal(sanitizeName('a'.repeat(63) + '.b'), 'a'.repeat(63));
    assert.equal(sanitizeName('x'.repeat(100)).length, 64);
  });

  it('makes duplicates unique within one import, case-insensitively', () => {
    const r = importMcpConfig(`{ "mcpServers": {
      "my server": { "command": "a" },
      "my.server": { "command": "b" },
      "My-Server": { "command": "c" },
      "${'z'.repeat(70)}": { "command": "d" },
      "${'z'.repeat(64)}": { "command": "e" },
    } }`);
    assert.deepEqual(
      r.connectors.map((c) => c.config.name),
      ['my-server', 'my-server-2', 'My-Server-3', 'z'.repeat(64), 'z'.repeat(62) + '-2'],
    );
    assert.ok(r.connectors[1]!.notes.some((n) => n.includes('renamed to "my-server-2"')));
    assert.ok(r.connectors[1]!.notes.some((n) => n.includes('renamed from "my.server"')));
    assert.deepEqual(r.connectors[0]!.notes, ['renamed from "my server" (names use only letters, digits, "_" and "-")']);
    assertAllValid(r);
  });

  it('does not let a skipped entry reserve a name', () => {
    const r = importMcpConfig('{ "mcpServers": { "a": { "args": [] }, "a ": { "command": "x" } } }');
    assert.deepEqual(
      r.connectors.map((c) => c.config.name),
      ['a'],
    );
  });
});

describe('skipped entries', () => {
  const r = importMcpConfig(`{ "mcpServers": {
    "nothing": { "args": ["x"] },
    "weird": { "type": "websocket", "url": "wss://x" },
    "proto": { "type": "constructor", "command": "x" },
    "notobj": "npx foo",
    "stdio-no-cmd": { "type": "stdio", "url": "https://x" },
    "bad-url": { "url": "ftp://x" },
    "good": { "command": "ok" },
  } }`);

  it('lists each entry that cannot be converted with its reason', () => {
    assert.deepEqual(
      r.connectors.map((c) => c.config.name),
      ['good'],
    );
    const reasons = Object.fromEntries(r.skipped.map((s) => [s.name, s.reason]));
    assert.deepEqual(Object.keys(reasons), ['nothing', 'weird', 'proto', 'notobj', 'stdio-no-cmd', 'bad-url']);
    assert.match(reasons.nothing!, /neither a "command" nor a "url"/);
    assert.match(reasons.weird!, /unsupported transport type "websocket"/);
    assert.match(reasons.proto!, /unsupported transport type "constructor"/);
    assert.match(reasons.notobj!, /not an object/);
    assert.match(reasons['stdio-no-cmd']!, /needs a "command"/);
    assert.match(reasons['bad-url']!, /http:\/\/ or https:\/\//);
  });
});

describe('errors', () => {
  it('reports the line of a syntax error', () => {
    const text = '{\n  "servers": {\n    "a": { "command": "x" }\n    "b": {}\n  }\n}';
    assert.throws(() => importMcpConfig(text), /line 4, column 5/);
  });

  it('rejects text without servers or mcpServers', () => {
    assert.throws(() => importMcpConfig('{ "connectors": [] }'), /"servers" or "mcpServers"/);
    assert.throws(() => importMcpConfig('{ "servers": [] }'), /"servers" or "mcpServers"/);
  });

  it('rejects a top level that is not an object', () => {
    assert.throws(() => importMcpConfig('[1, 2]'), /top level/);
    assert.throws(() => importMcpConfig(''), /line 1/);
  });
});

describe('describeImportCandidates', () => {
  const find = (list: ReturnType<typeof describeImportCandidates>, label: string) => list.find((c) => c.label.startsWith(label))?.path;

  it('lists Linux locations under XDG config', () => {
    const list = describeImportCandidates('linux', '/home/me', {}, '/work/repo');
    assert.equal(find(list, 'VS Code (user'), '/home/me/.config/Code/User/mcp.json');
    assert.equal(find(list, 'Claude Desktop'), '/home/me/.config/Claude/claude_desktop_config.json');
    assert.equal(find(list, 'Cursor (user'), '/home/me/.cursor/mcp.json');
    assert.equal(find(list, 'Cline'), '/home/me/.config/Code/User/globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json');
    assert.equal(find(list, 'Roo Code'), '/home/me/.config/Code/User/globalStorage/rooveterinaryinc.roo-cline/settings/mcp_settings.json');
    assert.equal(find(list, 'VS Code (workspace'), '/work/repo/.vscode/mcp.json');
    assert.equal(find(list, 'Cursor (workspace'), '/work/repo/.cursor/mcp.json');
    assert.equal(list.find((c) => c.path.endsWith('cline_mcp_settings.json'))?.kind, 'cline');
  });

  it('honours XDG_CONFIG_HOME on Linux', () => {
    const list = describeImportCandidates('linux', '/home/me', { XDG_CONFIG_HOME: '/xdg' });
    assert.equal(find(list, 'VS Code (user'), '/xdg/Code/User/mcp.json');
  });

  it('lists macOS locations under Application Support', () => {
    const list = describeImportCandidates('darwin', '/Users/me', {});
    assert.equal(find(list, 'VS Code (user'), '/Users/me/Library/Application Support/Code/User/mcp.json');
    assert.equal(find(list, 'Claude Desktop'), '/Users/me/Library/Application Support/Claude/claude_desktop_config.json');
    assert.ok(!list.some((c) => c.label.includes('workspace')), 'no workspace entries without a workspace');
  });

  it('lists Windows locations under APPDATA with backslashes', () => {
    const list = describeImportCandidates('win32', 'C:\\Users\\me', { APPDATA: 'C:\\Users\\me\\AppData\\Roaming' }, 'D:\\repo');
    assert.equal(find(list, 'VS Code (user'), 'C:\\Users\\me\\AppData\\Roaming\\Code\\User\\mcp.json');
    assert.equal(find(list, 'Claude Desktop'), 'C:\\Users\\me\\AppData\\Roaming\\Claude\\claude_desktop_config.json');
    assert.equal(find(list, 'Cursor (user'), 'C:\\Users\\me\\.cursor\\mcp.json');
    assert.equal(find(list, 'VS Code (workspace'), 'D:\\repo\\.vscode\\mcp.json');
  });

  it('falls back to the home folder when APPDATA is unset', () => {
    const list = describeImportCandidates('win32', 'C:\\Users\\me', {});
    assert.equal(find(list, 'VS Code (user'), 'C:\\Users\\me\\AppData\\Roaming\\Code\\User\\mcp.json');
  });
});
