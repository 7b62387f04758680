import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseManifest } from '../../src/core/dependencies';
import { fixture, names, one } from '../helpers/lockfiles';

describe('dependencies: go.mod and go.sum', () => {
  it('reads require blocks and single requires; // indirect is transitive; replace is noted', () => {
    const { dependencies, warnings } = parseManifest('go.mod', fixture('go/go.mod'), 'go.mod');
    assert.deepEqual(names(dependencies), [
      'github.com/bytedance/sonic@v1.11.6',
      'github.com/gin-gonic/gin@v1.10.0',
      'github.com/google/uuid@v1.6.0',
      'golang.org/x/net@v0.25.0',
      'golang.org/x/text@v0.15.0',
      'gopkg.in/yaml.v3@v3.0.1',
    ]);
    const gin = one(dependencies, 'github.com/gin-gonic/gin');
    assert.equal(gin.direct, true);
    assert.equal(gin.line, 8);
    assert.equal(gin.purl, 'pkg:golang/github.com/gin-gonic/gin@v1.10.0');
    assert.equal(one(dependencies, 'golang.org/x/net').direct, false);
    assert.equal(one(dependencies, 'gopkg.in/yaml.v3').direct, false);
    assert.equal(one(dependencies, 'gopkg.in/yaml.v3').line, 18);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /^go\.mod:9: github\.com\/google\/uuid is replaced by github\.com\/google\/uuid v1\.6\.0 \(line 20\)/);
  });

  it('reads go.sum module versions, not versions known only by their go.mod hash', () => {
    const { dependencies, warnings } = parseManifest('go.sum', fixture('go/go.sum'), 'go.sum');
    assert.deepEqual(warnings, []);
    assert.equal(dependencies.length, 6);
    assert.ok(!dependencies.some((d) => d.version === 'v0.20.0'), 'x/net v0.20.0 has only a /go.mod line');
    const text = one(dependencies, 'golang.org/x/text');
    assert.equal(text.line, 10);
    assert.equal(text.integrity, 'h1:h1V/4gjBv8v9cjcR6+AR5+/cIYK5N/WAgiv4xlsEtAk=');
  });

  it('warns on an unclosed block and a malformed go.sum line', () => {
    assert.match(parseManifest('go.mod', 'module x\nrequire (\n\ta v1.0.0\n', 'go.mod').warnings.join(), /never closed/);
    const sum = parseManifest('go.sum', 'garbage\na v1.0.0 h1:x=\n', 'go.sum');
    assert.equal(sum.dependencies.length, 1);
    assert.match(sum.warnings[0], /^go\.sum:1: not a go\.sum line/);
  });
});

describe('dependencies: Cargo.toml and Cargo.lock', () => {
  it('leaves the project and path crates out of Cargo.lock and makes their dependencies direct', () => {
    const { dependencies, warnings } = parseManifest('Cargo.lock', fixture('cargo/Cargo.lock'), 'Cargo.lock', { companion: fixture('cargo/Cargo.toml') });
    assert.deepEqual(warnings, []);
    assert.deepEqual(names(dependencies), ['anyhow@1.0.89', 'cfg-if@1.0.0', 'fastrand@2.1.1', 'serde@1.0.210', 'serde_derive@1.0.210', 'tempfile@3.13.0']);
    assert.ok(!dependencies.some((d) => d.name === 'fixture-cargo' || d.name === 'local-util'));
    assert.equal(one(dependencies, 'serde').direct, true);
    assert.equal(one(dependencies, 'serde_derive').direct, false);
    assert.deepEqual(one(dependencies, 'serde_derive').via, ['serde']);
    assert.equal(one(dependencies, 'tempfile').dev, true);
    assert.equal(one(dependencies, 'fastrand').dev, true);
    assert.equal(one(dependencies, 'serde').dev, false);
    const serde = one(dependencies, 'serde');
    assert.equal(serde.line, 40);
    assert.equal(serde.purl, 'pkg:cargo/serde@1.0.210');
    assert.equal(serde.integrity, 'c8e3592472072e6e22e0a54d5904d9febf8508f65fb8552499a1abc7d1078c3a');
    assert.equal(serde.resolved, 'registry+https://github.com/rust-lang/crates.io-index');
  });

  it('resolves "name version" references when a crate is locked twice', () => {
    const lock = [
      'version = 3',
      '[[package]]\nname = "app"\nversion = "0.1.0"\ndependencies = ["rand 0.8.5", "old"]',
      '[[package]]\nname = "rand"\nversion = "0.7.3"\nsource = "registry+https://github.com/rust-lang/crates.io-index"',
      '[[package]]\nname = "rand"\nversion = "0.8.5"\nsource = "registry+https://github.com/rust-lang/crates.io-index"',
      '[[package]]\nname = "old"\nversion = "1.0.0"\nsource = "registry+https://github.com/rust-lang/crates.io-index"\ndependencies = ["rand 0.7.3 (registry+https://github.com/rust-lang/crates.io-index)"]',
    ].join('\n\n');
    const { dependencies } = parseManifest('Cargo.lock', lock, 'Cargo.lock');
    assert.equal(one(dependencies, 'rand', '0.8.5').direct, true);
    assert.equal(one(dependencies, 'rand', '0.7.3').direct, false);
    assert.deepEqual(one(dependencies, 'rand', '0.7.3').via, ['old']);
  });

  it('reads Cargo.toml: versions are ranges unless "=", path crates left out, renames followed', () => {
    const { dependencies } = parseManifest(
      'Cargo.toml',
      fixture('cargo/Cargo.toml') + '\n[target.\'cfg(unix)\'.dependencies]\nmy-libc = { package = "libc", version = "0.2" }\n',
      'Cargo.toml',
    );
    assert.deepEqual(
      dependencies.map((d) => [d.name, d.version ?? d.range, d.dev]),
      [
        ['serde', '1.0', false],
        ['anyhow', '1.0.89', false],
        ['tempfile', '3', true],
        ['libc', '0.2', false],
      ],
    );
    assert.equal(one(dependencies, 'serde').line, 7);
  });
});

