// The npm package of the CLI (packages/cli/, `connector-auditor`) as a CI job gets it: packed by
// scripts/pack-cli.mjs from a release build, installed offline from the tarball into an empty
// prefix outside the repository (no node_modules to fall back on), and its bin run — --version,
// --help, and real calls of the built-in connectors against the local fakes, with no model. Also
// what the tarball holds (exactly the whitelist, bounded in size) and what its bundles may require.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, realpath, rm } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { startPageServer } from '../fixtures/search/pageServer';
import type { FixtureServer } from '../fixtures/search/recordingServer';
import { startSupplyChainFixture, type SupplyChainFixture } from '../fixtures/supplyChain/server';
import { fakeCredentials, fixtureWorkspace, type FixtureWorkspace } from '../helpers/workspaceFixture';
import { REPO } from './cli-harness';

const WINDOWS = process.platform === 'win32';
/** What the tarball holds, and nothing else: no sources, tests, fixtures or sourcemaps. */
const EXPECTED_FILES = ['package/LICENSE', 'package/README.md', 'package/dist/builtins.js', 'package/dist/cli.js', 'package/package.json'];
/** Measured at 1.02 MiB packed, 3.79 MiB unpacked (0.1.0); the bounds leave room to grow, not to double. */
const MAX_PACKED_BYTES = 1.5 * 1024 * 1024;
const MAX_UNPACKED_BYTES = 5 * 1024 * 1024;
/**
 * Packages the bundles name but do not contain, each reached only where a missing module is
 * expected: none of them is in the tarball, and the CLI works without them (the calls below).
 */
const OPTIONAL_REQUIRES: Record<string, string> = {
  '@opentelemetry/api': "@mistralai/mistralai's optional tracing, left external by scripts/build.mjs",
  cssstyle: "@acemir/cssom's optional CSSStyleDeclaration, in a try/catch with its own fallback",
  canvas: "linkedom's optional canvas, in a try/catch with its shim as fallback",
  'ajv/dist/runtime/equal': "a string in Ajv's standalone code generation, never required",
  'ajv/dist/runtime/ucs2length': "a string in Ajv's standalone code generation, never required",
  'ajv/dist/runtime/uri': "a string in Ajv's standalone code generation, never required",
  'ajv/dist/runtime/validation_error': "a string in Ajv's standalone code generation, never required",
  'ajv-formats/dist/formats': "a string in ajv-formats' standalone code generation, never required",
};

interface TarEntry {
  path: string;
  size: number;
  body: Buffer;
}

/** The regular files of a .tgz (ustar, as npm packs it). */
function readTarball(file: string): TarEntry[] {
  const tar = gunzipSync(readFileSync(file));
  const entries: TarEntry[] = [];
  let paxPath: string | undefined;
  for (let at = 0; at + 512 <= tar.length;) {
    const header = tar.subarray(at, at + 512);
    if (header.every((b) => b === 0)) break;
    const field = (start: number, length: number) =>
      header
        .subarray(start, start + length)
        .toString('utf8')
        .replace(/\0.*$/s, '');
    const size = parseInt(field(124, 12).trim() || '0', 8);
    const type = field(156, 1) || '0';
    const prefix = field(345, 155);
    const body = tar.subarray(at + 512, at + 512 + size);
    if (type === 'x') paxPath = /\d+ path=([^\n]*)\n/.exec(body.toString('utf8'))?.[1];
    else if (type === '0') {
      entries.push({ path: paxPath ?? (prefix ? `${prefix}/${field(0, 100)}` : field(0, 100)), size, body });
      paxPath = undefined;
    }
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return entries;
}

/** The modules a bundle loads by name: require("x"), import("x"). */
function requiredNames(code: string): Set<string> {
  const names = new Set<string>();
  for (const m of code.matchAll(/\b(?:require|import)\(\s*(["'`])([^"'`]+)\1\s*\)/g)) names.add(m[2]);
  return names;
}

const isNodeBuiltin = (name: string) => name.startsWith('node:') || builtinModules.includes(name);

interface Exit {
  code: number | null;
  out: string;
  err: string;
}

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, timeout = 60_000): Promise<Exit> {
  const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], shell: WINDOWS });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (s: string) => (out += s));
  child.stderr.setEncoding('utf8').on('data', (s: string) => (err += s));
  const timer = setTimeout(() => child.kill(), timeout);
  return new Promise((resolve) =>
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out, err });
    }),
  );
}

