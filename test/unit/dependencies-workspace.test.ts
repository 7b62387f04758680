import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { detectManifest, resolveWorkspaceDependencies, type WorkspaceFile } from '../../src/core/dependencies';
import { fixture, one } from '../helpers/lockfiles';

describe('dependencies: detectManifest', () => {
  it('knows each manifest and lockfile by its file name', () => {
    const cases: [string, string | undefined][] = [
      ['package.json', 'package.json'],
      ['web/package-lock.json', 'package-lock.json'],
      ['npm-shrinkwrap.json', 'npm-shrinkwrap.json'],
      ['pnpm-lock.yaml', 'pnpm-lock.yaml'],
      ['a\\b\\yarn.lock', 'yarn.lock'],
      ['requirements.txt', 'requirements.txt'],
      ['requirements-dev.txt', 'requirements.txt'],
      ['dev-requirements.txt', 'requirements.txt'],
      ['requirements_test.txt', 'requirements.txt'],
      ['requirements/base.txt', 'requirements.txt'],
      ['pyproject.toml', 'pyproject.toml'],
      ['poetry.lock', 'poetry.lock'],
      ['uv.lock', 'uv.lock'],
      ['Pipfile', 'Pipfile'],
      ['Pipfile.lock', 'Pipfile.lock'],
      ['svc/go.mod', 'go.mod'],
      ['go.sum', 'go.sum'],
      ['Cargo.toml', 'Cargo.toml'],
      ['Cargo.lock', 'Cargo.lock'],
      ['java/pom.xml', 'pom.xml'],
    ];
    for (const [path, kind] of cases) assert.equal(detectManifest(path), kind, path);
  });

  it('ignores other files and installed or vendored trees', () => {
    for (const path of [
      'README.md',
      'package.json.bak',
      'myrequirements.txt.orig',
      'docs/notes.txt',
      'node_modules/debug/package.json',
      'a/node_modules/b/package-lock.json',
      '.git/package.json',
      '',
    ]) {
      assert.equal(detectManifest(path), undefined, path);
    }
  });
});

