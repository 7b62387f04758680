import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseManifest } from '../../src/core/dependencies';
import { fixture, names, one } from '../helpers/lockfiles';

describe('dependencies: requirements.txt', () => {
  const { dependencies, warnings } = parseManifest('requirements.txt', fixture('requirements/requirements.txt'), 'requirements/requirements.txt');

  it('reads pins across continuation lines, hashes, extras and markers', () => {
    assert.deepEqual(warnings, []);
    assert.deepEqual(names(dependencies), [
      'Django_Rest@1.0.0',
      'certifi@2024.8.30',
      'charset-normalizer@3.3.2',
      'idna@3.10',
      'requests@2.32.3',
      'urllib3@2.2.3',
    ]);
    const requests = one(dependencies, 'requests');
    assert.equal(requests.integrity, 'sha256:70761cfe03c773ceb22aa2f671b4757976145175cdfca038c02654d061d6dcc6');
    assert.equal(requests.line, 23);
    assert.equal(one(dependencies, 'certifi').line, 9);
    assert.ok(dependencies.every((d) => d.ecosystem === 'PyPI' && !d.dev));
  });

  it("tells direct from transitive by pip-compile's via comments", () => {
    assert.equal(one(dependencies, 'requests').direct, true);
    assert.equal(one(dependencies, 'idna').direct, true, 'named by -r requirements.in and by requests');
    const certifi = one(dependencies, 'certifi');
    assert.equal(certifi.direct, false);
    assert.deepEqual(certifi.via, ['requests']);
  });

  it('normalises the purl name as PyPI does', () => {
    assert.equal(one(dependencies, 'Django_Rest').purl, 'pkg:pypi/django-rest@1.0.0');
  });

  it('skips editable, URL and option lines with warnings, and names includes', () => {
    const dev = parseManifest('requirements.txt', fixture('requirements/requirements-dev.txt'), 'requirements/requirements-dev.txt');
    assert.deepEqual(names(dev.dependencies), ['coverage', 'private-pkg', 'pytest']);
    assert.ok(
      dev.dependencies.every((d) => d.dev && d.direct),
      'requirements-dev.txt is dev',
    );
    assert.equal(one(dev.dependencies, 'pytest').range, '>=8.0,<9');
    assert.equal(one(dev.dependencies, 'pytest').line, 3);
    assert.equal(one(dev.dependencies, 'private-pkg').resolved, 'https://files.example.com/private_pkg-1.0-py3-none-any.whl');
    const w = dev.warnings.join('\n');
    assert.match(w, /requirements-dev\.txt:5: editable install skipped/);
    assert.match(w, /requirements-dev\.txt:6: URL or path requirement skipped/);
    assert.match(w, /includes requirements\/requirements\.txt/);
    assert.match(w, /includes requirements\/requirements\/lint\.txt/);
  });

  it('reads a range, a wildcard and a bare name as ranges, not versions', () => {
    const { dependencies: deps } = parseManifest('requirements.txt', 'a>=1.0\nb==1.*\nc\nd===2.0\n', 'requirements.txt');
    assert.deepEqual(
      deps.map((d) => [d.name, d.version ?? null, d.range ?? null]),
      [
        ['a', null, '>=1.0'],
        ['b', null, '==1.*'],
        ['c', null, null],
        ['d', '2.0', null],
      ],
    );
  });
});