describe('the npm package of the CLI (packages/cli → connector-auditor-X.tgz)', () => {
  const rootVersion = (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string }).version;
  let tarball: string;
  let entries: TarEntry[];
  let base: string;
  let bin: string;
  /** The environment of npm and of the installed CLI: none of npm's own variables from `npm test`. */
  let env: NodeJS.ProcessEnv;
  let supply: SupplyChainFixture;
  let pages: FixtureServer;
  let ws: FixtureWorkspace;
  const secrets = fakeCredentials();

  before(async () => {
    const pack = spawnSync(process.execPath, [join(REPO, 'scripts', 'pack-cli.mjs')], { cwd: REPO, encoding: 'utf8', timeout: 240_000 });
    assert.equal(pack.status, 0, `pack-cli failed:\n${pack.stdout}\n${pack.stderr}`);
    tarball = pack.stdout.trim().split('\n').at(-1)!;
    assert.equal(basename(tarball), `connector-auditor-${rootVersion}.tgz`);
    entries = readTarball(tarball);

    base = await realpath(await mkdtemp(join(tmpdir(), 'ca-pkg-')));
    // Outside the repository, with no node_modules above it: what the tarball lacks cannot be
    // found by walking up, as it cannot on a CI runner.
    for (let dir = base; dirname(dir) !== dir; dir = dirname(dir)) {
      assert.ok(!existsSync(join(dirname(dir), 'node_modules')), `${dirname(dir)}/node_modules would hide a missing module; use another TMPDIR`);
    }
    env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
    Object.assign(env, {
      npm_config_cache: join(base, 'npm-cache'), // empty: the install needs nothing from a cache or the network
      npm_config_update_notifier: 'false',
      CONNECTOR_AUDITOR_HOME: join(base, 'home'),
    });
    for (const k of ['CONNECTOR_AUDITOR_CONFIRMATION', 'CONNECTOR_AUDITOR_TRUST_WORKSPACE', 'GITHUB_TOKEN', 'GH_TOKEN', 'MISTRAL_API_KEY', 'OPENAI_API_KEY']) {
      delete env[k];
    }
    supply = await startSupplyChainFixture();
    pages = await startPageServer();
    ws = await fixtureWorkspace({
      'package.json': JSON.stringify({ name: 'app', version: '1.0.0', dependencies: { lodash: '4.17.15' } }),
      'src/creds.ts': `export const token = '${secrets.github}';\n`,
    });
  });
  after(async () => {
    await supply?.close();
    await pages?.close();
    await ws?.dispose();
    if (base) await rm(base, { recursive: true, force: true });
  });

  it('the tarball holds exactly package.json, README.md, LICENSE and the two bundles, within its size bound', () => {
    assert.deepEqual(entries.map((e) => e.path).sort(), EXPECTED_FILES);
    const packed = readFileSync(tarball).length;
    const unpacked = entries.reduce((n, e) => n + e.size, 0);
    assert.ok(packed <= MAX_PACKED_BYTES, `packed ${(packed / 1024).toFixed(0)} KiB > ${MAX_PACKED_BYTES / 1024} KiB`);
    assert.ok(unpacked <= MAX_UNPACKED_BYTES, `unpacked ${(unpacked / 1024).toFixed(0)} KiB > ${MAX_UNPACKED_BYTES / 1024} KiB`);
    const file = (p: string) => entries.find((e) => e.path === `package/${p}`)!.body.toString('utf8');
    assert.equal(file('LICENSE'), readFileSync(join(REPO, 'LICENSE'), 'utf8'));
    assert.match(file('README.md'), /^# connector-auditor\n/);
    assert.match(file('dist/cli.js'), /^#!\/usr\/bin\/env node\n/);
    for (const bundle of ['dist/cli.js', 'dist/builtins.js']) assert.doesNotMatch(file(bundle), /sourceMappingURL=/, `${bundle} names no sourcemap`);
  });

  it('its package.json is publishable: not private, the root version, the bin, no dependencies and no scripts', () => {
    const pkg = JSON.parse(entries.find((e) => e.path === 'package/package.json')!.body.toString('utf8')) as Record<string, unknown>;
    assert.equal(pkg.name, 'connector-auditor');
    assert.equal(pkg.version, rootVersion);
    assert.equal(pkg.private, undefined);
    assert.equal(pkg.license, 'MIT');
    assert.deepEqual(pkg.engines, { node: '>=20' });
    assert.deepEqual(pkg.bin, { 'connector-auditor': 'dist/cli.js' });
    for (const key of ['dependencies', 'optionalDependencies', 'peerDependencies', 'bundleDependencies', 'scripts', 'main', 'exports']) {
      assert.equal(pkg[key], undefined, `"${key}" in the packed package.json`);
    }
  });

  it('the bundles load no package the tarball lacks: only Node built-ins, ./builtins.js and known optional names', () => {
    const cli = entries.find((e) => e.path === 'package/dist/cli.js')!.body.toString('utf8');
    const builtins = entries.find((e) => e.path === 'package/dist/builtins.js')!.body.toString('utf8');
    const outside = (code: string) => [...requiredNames(code)].filter((n) => !isNodeBuiltin(n) && !(n in OPTIONAL_REQUIRES));
    assert.deepEqual(outside(cli), ['./builtins.js'], 'cli.js loads its built-ins from beside itself, nothing else');
    assert.deepEqual(outside(builtins), []);
    assert.doesNotMatch(cli + builtins, /node_modules\/[@\w.-]+\/[^"'`\s]*\.(wasm|json|node)\b/, 'no asset read from node_modules');
  });

  it('installs offline into an empty prefix (npm install --offline ./connector-auditor-X.tgz) and its bin runs', async () => {
    const prefix = join(base, 'prefix');
    await mkdir(prefix);
    copyFileSync(tarball, join(base, basename(tarball)));
    const install = await run('npm', ['install', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', `./${basename(tarball)}`], base, env, 120_000);
    assert.equal(install.code, 0, `npm install failed:\n${install.out}\n${install.err}`);
    bin = join(prefix, 'node_modules', '.bin', WINDOWS ? 'connector-auditor.cmd' : 'connector-auditor');
    assert.ok(existsSync(bin), 'npm linked the bin');
    assert.deepEqual(
      readdirSync(join(prefix, 'node_modules')).filter((n) => !n.startsWith('.')),
      ['connector-auditor'],
      'nothing installed beside it',
    );

    const empty = join(base, 'empty');
    await mkdir(empty);
    const version = await run(bin, ['--version'], empty, env);
    assert.equal(version.code, 0, version.err);
    assert.equal(version.out, `${rootVersion}\n`);
    const help = await run(bin, ['--help'], empty, env);
    assert.equal(help.code, 0, help.err);
    assert.match(help.out, /^Usage: connector-auditor \[options\] <command>/);
    assert.match(help.out, /Exit codes: 0 ok/);
  });

  it('the installed bin calls supply_chain osv_query against the OSV fake (a real call, no model)', async () => {
    assert.ok(bin, 'installed by the test before');
    const start = supply.requests.length;
    const r = await run(
      bin,
      ['--json', 'tools', 'call', 'supply_chain', 'osv_query', '--arg', 'ecosystem=npm', '--arg', 'name=lodash', '--arg', 'version=4.17.15'],
      join(base, 'empty'),
      { ...env, CONNECTOR_AUDITOR_OSV_URL: supply.url, CONNECTOR_AUDITOR_DEPS_DEV_URL: supply.url, CONNECTOR_AUDITOR_SCORECARD_URL: supply.url },
    );
    assert.equal(r.code, 0, r.err);
    const result = JSON.parse((JSON.parse(r.out) as { content: { text: string }[] }).content[0].text) as { query: string; vulnerabilities: { id: string }[] };
    assert.equal(result.query, 'npm/lodash@4.17.15');
    assert.deepEqual(result.vulnerabilities.map((v) => v.id).sort(), ['GHSA-29mw-wpgm-hmr9', 'GHSA-35jh-r3h4-6jhm', 'GHSA-p6mc-m468-83gw']);
    assert.ok(
      supply.requests.slice(start).some((q) => q.path === '/v1/query'),
      'the fake was asked',
    );
  });

  it('the installed bin audits the dependencies with no model: a report JSON, exit 0 under --fail-on never, 2 under --fail-on caution', async () => {
    assert.ok(bin, 'installed by the test before');
    const fakes: Record<string, string | undefined> = {
      ...env,
      CONNECTOR_AUDITOR_OSV_URL: supply.url,
      CONNECTOR_AUDITOR_DEPS_DEV_URL: supply.url,
      CONNECTOR_AUDITOR_SCORECARD_URL: supply.url,
      // No model anywhere: the rules audit alone.
      MISTRAL_API_KEY: undefined,
      OPENAI_API_KEY: undefined,
    };
    const r = await run(bin, ['audit', '--dependencies', ws.dir, '--format', 'json', '--fail-on', 'never'], join(base, 'empty'), fakes);
    assert.equal(r.code, 0, r.err);
    const report = JSON.parse(r.out) as { verdict: string; model: string; generator: { version: string }; findings: { check?: string }[] };
    assert.equal(report.verdict, 'ADOPT WITH CAUTION', 'lodash 4.17.15 has high advisories');
    assert.equal(report.model, 'evidence rules (no model)');
    assert.equal(report.generator.version, rootVersion);
    assert.ok(report.findings.some((f) => f.check === 'known-vulnerabilities'));
    const gate = await run(bin, ['audit', '--dependencies', ws.dir, '--fail-on', 'caution'], join(base, 'empty'), fakes);
    assert.equal(gate.code, 2, gate.err);
  });

  it('the installed bin runs the rest of the bundled built-ins: the dependency audit, secretlint and the HTML reader', async () => {
    assert.ok(bin, 'installed by the test before');
    const fakes = { ...env, CONNECTOR_AUDITOR_OSV_URL: supply.url, CONNECTOR_AUDITOR_DEPS_DEV_URL: supply.url, CONNECTOR_AUDITOR_SCORECARD_URL: supply.url };
    const text = (r: Exit) => (JSON.parse(r.out) as { content: { text: string }[] }).content.map((c) => c.text).join('\n');

    const audit = await run(bin, ['--json', 'tools', 'call', 'supply_chain', 'audit_dependencies'], ws.dir, fakes);
    assert.equal(audit.code, 0, audit.err);
    const totals = (
      JSON.parse((JSON.parse(audit.out) as { content: { text: string }[] }).content[0].text) as { totals: { packages: number; vulnerablePackages: number } }
    ).totals;
    assert.deepEqual([totals.packages, totals.vulnerablePackages], [1, 1], 'lodash 4.17.15 from package.json, found vulnerable');

    const scan = await run(bin, ['--json', 'tools', 'call', 'workspace', 'secrets_scan', '--workspace', ws.dir], join(base, 'empty'), env);
    assert.equal(scan.code, 0, scan.err);
    assert.match(text(scan), /src\/creds\.ts:1/);
    assert.ok(!scan.out.includes(secrets.github), 'masked');

    const page = await run(bin, ['--json', 'tools', 'call', 'web', 'fetch_url', '--arg', `url=${pages.url}/article`], join(base, 'empty'), {
      ...env,
      CONNECTOR_AUDITOR_FETCH_ALLOW_HOSTS: '127.0.0.1',
    });
    assert.equal(page.code, 0, page.err);
    const article = JSON.parse(text(page)) as { title: string; markdown: string };
    assert.equal(article.title, 'Auditing install scripts | Supply Chain Notes');
    assert.match(article.markdown, /^## What to look for$/m);
    assert.doesNotMatch(article.markdown, /Accept all cookies/);
  });

  it('runs with npx from the tarball in an empty folder (npm exec --package, offline)', async () => {
    const folder = join(base, 'npx-empty');
    await mkdir(folder);
    const r = await run('npm', ['exec', '--yes', '--offline', `--package=${tarball}`, '--', 'connector-auditor', '--version'], folder, {
      ...env,
      npm_config_cache: join(base, 'npx-cache'),
    });
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out, `${rootVersion}\n`);
  });
});
