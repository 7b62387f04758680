// Where packages are read from (.npmrc, PIP_INDEX_URL, overrides), and what the registries'
// documents say: the chosen release, the previous one by publish time, what changed.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeNpmName, previousByTime, releaseFromPackument, type NpmPackument } from '../../src/core/builtins/supplyChain/registry/npmRegistry';
import { releaseFromDocuments, type PypiDocument } from '../../src/core/builtins/supplyChain/registry/pypiRegistry';
import { loadRegistryLocations } from '../../src/core/builtins/supplyChain/registry/registryConfig';
import { npmRegistryFor, parseNpmrc, pypiJsonBase, registryLocations } from '../../src/core/builtins/supplyChain/registry/registryLocations';
import { releaseChanges } from '../../src/core/builtins/supplyChain/registry/releaseDiff';
import type { ReleaseFacts } from '../../src/core/builtins/supplyChain/registry/releaseFacts';

describe('registry locations', () => {
  it('parses registry= and @scope:registry=, expands ${VAR}, skips comments and auth lines', () => {
    const rc = parseNpmrc(
      [
        '; comment',
        '# comment',
        'registry=https://npm.corp.example/repo/',
        '@Acme:registry = "https://acme.example/npm"',
        '@x:registry=${X_REG}',
        '//npm.corp.example/:_authToken=${TOKEN}',
        'registry-bad=ftp://nope',
      ].join('\n'),
      { X_REG: 'https://x.example/' },
    );
    assert.deepEqual(rc, { registry: 'https://npm.corp.example/repo', scopes: { '@acme': 'https://acme.example/npm', '@x': 'https://x.example' } });
  });

  it('project .npmrc over ~/.npmrc, npm_config_registry over both, CONNECTOR_AUDITOR_NPM_REGISTRY_URL over everything', () => {
    const user = 'registry=https://user.example\n@u:registry=https://u.example\n@p:registry=https://user-p.example\n';
    const project = 'registry=https://project.example\n@p:registry=https://project-p.example\n';
    const base = registryLocations({ env: {}, userNpmrc: user, projectNpmrc: project });
    assert.equal(base.npm.registry, 'https://project.example');
    assert.equal(base.npm.from, 'the project .npmrc');
    assert.equal(npmRegistryFor(base, '@p/x'), 'https://project-p.example');
    assert.equal(npmRegistryFor(base, '@u/x'), 'https://u.example');
    assert.equal(npmRegistryFor(base, 'lodash'), 'https://project.example');
    assert.equal(registryLocations({ env: {}, userNpmrc: user }).npm.registry, 'https://user.example');
    assert.equal(registryLocations({ env: { npm_config_registry: 'https://env.example/' }, projectNpmrc: project }).npm.registry, 'https://env.example');
    const over = registryLocations({ env: { CONNECTOR_AUDITOR_NPM_REGISTRY_URL: 'http://127.0.0.1:9/' }, userNpmrc: user, projectNpmrc: project });
    assert.equal(npmRegistryFor(over, '@p/x'), 'http://127.0.0.1:9', 'the override covers scopes too');
    assert.deepEqual(registryLocations({ env: {} }).npm, { registry: 'https://registry.npmjs.org', scopes: {}, from: 'the default' });
  });

  it("PyPI: PIP_INDEX_URL's host when it is laid out like PyPI (credentials dropped), else pypi.org; the override wins", () => {
    assert.equal(pypiJsonBase('https://pypi.org/simple'), 'https://pypi.org');
    assert.equal(pypiJsonBase('https://user:secret@mirror.example/pypi/simple/'), 'https://mirror.example/pypi');
    assert.equal(pypiJsonBase('https://devpi.example/root/pypi/+simple/'), undefined);
    assert.equal(pypiJsonBase('not a url'), undefined);
    assert.deepEqual(registryLocations({ env: { PIP_INDEX_URL: 'https://test.pypi.org/simple/' } }).pypi, {
      url: 'https://test.pypi.org',
      from: 'PIP_INDEX_URL',
    });
    assert.deepEqual(registryLocations({ env: { PIP_INDEX_URL: 'https://x/simple', CONNECTOR_AUDITOR_PYPI_URL: 'http://127.0.0.1:9' } }).pypi, {
      url: 'http://127.0.0.1:9',
      from: 'CONNECTOR_AUDITOR_PYPI_URL',
    });
    assert.equal(registryLocations({ env: {} }).pypi.url, 'https://pypi.org');
  });

  it('loadRegistryLocations reads the project .npmrc only when given a project folder', async () => {
    const project = mkdtempSync(join(tmpdir(), 'npmrc-project-'));
    const home = mkdtempSync(join(tmpdir(), 'npmrc-home-'));
    writeFileSync(join(project, '.npmrc'), 'registry=https://project.example\n');
    writeFileSync(join(home, '.npmrc'), 'registry=https://home.example\n');
    assert.equal((await loadRegistryLocations({ env: {}, projectDir: project, homeDir: home })).npm.registry, 'https://project.example');
    assert.equal((await loadRegistryLocations({ env: {}, homeDir: home })).npm.registry, 'https://home.example', 'an untrusted project is not read');
    assert.equal((await loadRegistryLocations({ env: {}, homeDir: join(home, 'missing') })).npm.registry, 'https://registry.npmjs.org');
  });
});

