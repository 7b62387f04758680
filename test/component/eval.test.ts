// The eval set (test/eval) in rules mode: every recorded case through the one agent loop, the
// real built-in connectors against the fakes replaying the case's public records, at the case's
// recording time. Deterministic: the figures are asserted, and so is the list of known misses,
// so a rule change that fixes or breaks a case shows here (update KNOWN_MISSES and say why).
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loadCases } from '../eval/cases';
import { meetsThresholds, RULES_BACKEND, runCase, summarise, THRESHOLDS, type CaseResult } from '../eval/harness';

/** Cases the rules get wrong today, with the reason (test/eval/README.md, "Known misses"). */
const KNOWN_MISSES: Record<string, string> = {
  'colors-1.4.1': 'GitHub files the sabotage as a HIGH denial of service (CWE-835), not malware: no hard rule applies, so CAUTION',
  'request-2.88.2': 'deprecated and archived fail "maintained", but no hard rule turns abandonment plus an unfixable MODERATE advisory into AVOID',
};

describe('eval set, rules only', () => {
  const results: CaseResult[] = [];
  before(async () => {
    for (const c of loadCases()) results.push(await runCase(c, RULES_BACKEND));
  });

  it('holds at least 15 cases, each with a source.md and an expected verdict', () => {
    assert.ok(results.length >= 15, `${results.length} cases`);
  });

  it('meets the thresholds: accuracy, recall of critical findings, no compromised release called SAFE, valid citations', () => {
    const s = summarise('rules', results);
    assert.deepEqual(meetsThresholds(s), []);
    assert.equal(s.compromisedCalledSafe, 0);
    assert.equal(s.errors, 0);
    assert.ok(s.accuracy >= THRESHOLDS.accuracy, `accuracy ${s.accuracy}`);
    assert.equal(s.recall, 1, JSON.stringify(results.flatMap((r) => r.critical.filter((h) => !h.found).map((h) => `${r.id}: ${h.item}`))));
    assert.equal(s.citationValidity, 1);
  });

  it('misses exactly the known cases, none of them by calling it SAFE', () => {
    const wrong = results.filter((r) => r.got !== r.expected);
    assert.deepEqual(wrong.map((r) => r.id).sort(), Object.keys(KNOWN_MISSES).sort(), JSON.stringify(wrong.map((r) => [r.id, r.expected, r.got])));
    for (const r of wrong) assert.notEqual(r.got, 'SAFE TO ADOPT', `${r.id}: expected ${r.expected}`);
  });

  it('replays at the recording time: ages come from the recorded clock, not today', () => {
    const express = results.find((r) => r.id === 'express-5.1.0')!;
    const release = express.evidence?.checks.find((c) => c.id === 'release-activity');
    // 5.1.0 was tagged on 2025-03-28, five months before the recording (2025-09-01); today it would be older.
    assert.equal(release?.status, 'pass', release?.explanation);
    assert.match(release?.explanation ?? '', /\b1\d{2} days ago/);
  });

  it('says what the recording lacks rather than inventing it: unrecorded services are listed as not checked', () => {
    const colors = results.find((r) => r.id === 'colors-1.4.1')!;
    assert.ok(colors.evidence?.couldNotCheck.some((g) => /not recorded: test\/eval\/cases\/colors-1\.4\.1/.test(g.text)));
  });
});