describe('dependencies: pom.xml', () => {
  const { dependencies, warnings } = parseManifest('pom.xml', fixture('maven/pom.xml'), 'pom.xml');

  it('reads dependencies as groupId:artifactId, not dependencyManagement or plugins', () => {
    assert.deepEqual(warnings, []);
    assert.deepEqual(names(dependencies), [
      'com.example:fixture-shared@1.2.0',
      'com.fasterxml.jackson.core:jackson-databind@2.17.2',
      'org.apache.commons:commons-text@1.12.0',
      'org.junit.jupiter:junit-jupiter@5.10.3',
      'org.slf4j:slf4j-api@2.0.13',
    ]);
    assert.ok(!dependencies.some((d) => d.name.includes('surefire')));
  });

  it('resolves ${property} versions, takes managed versions, and makes test scope dev', () => {
    assert.equal(one(dependencies, 'com.fasterxml.jackson.core:jackson-databind').version, '2.17.2');
    assert.equal(one(dependencies, 'com.example:fixture-shared').version, '1.2.0');
    assert.equal(one(dependencies, 'org.junit.jupiter:junit-jupiter').dev, true);
    assert.equal(one(dependencies, 'org.slf4j:slf4j-api').dev, false);
    assert.equal(one(dependencies, 'org.slf4j:slf4j-api').purl, 'pkg:maven/org.slf4j/slf4j-api@2.0.13');
  });

  it('gives the line of each <dependency>', () => {
    assert.equal(one(dependencies, 'com.fasterxml.jackson.core:jackson-databind').line, 29);
    assert.equal(one(dependencies, 'org.junit.jupiter:junit-jupiter').line, 48);
  });

  it('warns when a version comes from a parent it cannot see, and on a cyclic property', () => {
    const pom = `<project><properties><a>\${b}</a><b>\${a}</b></properties><dependencies>
      <dependency><groupId>g</groupId><artifactId>x</artifactId></dependency>
      <dependency><groupId>g</groupId><artifactId>y</artifactId><version>\${a}</version></dependency>
      <dependency><groupId>g</groupId><artifactId>z</artifactId><version>[1.0,2.0)</version></dependency>
    </dependencies></project>`;
    const r = parseManifest('pom.xml', pom, 'pom.xml');
    assert.deepEqual(
      r.dependencies.map((d) => [d.name, d.version ?? null, d.range ?? null]),
      [
        ['g:x', null, null],
        ['g:y', null, null],
        ['g:z', null, '[1.0,2.0)'],
      ],
    );
    assert.equal(r.warnings.length, 2);
    assert.match(r.warnings[0], /^pom\.xml:2: g:x: no version here/);
  });
});