describe('npm packument', () => {
  const doc = (versions: Record<string, { time: string; user: string; scripts?: Record<string, string>; att?: boolean }>): NpmPackument => ({
    name: 'x',
    'dist-tags': { latest: Object.keys(versions).pop()! },
    versions: Object.fromEntries(
      Object.entries(versions).map(([v, o]) => [
        v,
        {
          version: v,
          _npmUser: { name: o.user },
          maintainers: [{ name: o.user }],
          ...(o.scripts ? { scripts: o.scripts } : {}),
          dist: { tarball: `https://r/x/-/x-${v}.tgz`, integrity: 'sha512-AA==', ...(o.att ? { attestations: { url: 'https://r/att' } } : {}) },
        },
      ]),
    ),
    time: Object.fromEntries(Object.entries(versions).map(([v, o]) => [v, o.time])),
  });

  it('encodes scoped names as @scope%2fname', () => {
    assert.equal(encodeNpmName('@types/node'), '@types%2Fnode');
    assert.equal(encodeNpmName('lodash'), 'lodash');
  });

  it('the previous release is the one published last before, not the semver predecessor', () => {
    const time = { '1.0.0': '2026-01-01T00:00:00Z', '2.0.0': '2026-03-01T00:00:00Z', '1.0.1': '2026-04-01T00:00:00Z', created: '2025-12-01T00:00:00Z' };
    assert.equal(previousByTime(['1.0.0', '2.0.0', '1.0.1'], time, '1.0.1'), '2.0.0');
    assert.equal(previousByTime(['1.0.0', '2.0.0', '1.0.1'], time, '1.0.0'), undefined);
  });

  it('without a version: dist-tags.latest, and the answer knows it was not asked for', () => {
    const r = releaseFromPackument(
      doc({
        '1.0.0': { time: '2026-01-01T00:00:00Z', user: 'a', att: true },
        '1.0.1': { time: '2026-02-01T00:00:00Z', user: 'b', scripts: { postinstall: 'node x.js', test: 'jest' } },
      }),
      'https://r',
      'https://r/x',
      undefined,
    );
    assert.equal(r.usedLatest, true);
    assert.equal(r.current.version, '1.0.1');
    assert.deepEqual(r.current.installScripts, { postinstall: 'node x.js' });
    assert.equal(r.previous?.version, '1.0.0');
    assert.deepEqual(
      releaseChanges(r.current, r.previous).map((c) => c.kind),
      ['publisher-changed', 'maintainers-changed', 'provenance-lost', 'install-script-added'],
    );
    assert.throws(
      () => releaseFromPackument(doc({ '1.0.0': { time: '2026-01-01T00:00:00Z', user: 'a' } }), 'https://r', 'https://r/x', '9.0.0'),
      /no version 9\.0\.0; the latest is 1\.0\.0/,
    );
  });
});

describe('release changes', () => {
  const facts = (over: Partial<ReleaseFacts>): ReleaseFacts => ({
    ecosystem: 'npm',
    name: 'x',
    version: '1.0.1',
    maintainers: ['a'],
    installScripts: {},
    provenance: { present: true },
    artifacts: [],
    publisher: 'a',
    ...over,
  });
  it('nothing to compare without a previous release; a changed script is a change; PyPI provenance (unknown) is never "lost"', () => {
    assert.deepEqual(releaseChanges(facts({}), undefined), []);
    assert.deepEqual(
      releaseChanges(facts({ installScripts: { install: 'b' } }), facts({ version: '1.0.0', installScripts: { install: 'a' } })).map((c) => c.kind),
      ['install-script-changed'],
    );
    assert.deepEqual(releaseChanges(facts({ provenance: null }), facts({ version: '1.0.0' })), []);
  });
});

describe('PyPI documents', () => {
  const file = (name: string, at: string) => ({ filename: name, url: `https://f/${name}`, digests: { sha256: 'ab' }, upload_time_iso_8601: at });
  it('the previous release is the one uploaded last before; maintainers are the current roles; yanked is carried', () => {
    const project: PypiDocument = {
      info: { name: 'tidy', version: '2.0.0', yanked: false },
      urls: [file('tidy-2.0.0.tar.gz', '2026-05-01T00:00:00Z')],
      releases: {
        '1.0.0': [file('tidy-1.0.0.tar.gz', '2026-01-01T00:00:00Z')],
        '1.5.0': [file('tidy-1.5.0-py3-none-any.whl', '2026-03-01T00:00:00Z')],
        '2.0.0': [file('tidy-2.0.0.tar.gz', '2026-05-01T00:00:00Z')],
      },
      ownership: { roles: [{ role: 'Owner', user: 'carol' }] },
    };
    const r = releaseFromDocuments(project, project, 'https://pypi.org', 'https://pypi.org/pypi/tidy/json', true);
    assert.equal(r.previous?.version, '1.5.0');
    assert.deepEqual(r.current.maintainers, ['carol']);
    assert.equal(r.current.artifacts[0].kind, 'sdist-tar');
    assert.equal(r.previous?.artifacts[0].kind, 'wheel');
    assert.equal(r.overview.firstPublished, '2026-01-01T00:00:00.000Z');
    const yanked = { ...project, info: { ...project.info, yanked: true, yanked_reason: 'broken' } };
    assert.deepEqual(releaseFromDocuments(project, yanked, 'b', 'd', false).current.yanked, { reason: 'broken' });
  });
});
