import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MANIFEST_KINDS, normalizePypiName, parseManifest, purlOf, type ManifestKind } from '../../src/core/dependencies';
import { fixture } from '../helpers/lockfiles';

const KINDS = Object.keys(MANIFEST_KINDS) as ManifestKind[];

/** Malformed text per kind, and what the warning must say. */
const MALFORMED: Record<ManifestKind, [string, RegExp]> = {
  'package.json': ['{"dependencies": {"a": "1.0.0",', /not valid JSON/],
  'package-lock.json': [fixture('npm-v3/package-lock.json').slice(0, 1800), /package-lock\.json:\d+: not valid JSON/],
  'npm-shrinkwrap.json': ['[1, 2, 3]', /not a package-lock object/],
  'pnpm-lock.yaml': ["lockfileVersion: '9.0'\nimporters:\n  .: {dependencies: [\n", /pnpm-lock\.yaml:\d+: not valid YAML/],
  'yarn.lock': ['# yarn lockfile v1\n\n"a@^1":\n  version "1.0.0\n  resolved\n', /yarn\.lock:4: not a readable yarn\.lock/],
  'requirements.txt': ['requests==2.0\n!!!garbage\n--weird-option x\n', /requirements\.txt:2: not a requirement/],
  'pyproject.toml': ['[project\ndependencies = [', /pyproject\.toml:1: not valid TOML/],
  'poetry.lock': ['[[package]]\nname = "a"\nversion = ', /poetry\.lock:3: not valid TOML/],
  'uv.lock': ['version = 1\n[[package]]\nname = "a"\nname = "b"\n', /uv\.lock:\d+: not valid TOML/],
  Pipfile: ['[packages\n', /Pipfile:1: not valid TOML/],
  'Pipfile.lock': ['{"default": {"a": {"version": "==1.0"}}, "develop": ', /Pipfile\.lock:1: not valid JSON/],
  'go.mod': ['module x\nrequire (\n\tgithub.com/a/b\n', /go\.mod:3: require without a version/],
  'go.sum': ['only two\n', /go\.sum:1: not a go\.sum line/],
  'Cargo.toml': ['[dependencies]\nserde = {', /Cargo\.toml:2: not valid TOML/],
  'Cargo.lock': [
    'version = 3\n[[package]]\nname = "x"\nsource = "registry+https://github.com/rust-lang/crates.io-index"\n',
    /Cargo\.lock:2: package #1 has no name or version/,
  ],
  'pom.xml': [
    '<project><dependencies><dependency><groupId>a</groupId><artifactId>b</artifactId><version>1</version></dependency></dependencies>',
    /pom\.xml:1: not well-formed XML/,
  ],
};

