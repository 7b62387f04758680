import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseManifest } from '../../src/core/dependencies';
import { splitPnpmKey } from '../../src/core/dependencies/pnpmLock';
import { fixture, names, one } from '../helpers/lockfiles';

const ALL = ['@types/ms@0.7.34', 'core-js@3.37.1', 'debug@4.4.3', 'is-number@7.0.0', 'left-pad@1.3.0', 'ms@2.0.0', 'ms@2.1.3'];
const WITH_REACT = [...ALL, 'js-tokens@4.0.0', 'loose-envify@1.4.0', 'react@18.3.1', 'use-sync-external-store@1.2.0'].sort();

describe('dependencies: pnpm-lock.yaml', () => {
  for (const [label, dir, prefix] of [
    ['v9 (pnpm 9)', 'pnpm-v9', ''],
    ['v6 (pnpm 8)', 'pnpm-v6', '/'],
  ] as const) {
    describe(label, () => {
      const { dependencies, warnings } = parseManifest('pnpm-lock.yaml', fixture(`${dir}/pnpm-lock.yaml`), 'pnpm-lock.yaml');

      it('reads each package version once, peer variants merged', () => {
        assert.deepEqual(warnings, []);
        assert.deepEqual(names(dependencies), WITH_REACT);
        assert.equal(one(dependencies, 'use-sync-external-store').lockPath, `${prefix}use-sync-external-store@1.2.0(react@18.3.1)`);
      });

      it('takes direct from the importer and computes via through the snapshots', () => {
        assert.equal(one(dependencies, 'debug').direct, true);
        assert.equal(one(dependencies, 'ms', '2.0.0').direct, true);
        const ms = one(dependencies, 'ms', '2.1.3');
        assert.equal(ms.direct, false);
        assert.deepEqual(ms.via, ['debug']);
        assert.deepEqual(one(dependencies, 'loose-envify').via, ['react', 'use-sync-external-store']);
      });

      it('knows dev and optional packages', () => {
        assert.equal(one(dependencies, '@types/ms').dev, true);
        assert.equal(one(dependencies, 'react').dev, false);
        assert.equal(one(dependencies, 'ms', '2.1.3').dev, false);
        assert.equal(one(dependencies, 'is-number').optional, true);
      });

      it('keeps integrity, purl and the line of the package entry', () => {
        const types = one(dependencies, '@types/ms');
        assert.equal(types.purl, 'pkg:npm/%40types/ms@0.7.34');
        assert.match(types.integrity!, /^sha512-nG96G3Wp6/);
        const lines = fixture(`${dir}/pnpm-lock.yaml`).split('\n');
        for (const d of dependencies) assert.match(lines[d.line! - 1], new RegExp(`^  '?/?${d.name.replace('/', '\\/')}@${d.version}`), d.name);
      });
    });
  }

  it('computes dev-only for v9, which no longer marks it', () => {
    const lock = [
      "lockfileVersion: '9.0'",
      'importers:',
      '  .:',
      '    dependencies:',
      '      a: {specifier: ^1, version: 1.0.0}',
      '    devDependencies:',
      '      t: {specifier: ^1, version: 1.0.0}',
      'packages:',
      '  a@1.0.0: {resolution: {integrity: sha512-a}}',
      '  t@1.0.0: {resolution: {integrity: sha512-t}}',
      '  shared@1.0.0: {resolution: {integrity: sha512-s}}',
      '  tonly@1.0.0: {resolution: {integrity: sha512-o}}',
      'snapshots:',
      '  a@1.0.0: {dependencies: {shared: 1.0.0}}',
      '  t@1.0.0: {dependencies: {shared: 1.0.0, tonly: 1.0.0}}',
      '  shared@1.0.0: {}',
      '  tonly@1.0.0: {}',
    ].join('\n');
    const { dependencies } = parseManifest('pnpm-lock.yaml', lock, 'pnpm-lock.yaml');
    assert.equal(one(dependencies, 'shared').dev, false);
    assert.equal(one(dependencies, 'tonly').dev, true);
    assert.deepEqual(one(dependencies, 'shared').via, ['a', 't']);
  });

  it('splits package keys of every lockfile version', () => {
    assert.deepEqual(splitPnpmKey('/@types/ms@0.7.34'), { name: '@types/ms', version: '0.7.34', base: '@types/ms@0.7.34' });
    assert.deepEqual(splitPnpmKey('use-sync-external-store@1.2.0(react@18.3.1)'), {
      name: 'use-sync-external-store',
      version: '1.2.0',
      base: 'use-sync-external-store@1.2.0',
    });
    assert.deepEqual(splitPnpmKey('/@scope/pkg/2.0.0_react@18.3.1'), { name: '@scope/pkg', version: '2.0.0', base: '@scope/pkg@2.0.0' });
    assert.deepEqual(splitPnpmKey('/ms/2.1.3'), { name: 'ms', version: '2.1.3', base: 'ms@2.1.3' });
  });
});