describe('dependencies: resolveWorkspaceDependencies', () => {
  it('lets the npm lockfile win over package.json, and covers a workspace member', () => {
    const files: WorkspaceFile[] = [
      { path: 'package.json', text: fixture('npm-v3/package.json') },
      { path: 'package-lock.json', text: fixture('npm-v3/package-lock.json') },
      { path: 'packages/util/package.json', text: fixture('npm-v3/packages/util/package.json') },
    ];
    const { dependencies, manifests, warnings } = resolveWorkspaceDependencies(files);
    assert.deepEqual(warnings, []);
    assert.deepEqual(
      manifests.map((m) => [m.path, m.kind, m.ecosystem, m.lockfile]),
      [
        ['package.json', 'package.json', 'npm', false],
        ['package-lock.json', 'package-lock.json', 'npm', true],
        ['packages/util/package.json', 'package.json', 'npm', false],
      ],
    );
    assert.ok(
      dependencies.every((d) => d.manifest === 'package-lock.json'),
      'only the lockfile supplies entries',
    );
    assert.ok(
      dependencies.every((d) => d.version),
      'every version exact',
    );
    // The lockfile's two copies of ms@2.1.3 (under debug, under the workspace) become one entry.
    const ms = one(dependencies, 'ms', '2.1.3');
    assert.equal(ms.direct, true);
    assert.deepEqual(ms.via, ['debug']);
    assert.equal(dependencies.length, 7);
  });

  it('covers a pnpm workspace importer, but not an unrelated nested package.json', () => {
    const lock = [
      "lockfileVersion: '9.0'",
      'importers:',
      '  .:',
      '    dependencies:',
      '      test-exclude: {specifier: ^6, version: 6.0.0}',
      '  packages/web:',
      '    dependencies:',
      '      ms: {specifier: ^2, version: 2.1.3}',
      'packages:',
      '  test-exclude@6.0.0: {resolution: {integrity: sha512-t}}',
      '  ms@2.1.3: {resolution: {integrity: sha512-m}}',
      'snapshots:',
      '  test-exclude@6.0.0: {}',
      '  ms@2.1.3: {}',
    ].join('\n');
    const { dependencies } = resolveWorkspaceDependencies([
      { path: 'pnpm-lock.yaml', text: lock },
      { path: 'package.json', text: '{"dependencies": {"test-exclude": "^6"}}' },
      { path: 'packages/web/package.json', text: '{"dependencies": {"ms": "^2"}}' },
      { path: 'test/package.json', text: '{"dependencies": {"left-pad": "^1"}}' },
    ]);
    assert.deepEqual(dependencies.map((d) => [d.name, d.manifest]).sort(), [
      ['left-pad', 'test/package.json'],
      ['ms', 'pnpm-lock.yaml'],
      ['test-exclude', 'pnpm-lock.yaml'],
    ]);
  });

  it('uses package.json beside yarn.lock for direct and dev, and keeps a declared package the lock lacks', () => {
    const pkg = JSON.parse(fixture('yarn-v1/package.json'));
    pkg.dependencies['not-locked'] = '^1.0.0';
    const { dependencies, warnings } = resolveWorkspaceDependencies([
      { path: 'app/yarn.lock', text: fixture('yarn-v1/yarn.lock') },
      { path: 'app/package.json', text: JSON.stringify(pkg, null, 2) },
    ]);
    assert.equal(one(dependencies, 'debug').direct, true);
    assert.equal(one(dependencies, 'debug').manifest, 'app/yarn.lock');
    assert.equal(one(dependencies, '@types/ms').dev, true);
    const stale = one(dependencies, 'not-locked');
    assert.equal(stale.manifest, 'app/package.json');
    assert.equal(stale.range, '^1.0.0');
    assert.deepEqual(warnings, [`app/package.json:${stale.line}: not-locked is declared but not in app/yarn.lock (is the lockfile out of date?)`]);
  });

  it('combines ecosystems and folders, each lockfile with its own manifest', () => {
    const files: WorkspaceFile[] = [
      { path: 'py/pyproject.toml', text: fixture('poetry/pyproject.toml') },
      { path: 'py/poetry.lock', text: fixture('poetry/poetry.lock') },
      { path: 'rust/Cargo.toml', text: fixture('cargo/Cargo.toml') },
      { path: 'rust/Cargo.lock', text: fixture('cargo/Cargo.lock') },
      { path: 'go/go.mod', text: fixture('go/go.mod') },
      { path: 'go/go.sum', text: fixture('go/go.sum') },
      { path: 'java/pom.xml', text: fixture('maven/pom.xml') },
      { path: 'README.md', text: '# not a manifest' },
    ];
    const { dependencies, manifests } = resolveWorkspaceDependencies(files);
    assert.equal(manifests.length, 7);
    const count = (eco: string) => dependencies.filter((d) => d.ecosystem === eco).length;
    assert.deepEqual([count('PyPI'), count('crates.io'), count('Go'), count('Maven')], [6, 6, 6, 5]);
    assert.equal(one(dependencies, 'flask').direct, true, 'pyproject.toml as companion of poetry.lock');
    assert.equal(one(dependencies, 'tempfile').dev, true, 'Cargo.toml as companion of Cargo.lock');
    assert.ok(
      dependencies.filter((d) => d.ecosystem === 'Go').every((d) => d.manifest === 'go/go.mod'),
      'go.mod wins over go.sum',
    );
  });

  it('follows requirements includes it has, and names the ones it has not', () => {
    const { dependencies, warnings } = resolveWorkspaceDependencies([
      { path: 'requirements/requirements.txt', text: fixture('requirements/requirements.txt') },
      { path: 'requirements/requirements-dev.txt', text: fixture('requirements/requirements-dev.txt') },
    ]);
    assert.ok(dependencies.some((d) => d.name === 'requests' && d.manifest === 'requirements/requirements.txt'));
    assert.ok(dependencies.some((d) => d.name === 'pytest' && d.manifest === 'requirements/requirements-dev.txt'));
    const includeWarnings = warnings.filter((w) => w.includes('includes'));
    assert.deepEqual(includeWarnings, ['requirements/requirements-dev.txt: includes requirements/requirements/lint.txt, which is not among the files read']);
  });

  it('dedupes identical entries of one file and keeps the same package in two files', () => {
    const { dependencies } = resolveWorkspaceDependencies([
      { path: 'a/requirements.txt', text: 'requests==2.32.3\nRequests==2.32.3\n' },
      { path: 'b/requirements.txt', text: 'requests==2.32.3\n' },
    ]);
    assert.deepEqual(
      dependencies.map((d) => d.manifest),
      ['a/requirements.txt', 'b/requirements.txt'],
    );
  });

  it('turns a broken lockfile into a warning and still reads its manifest', () => {
    const { dependencies, warnings } = resolveWorkspaceDependencies([
      { path: 'package.json', text: fixture('yarn-v1/package.json') },
      { path: 'pnpm-lock.yaml', text: 'importers: [unclosed\n' },
    ]);
    assert.ok(
      warnings.some((w) => w.startsWith('pnpm-lock.yaml')),
      warnings.join('\n'),
    );
    assert.ok(!warnings.some((w) => w.includes('out of date')), warnings.join('\n'));
    assert.equal(one(dependencies, 'debug').range, '^4.3.4');
    assert.equal(dependencies.length, 6);
  });
});