describe('dependencies: pyproject.toml and poetry.lock', () => {
  it('reads Poetry dependencies and groups from pyproject.toml, without python', () => {
    const { dependencies, warnings } = parseManifest('pyproject.toml', fixture('poetry/pyproject.toml'), 'pyproject.toml');
    assert.deepEqual(warnings, []);
    assert.deepEqual(names(dependencies), ['Flask@3.0.3', 'pytest', 'requests']);
    assert.equal(one(dependencies, 'pytest').dev, true);
    assert.equal(one(dependencies, 'requests').range, '^2.32');
    assert.equal(one(dependencies, 'requests').line, 10);
  });

  it('reads PEP 621 and PEP 735 tables', () => {
    const { dependencies } = parseManifest('pyproject.toml', fixture('uv/pyproject.toml'), 'pyproject.toml');
    assert.deepEqual(
      dependencies.map((d) => [d.name, d.range, d.dev]),
      [
        ['httpx', '>=0.27', false],
        ['ruff', '>=0.6', true],
      ],
    );
  });

  it('reads poetry.lock with groups for dev, and with pyproject.toml beside it direct and via', () => {
    const { dependencies, warnings } = parseManifest('poetry.lock', fixture('poetry/poetry.lock'), 'poetry.lock', {
      companion: fixture('poetry/pyproject.toml'),
    });
    assert.deepEqual(warnings, []);
    assert.deepEqual(names(dependencies), ['blinker@1.8.2', 'certifi@2024.8.30', 'flask@3.0.3', 'iniconfig@2.0.0', 'pytest@8.3.3', 'requests@2.32.3']);
    assert.equal(one(dependencies, 'flask').direct, true);
    assert.equal(one(dependencies, 'pytest').dev, true);
    assert.equal(one(dependencies, 'iniconfig').dev, true);
    assert.equal(one(dependencies, 'requests').dev, false);
    assert.deepEqual(one(dependencies, 'blinker').via, ['Flask']);
    assert.equal(one(dependencies, 'blinker').direct, false);
    assert.equal(one(dependencies, 'flask').line, 26);
  });

  it('reads the category of Poetry 1.x locks', () => {
    const lock = '[[package]]\nname = "black"\nversion = "24.1.0"\ncategory = "dev"\n\n[[package]]\nname = "attrs"\nversion = "23.2.0"\ncategory = "main"\n';
    const { dependencies } = parseManifest('poetry.lock', lock, 'poetry.lock');
    assert.deepEqual(
      dependencies.map((d) => [d.name, d.dev, d.line]),
      [
        ['black', true, 1],
        ['attrs', false, 6],
      ],
    );
  });
});

describe('dependencies: uv.lock and Pipfile.lock', () => {
  it('reads uv.lock: the virtual project is the root, its dev group is dev', () => {
    const { dependencies, warnings } = parseManifest('uv.lock', fixture('uv/uv.lock'), 'uv.lock');
    assert.deepEqual(warnings, []);
    assert.deepEqual(names(dependencies), ['anyio@4.6.2', 'certifi@2024.8.30', 'httpx@0.27.2', 'idna@3.10', 'ruff@0.6.9', 'sniffio@1.3.1']);
    assert.equal(one(dependencies, 'httpx').direct, true);
    assert.equal(one(dependencies, 'ruff').dev, true);
    assert.equal(one(dependencies, 'idna').direct, false);
    assert.deepEqual(one(dependencies, 'idna').via, ['httpx']);
    assert.equal(one(dependencies, 'anyio').resolved, 'https://pypi.org/simple');
    assert.match(one(dependencies, 'anyio').integrity!, /^sha256:f72a7bb3/);
    assert.equal(one(dependencies, 'httpx').line, 43);
  });

  it('reads Pipfile.lock default as production and develop as dev, direct from the Pipfile', () => {
    const { dependencies, warnings } = parseManifest('Pipfile.lock', fixture('pipenv/Pipfile.lock'), 'Pipfile.lock', { companion: fixture('pipenv/Pipfile') });
    assert.deepEqual(warnings, []);
    assert.deepEqual(names(dependencies), ['certifi@2024.8.30', 'iniconfig@2.0.0', 'pytest@8.3.3', 'requests@2.32.3']);
    assert.equal(one(dependencies, 'requests').direct, true);
    assert.equal(one(dependencies, 'certifi').direct, false);
    assert.equal(one(dependencies, 'pytest').dev, true);
    assert.equal(one(dependencies, 'requests').line, 26);
  });

  it('reads a Pipfile', () => {
    const { dependencies } = parseManifest('Pipfile', fixture('pipenv/Pipfile'), 'Pipfile');
    assert.deepEqual(
      dependencies.map((d) => [d.name, d.version, d.dev, d.line]),
      [
        ['requests', '2.32.3', false, 7],
        ['pytest', undefined, true, 10],
      ],
    );
  });
});
