// The popular-name lists behind the look-alike check, checked whole: popular packages never flag
// each other (the check would otherwise cry wolf on the packages people use most), and the
// incident-style look-alikes the registry fakes serve are still caught.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { POPULAR_NPM, POPULAR_PYPI } from '../../src/core/evidence/popularNames';
import { lookAlike, normaliseName } from '../../src/core/evidence/typosquat';

describe('popular names', () => {
  for (const [ecosystem, list] of [
    ['npm', POPULAR_NPM],
    ['pypi', POPULAR_PYPI],
  ] as const) {
    it(`${ecosystem}: no popular name is flagged as a look-alike of another`, () => {
      const flagged = list.flatMap((name) => {
        const hit = lookAlike(name, ecosystem);
        return hit ? [`${name} → ${hit.similarTo}`] : [];
      });
      assert.deepEqual(flagged, []);
    });

    it(`${ecosystem}: no name is listed twice (after the registry's normalisation)`, () => {
      const seen = list.map((n) => normaliseName(n, ecosystem));
      assert.equal(new Set(seen).size, seen.length);
    });
  }

  it('the look-alikes of public incidents are flagged', () => {
    assert.equal(lookAlike('expresss', 'npm')?.similarTo, 'express');
    assert.equal(lookAlike('reqeusts', 'pypi')?.similarTo, 'requests');
    assert.equal(lookAlike('crossenv', 'npm'), undefined, "equal to cross-env once npm strips punctuation: npm's moniker rule refuses it at publish");
    assert.equal(lookAlike('cros-env', 'npm')?.similarTo, 'cross-env');
    assert.equal(lookAlike('python-dateutils', 'pypi')?.similarTo, 'python-dateutil');
    assert.equal(lookAlike('beautifulsoup', 'pypi')?.similarTo, 'beautifulsoup4');
  });
});
