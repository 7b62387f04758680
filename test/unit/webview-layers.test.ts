import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const SCRIPT = join(resolve(__dirname, '..', '..'), 'scripts', 'check-layers.mjs');

describe('layering: src/webview runs in a browser', () => {
  let fake: string;
  before(async () => {
    fake = await mkdtemp(join(tmpdir(), 'ca-webview-layers-'));
    await mkdir(join(fake, 'src', 'webview', 'views'), { recursive: true });
    await mkdir(join(fake, 'src', 'webview', 'host'), { recursive: true });
  });
  after(async () => {
    await rm(fake, { recursive: true, force: true });
  });

  it('fails on vscode, Node built-ins and imports from src/host or src/cli, naming file and line', async () => {
    await writeFile(
      join(fake, 'src', 'webview', 'views', 'bad.ts'),
      [
        "import * as vscode from 'vscode';",
        "import { readFile } from 'node:fs/promises';",
        "import path from 'path';",
        "const cp = require('child_process');",
        "import { services } from '../../host/services';",
        "export const load = () => import('../../cli/main');",
      ].join('\n'),
    );
    const r = spawnSync(process.execPath, [SCRIPT], { cwd: fake, encoding: 'utf8' });
    assert.equal(r.status, 1, r.stdout);
    for (const line of [1, 2, 3, 4, 5, 6]) assert.match(r.stderr, new RegExp(`bad\\.ts:${line}:`), `line ${line}`);
    assert.match(r.stderr, /imports a Node built-in/);
    assert.match(r.stderr, /imports from src\/host/);
    assert.match(r.stderr, /imports from src\/cli/);
    await rm(join(fake, 'src', 'webview', 'views', 'bad.ts'));
  });

  it('allows the protocol, core helpers, npm packages and its own folders (even one named host)', async () => {
    await writeFile(
      join(fake, 'src', 'webview', 'views', 'good.ts'),
      [
        "import { parseHostMessage } from '../../protocol/chatMessages';",
        "import { SEVERITIES } from '../../core/audit/report';",
        "import MarkdownIt from 'markdown-it';",
        "import { x } from '../host/local';",
      ].join('\n'),
    );
    const r = spawnSync(process.execPath, [SCRIPT], { cwd: fake, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
  });
});
