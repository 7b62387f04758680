import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseManifest } from '../../src/core/dependencies';
import { fixture, generatedPackageLock, names, one } from '../helpers/lockfiles';

describe('dependencies: package.json', () => {
  const { dependencies, warnings } = parseManifest('package.json', fixture('npm-v3/package.json'), 'package.json');

  it('lists every declared dependency once, as direct, with dev and optional from its field', () => {
    assert.deepEqual(warnings, []);
    assert.deepEqual(names(dependencies), ['@types/ms', 'core-js@3.37.1', 'debug', 'is-number', 'left-pad@1.3.0', 'ms@2.0.0']);
    assert.ok(dependencies.every((d) => d.direct && d.ecosystem === 'npm' && d.manifest === 'package.json'));
    assert.equal(one(dependencies, '@types/ms').dev, true);
    assert.equal(one(dependencies, 'debug').dev, false);
    assert.equal(one(dependencies, 'is-number').optional, true);
  });

  it('keeps a range out of the version, and an exact spec as the version', () => {
    const debug = one(dependencies, 'debug');
    assert.equal(debug.version, undefined);
    assert.equal(debug.range, '^4.3.4');
    assert.equal(debug.purl, 'pkg:npm/debug');
    assert.equal(one(dependencies, 'left-pad').version, '1.3.0');
    assert.equal(one(dependencies, '@types/ms').purl, 'pkg:npm/%40types/ms');
  });

  it('gives the line of each entry', () => {
    assert.equal(one(dependencies, 'debug').line, 9);
    assert.equal(one(dependencies, '@types/ms').line, 15);
    assert.equal(one(dependencies, 'is-number').line, 18);
  });

  it('counts a name in dependencies and devDependencies as production, and a peer that is also dev as dev', () => {
    const text = JSON.stringify({
      dependencies: { a: '1.0.0' },
      devDependencies: { a: '1.0.0', react: '^18' },
      peerDependencies: { react: '>=16', vue: '^3' },
    });
    const { dependencies: deps } = parseManifest('package.json', text, 'package.json');
    assert.deepEqual(deps.map((d) => [d.name, d.dev]).sort(), [
      ['a', false],
      ['react', true],
      ['vue', false],
    ]);
  });
});

describe('dependencies: package-lock.json v3 (npm 11, with a workspace)', () => {
  const { dependencies, warnings } = parseManifest('package-lock.json', fixture('npm-v3/package-lock.json'), 'app/package-lock.json');

  it('reads every installed package, not the project, its workspace or the link to it', () => {
    assert.deepEqual(warnings, []);
    assert.deepEqual(names(dependencies), [
      '@types/ms@0.7.34',
      'core-js@3.37.1',
      'debug@4.4.3',
      'is-number@7.0.0',
      'left-pad@1.3.0',
      'ms@2.0.0',
      'ms@2.1.3',
      'ms@2.1.3',
    ]);
    assert.ok(!dependencies.some((d) => d.name === '@fixture/util' || d.name === 'fixture-app'));
  });

  it('tells direct from transitive by resolving the project and workspace declarations', () => {
    assert.equal(one(dependencies, 'debug').direct, true);
    assert.equal(one(dependencies, 'ms', '2.0.0').direct, true);
    const nested = dependencies.find((d) => d.lockPath === 'node_modules/debug/node_modules/ms')!;
    assert.equal(nested.direct, false);
    assert.deepEqual(nested.via, ['debug']);
    // The workspace's own ms, in its own node_modules, is a direct dependency of that workspace.
    const workspaceMs = dependencies.find((d) => d.lockPath === 'packages/util/node_modules/ms')!;
    assert.equal(workspaceMs.direct, true);
    assert.equal(workspaceMs.via, undefined);
  });

  it('takes dev, optional and hasInstallScript from the lockfile', () => {
    assert.equal(one(dependencies, '@types/ms').dev, true);
    assert.equal(one(dependencies, 'debug').dev, false);
    assert.equal(one(dependencies, 'is-number').optional, true);
    assert.equal(one(dependencies, 'core-js').hasInstallScript, true);
    assert.equal(one(dependencies, 'debug').hasInstallScript, undefined);
  });

  it('keeps purl, install path, integrity, resolved URL and line', () => {
    const types = one(dependencies, '@types/ms');
    assert.equal(types.purl, 'pkg:npm/%40types/ms@0.7.34');
    assert.equal(types.lockPath, 'node_modules/@types/ms');
    assert.equal(types.resolved, 'https://registry.npmjs.org/@types/ms/-/ms-0.7.34.tgz');
    assert.match(types.integrity!, /^sha512-nG96G3Wp6/);
    assert.equal(types.manifest, 'app/package-lock.json');
    assert.equal(types.line, 30);
    assert.equal(one(dependencies, 'core-js').line, 37);
    assert.equal(dependencies.find((d) => d.lockPath === 'node_modules/debug/node_modules/ms')!.line, 65);
  });
});