describe('dependencies: malformed and hostile input', () => {
  for (const kind of KINDS) {
    it(`${kind}: malformed text gives a warning naming the file, and no throw`, () => {
      const [text, expected] = MALFORMED[kind];
      const r = parseManifest(kind, text, kind);
      assert.ok(
        r.warnings.some((w) => expected.test(w)),
        `${kind}: ${JSON.stringify(r.warnings)}`,
      );
    });

    it(`${kind}: binary junk, empty text and a wrong shape do not throw`, () => {
      for (const text of ['', '\u0000\u0001\u0002\ufffd', '"just a string"', '[]', 'null', '- a\n- b\n', '<a/>', '= = =']) {
        const r = parseManifest(kind, text, kind);
        assert.ok(Array.isArray(r.dependencies) && Array.isArray(r.warnings), `${kind} on ${JSON.stringify(text)}`);
      }
    });
  }

  it('keeps the entries a truncated package-lock had before the damage', () => {
    const r = parseManifest('package-lock.json', fixture('npm-v3/package-lock.json').slice(0, 1800), 'package-lock.json');
    assert.ok(r.dependencies.some((d) => d.name === 'core-js' && d.version === '3.37.1'));
  });

  it('refuses a file over the size cap with a warning', () => {
    const r = parseManifest('requirements.txt', 'a==1\n'.repeat(100), 'requirements.txt', { maxBytes: 100 });
    assert.deepEqual(r.dependencies, []);
    assert.match(r.warnings[0], /^requirements\.txt: not read: 500 bytes is over the 100-byte limit/);
  });

  it('does not expand a YAML alias bomb', () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 0; i < 12; i++)
      lines.push(
        `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`,
      );
    const r = parseManifest('pnpm-lock.yaml', lines.join('\n'), 'pnpm-lock.yaml');
    assert.deepEqual(r.dependencies, []);
    assert.ok(
      r.warnings.some((w) => /alias/i.test(w)),
      r.warnings.join('\n'),
    );
  });

  it('does not expand XML entities in a pom.xml', () => {
    const pom = `<?xml version="1.0"?><!DOCTYPE p [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>
<project><dependencies><dependency><groupId>g</groupId><artifactId>x</artifactId><version>&c;</version></dependency></dependencies></project>`;
    const r = parseManifest('pom.xml', pom, 'pom.xml');
    assert.equal(r.dependencies.length, 1);
    assert.ok((r.dependencies[0].version ?? '').length < 50);
  });

  it('stops descending a v1 lockfile nested deeper than any real one', () => {
    let deps: Record<string, unknown> = { leaf: { version: '1.0.0' } };
    for (let i = 0; i < 200; i++) deps = { [`p${i}`]: { version: '1.0.0', dependencies: deps } };
    const r = parseManifest('package-lock.json', JSON.stringify({ lockfileVersion: 1, dependencies: deps }), 'package-lock.json');
    assert.equal(r.dependencies.length, 65);
    assert.match(r.warnings.join(), /nested deeper than 64 levels/);
  });

  it('treats __proto__ and constructor as package names, not object internals', () => {
    const lock =
      '{"lockfileVersion":3,"packages":{"":{"dependencies":{"__proto__":"1","constructor":"1"}},"node_modules/__proto__":{"version":"1.0.0"},"node_modules/constructor":{"version":"2.0.0"}}}';
    const r = parseManifest('package-lock.json', lock, 'package-lock.json');
    assert.deepEqual(r.dependencies.map((d) => [d.name, d.version]).sort(), [
      ['__proto__', '1.0.0'],
      ['constructor', '2.0.0'],
    ]);
    assert.equal(({} as Record<string, unknown>).version, undefined);
  });

  it('caps the number of warnings per file', () => {
    const r = parseManifest('requirements.txt', '!bad\n'.repeat(500), 'requirements.txt');
    assert.equal(r.warnings.length, 51);
    assert.match(r.warnings[50], /further warnings left out/);
  });

  it('handles a dependency cycle in a lockfile graph', () => {
    const lock = {
      lockfileVersion: 3,
      packages: {
        '': { dependencies: { a: '1' } },
        'node_modules/a': { version: '1.0.0', dependencies: { b: '1' } },
        'node_modules/b': { version: '1.0.0', dependencies: { a: '1' } },
      },
    };
    const r = parseManifest('package-lock.json', JSON.stringify(lock), 'package-lock.json');
    assert.deepEqual(
      r.dependencies.map((d) => [d.name, d.direct, d.via]),
      [
        ['a', true, undefined],
        ['b', false, ['a']],
      ],
    );
  });
});

describe('dependencies: package URLs', () => {
  it('encodes npm scopes and lower-cases npm names', () => {
    assert.equal(purlOf('npm', '@types/node', '20.1.0'), 'pkg:npm/%40types/node@20.1.0');
    assert.equal(purlOf('npm', 'left-pad', '1.3.0'), 'pkg:npm/left-pad@1.3.0');
    assert.equal(purlOf('npm', 'JSONStream', '1.3.5'), 'pkg:npm/jsonstream@1.3.5');
    assert.equal(purlOf('npm', 'debug'), 'pkg:npm/debug');
  });

  it('normalises PyPI names (PEP 503)', () => {
    assert.equal(purlOf('PyPI', 'Django_Rest.Framework', '3.15'), 'pkg:pypi/django-rest-framework@3.15');
    assert.equal(normalizePypiName('zope.interface'), 'zope-interface');
    assert.equal(normalizePypiName('A__b--C'), 'a-b-c');
  });

  it('splits Go module paths and Maven coordinates into namespace and name', () => {
    assert.equal(purlOf('Go', 'github.com/gin-gonic/gin', 'v1.10.0'), 'pkg:golang/github.com/gin-gonic/gin@v1.10.0');
    assert.equal(purlOf('Go', 'gopkg.in/yaml.v3', 'v3.0.1'), 'pkg:golang/gopkg.in/yaml.v3@v3.0.1');
    assert.equal(purlOf('Maven', 'org.apache.commons:commons-text', '1.12.0'), 'pkg:maven/org.apache.commons/commons-text@1.12.0');
    assert.equal(purlOf('crates.io', 'serde_json', '1.0.0'), 'pkg:cargo/serde_json@1.0.0');
  });

  it('encodes characters a version may hold, and never throws on an empty name', () => {
    // packageurl-js leaves '+' as is (allowed by the spec) and encodes what would break parsing.
    assert.equal(purlOf('npm', 'a', '1.0.0+build.1'), 'pkg:npm/a@1.0.0+build.1');
    assert.equal(purlOf('npm', 'a', 'github:x/y#a b'), 'pkg:npm/a@github:x%2Fy%23a%20b');
    assert.equal(purlOf('npm', ''), 'pkg:npm/');
  });
});