describe('dependencies: yarn.lock', () => {
  it('reads yarn classic (v1) entries, transitive until told otherwise', () => {
    const { dependencies, warnings } = parseManifest('yarn.lock', fixture('yarn-v1/yarn.lock'), 'yarn.lock');
    assert.deepEqual(warnings, []);
    assert.deepEqual(names(dependencies), ALL);
    const debug = one(dependencies, 'debug');
    assert.equal(debug.lockPath, 'debug@^4.3.4');
    assert.equal(debug.line, 15);
    assert.equal(debug.resolved, 'https://registry.yarnpkg.com/debug/-/debug-4.4.3.tgz#c6ae432d9bd9662582fce08709b038c58e9e3d6a');
    assert.match(debug.integrity!, /^sha512-RGwwWnwQ/);
    assert.equal(one(dependencies, '@types/ms').line, 5);
    assert.ok(dependencies.every((d) => !d.direct && !d.dev));
  });

  it('takes direct, dev and via for yarn classic from the package.json beside it', () => {
    const { dependencies } = parseManifest('yarn.lock', fixture('yarn-v1/yarn.lock'), 'yarn.lock', { companion: fixture('yarn-v1/package.json') });
    assert.equal(one(dependencies, 'debug').direct, true);
    assert.equal(one(dependencies, '@types/ms').dev, true);
    assert.equal(one(dependencies, 'ms', '2.0.0').direct, true);
    const ms = one(dependencies, 'ms', '2.1.3');
    assert.equal(ms.direct, false);
    assert.deepEqual(ms.via, ['debug']);
  });

  it('reads yarn berry: the workspace entry gives the direct dependencies and is not itself listed', () => {
    const { dependencies, warnings } = parseManifest('yarn.lock', fixture('yarn-berry/yarn.lock'), 'yarn.lock', {
      companion: fixture('yarn-berry/package.json'),
    });
    assert.deepEqual(warnings, []);
    assert.deepEqual(names(dependencies), ALL);
    assert.ok(!dependencies.some((d) => d.name === 'fixture-app'));
    const debug = one(dependencies, 'debug');
    assert.equal(debug.direct, true);
    assert.equal(debug.lockPath, 'debug@npm:4.4.3');
    assert.equal(debug.line, 22);
    assert.match(debug.integrity!, /^10c0\//);
    assert.equal(one(dependencies, '@types/ms').dev, true);
    assert.equal(one(dependencies, '@types/ms').purl, 'pkg:npm/%40types/ms@0.7.34');
    assert.deepEqual(one(dependencies, 'ms', '2.1.3').via, ['debug']);
  });

  it('reads yarn berry without a package.json (direct known, dev not)', () => {
    const { dependencies } = parseManifest('yarn.lock', fixture('yarn-berry/yarn.lock'), 'yarn.lock');
    assert.equal(one(dependencies, '@types/ms').direct, true);
    assert.equal(one(dependencies, '@types/ms').dev, false);
  });

  it('leaves berry soft links (portal:, link:) out, and names a patched package by its resolution', () => {
    const lock = [
      '__metadata:\n  version: 8\n',
      '"app@workspace:.":\n  version: 0.0.0-use.local\n  resolution: "app@workspace:."\n  dependencies:\n    local: "portal:./local"\n    resolve: "patch:resolve@npm%3A^1.22.0#~builtin<compat/resolve>"\n  languageName: unknown\n  linkType: soft\n',
      '"local@portal:./local::locator=app%40workspace%3A.":\n  version: 0.0.0-use.local\n  resolution: "local@portal:./local::locator=app%40workspace%3A."\n  languageName: node\n  linkType: soft\n',
      '"resolve@patch:resolve@npm%3A^1.22.0#~builtin<compat/resolve>":\n  version: 1.22.8\n  resolution: "resolve@patch:resolve@npm%3A1.22.8#~builtin<compat/resolve>::version=1.22.8&hash=c3c19d"\n  languageName: node\n  linkType: hard\n',
    ].join('\n');
    const { dependencies, warnings } = parseManifest('yarn.lock', lock, 'yarn.lock');
    assert.deepEqual(warnings, []);
    assert.deepEqual(
      dependencies.map((d) => [d.name, d.version, d.direct]),
      [['resolve', '1.22.8', true]],
    );
  });
});