describe('dependencies: package-lock.json v2, v1 and npm-shrinkwrap.json', () => {
  it('reads v2 from its packages map, as v3', () => {
    const v2 = parseManifest('package-lock.json', fixture('npm-v2/package-lock.json'), 'package-lock.json');
    const v3 = parseManifest('package-lock.json', fixture('npm-v3/package-lock.json'), 'package-lock.json');
    assert.deepEqual(v2.warnings, []);
    const strip = (deps: typeof v2.dependencies) => deps.map(({ line: _line, ...rest }) => rest);
    assert.deepEqual(strip(v2.dependencies), strip(v3.dependencies));
  });

  it('reads v1 nested dependencies with their install paths', () => {
    const { dependencies, warnings } = parseManifest('package-lock.json', fixture('npm-v1/package-lock.json'), 'package-lock.json');
    assert.deepEqual(warnings, []);
    assert.deepEqual(names(dependencies), ['@types/ms@0.7.34', 'core-js@3.37.1', 'debug@4.4.3', 'is-number@7.0.0', 'left-pad@1.3.0', 'ms@2.0.0', 'ms@2.1.3']);
    const nested = one(dependencies, 'ms', '2.1.3');
    assert.equal(nested.lockPath, 'node_modules/debug/node_modules/ms');
    assert.equal(nested.line, 26);
    assert.equal(one(dependencies, '@types/ms').dev, true);
    assert.equal(one(dependencies, 'is-number').optional, true);
    // v1 does not record what the project asked for.
    assert.ok(dependencies.every((d) => !d.direct));
  });

  it('marks v1 top-level entries direct when given the package.json beside it', () => {
    const { dependencies } = parseManifest('package-lock.json', fixture('npm-v1/package-lock.json'), 'package-lock.json', {
      companion: fixture('npm-v1/package.json'),
    });
    assert.equal(one(dependencies, 'ms', '2.0.0').direct, true);
    assert.equal(one(dependencies, 'ms', '2.1.3').direct, false);
    assert.equal(one(dependencies, 'debug').direct, true);
  });

  it('reads v1 aliases and git versions', () => {
    const text = JSON.stringify({
      lockfileVersion: 1,
      dependencies: {
        'my-ms': { version: 'npm:ms@2.1.3' },
        gitdep: { version: 'git+https://github.com/a/b.git#abc', from: 'github:a/b' },
      },
    });
    const { dependencies } = parseManifest('package-lock.json', text, 'package-lock.json');
    assert.equal(one(dependencies, 'ms').version, '2.1.3');
    assert.equal(one(dependencies, 'gitdep').version, undefined);
    assert.equal(one(dependencies, 'gitdep').resolved, 'git+https://github.com/a/b.git#abc');
  });

  it('reads npm-shrinkwrap.json as a lockfile', () => {
    const { dependencies, warnings } = parseManifest('npm-shrinkwrap.json', fixture('npm-shrinkwrap/npm-shrinkwrap.json'), 'npm-shrinkwrap.json');
    assert.deepEqual(warnings, []);
    assert.equal(dependencies.length, 7);
    assert.equal(one(dependencies, 'core-js').hasInstallScript, true);
    assert.deepEqual(dependencies.find((d) => d.lockPath === 'node_modules/debug/node_modules/ms')!.via, ['debug']);
  });
});

describe('dependencies: npm lockfile edge cases', () => {
  it('reads an aliased package under its real name and follows workspace links for via', () => {
    const lock = {
      lockfileVersion: 3,
      packages: {
        '': { dependencies: { 'str-w': 'npm:string-width@^4', lib: '*' } },
        'node_modules/str-w': { name: 'string-width', version: '4.2.3' },
        'node_modules/lib': { resolved: 'libs/lib', link: true },
        'libs/lib': { name: 'lib', version: '1.0.0', dependencies: { 'left-pad': '^1' } },
        'node_modules/left-pad': { version: '1.3.0', devOptional: true, dependencies: { x: '1' } },
        'node_modules/x': { version: '1.0.0' },
      },
    };
    const { dependencies } = parseManifest('package-lock.json', JSON.stringify(lock, null, 2), 'package-lock.json');
    assert.equal(one(dependencies, 'string-width').direct, true);
    const leftPad = one(dependencies, 'left-pad');
    // Declared by the workspace libs/lib, which is itself a project folder: direct.
    assert.equal(leftPad.direct, true);
    assert.equal(leftPad.optional, true);
    assert.equal(leftPad.dev, false);
    // x is reached through the link to libs/lib and from libs/lib's own direct left-pad.
    assert.deepEqual(one(dependencies, 'x').via, ['left-pad', 'lib']);
  });

  it('parses a generated 1,500-package v3 lockfile with the right direct, via and dev', () => {
    const text = generatedPackageLock();
    const { dependencies, warnings } = parseManifest('package-lock.json', text, 'package-lock.json');
    assert.deepEqual(warnings, []);
    assert.equal(dependencies.length, 1501);
    assert.equal(dependencies.filter((d) => d.direct).length, 51);
    const leaf = one(dependencies, 'leaf-0-0');
    assert.deepEqual(leaf.via, ['dev-tool', 'direct-0']);
    assert.equal(leaf.dev, false);
    assert.equal(one(dependencies, 'dev-tool').dev, true);
    assert.equal(one(dependencies, 'leaf-49-28').line! > 1000, true);
    assert.equal(new Set(dependencies.map((d) => d.line)).size, 1501);
  });
});
