import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  depsDevWebUrl,
  encodePackageName,
  osvEcosystem,
  osvWebUrl,
  SYSTEM_TABLE,
  SYSTEMS,
  systemOf,
  systemOfPurlType,
} from '../../src/core/builtins/supplyChain/systems';
import { parsePurl, purlOsvEcosystem, purlPackageName, purlSystem } from '../../src/core/builtins/supplyChain/purl';

describe('supply chain: ecosystem table', () => {
  it('maps every system to its OSV ecosystem and purl type, and back', () => {
    const expected: Record<string, [string, string]> = {
      npm: ['npm', 'npm'],
      pypi: ['PyPI', 'pypi'],
      go: ['Go', 'golang'],
      maven: ['Maven', 'maven'],
      cargo: ['crates.io', 'cargo'],
      nuget: ['NuGet', 'nuget'],
      rubygems: ['RubyGems', 'gem'],
    };
    assert.deepEqual([...SYSTEMS].sort(), Object.keys(expected).sort());
    for (const s of SYSTEMS) {
      assert.deepEqual([SYSTEM_TABLE[s].osv, SYSTEM_TABLE[s].purl], expected[s], s);
      assert.equal(systemOf(SYSTEM_TABLE[s].osv), s, `OSV name of ${s}`);
      assert.equal(systemOfPurlType(SYSTEM_TABLE[s].purl), s, `purl type of ${s}`);
    }
  });

  it('understands the usual spellings, whatever the case', () => {
    assert.equal(systemOf('PYPI'), 'pypi');
    assert.equal(systemOf(' crates.io '), 'cargo');
    assert.equal(systemOf('golang'), 'go');
    assert.equal(systemOf('gem'), 'rubygems');
    assert.equal(systemOf('Packagist'), undefined);
  });

  it('gives OSV its exact ecosystem names and passes others through', () => {
    assert.equal(osvEcosystem('pypi'), 'PyPI');
    assert.equal(osvEcosystem('cargo'), 'crates.io');
    assert.equal(osvEcosystem('NPM'), 'npm');
    assert.equal(osvEcosystem('Debian:12'), 'Debian:12');
  });

  it('encodes a package name as one path segment', () => {
    assert.equal(encodePackageName('@types/node'), '%40types%2Fnode');
    assert.equal(encodePackageName('github.com/gin-gonic/gin'), 'github.com%2Fgin-gonic%2Fgin');
    assert.equal(encodePackageName('org.apache.commons:commons-text'), 'org.apache.commons%3Acommons-text');
    assert.equal(depsDevWebUrl('npm', '@types/node', '20.1.0'), 'https://deps.dev/npm/%40types%2Fnode/20.1.0');
    assert.equal(depsDevWebUrl('npm', 'lodash'), 'https://deps.dev/npm/lodash');
    assert.equal(osvWebUrl('GHSA-p6mc-m468-83gw'), 'https://osv.dev/vulnerability/GHSA-p6mc-m468-83gw');
  });
});

describe('supply chain: package URLs', () => {
  it('parses type, name and version', () => {
    const p = parsePurl('pkg:npm/left-pad@1.3.0');
    assert.deepEqual(p, { type: 'npm', name: 'left-pad', version: '1.3.0', qualifiers: {} });
    assert.equal(purlSystem(p), 'npm');
    assert.equal(purlOsvEcosystem(p), 'npm');
  });

  it('reads an npm scope, encoded as the spec wants or written plainly', () => {
    for (const text of ['pkg:npm/%40types/node@20.1.0', 'pkg:npm/@types/node@20.1.0']) {
      const p = parsePurl(text);
      assert.equal(p.namespace, '@types', text);
      assert.equal(p.version, '20.1.0', text);
      assert.equal(purlPackageName(p), '@types/node', text);
    }
    const unversioned = parsePurl('pkg:npm/@types/node');
    assert.equal(unversioned.version, undefined);
    assert.equal(purlPackageName(unversioned), '@types/node');
  });

  it('names packages the way each ecosystem does', () => {
    assert.equal(purlPackageName(parsePurl('pkg:maven/org.apache.commons/commons-text@1.9')), 'org.apache.commons:commons-text');
    assert.equal(purlPackageName(parsePurl('pkg:golang/github.com/gin-gonic/gin@v1.9.1')), 'github.com/gin-gonic/gin');
    assert.equal(purlOsvEcosystem(parsePurl('pkg:golang/github.com/gin-gonic/gin')), 'Go');
    assert.equal(purlOsvEcosystem(parsePurl('pkg:gem/rails@7.0.0')), 'RubyGems');
    assert.equal(purlOsvEcosystem(parsePurl('pkg:deb/debian/curl@7.0')), undefined, 'not one of ours');
  });

  it('keeps qualifiers and subpath apart from the version', () => {
    const p = parsePurl('pkg:pypi/Django@4.2.1?repository_url=https%3A%2F%2Fpypi.org#src/django');
    assert.equal(p.name, 'Django');
    assert.equal(p.version, '4.2.1');
    assert.deepEqual(p.qualifiers, { repository_url: 'https://pypi.org' });
    assert.equal(p.subpath, 'src/django');
  });

  it('refuses what is not a package URL, saying why', () => {
    assert.throws(() => parsePurl('npm/left-pad'), /must start with "pkg:"/);
    assert.throws(() => parsePurl('pkg:npm'), /needs a type and a name/);
    assert.throws(() => parsePurl('pkg:1npm/x'), /not a valid type/);
    assert.throws(() => parsePurl('pkg:npm/left-pad@'), /empty version/);
  });
});
