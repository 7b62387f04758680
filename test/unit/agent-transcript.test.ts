import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryTranscriptSink, scrub, Transcript } from '../../src/core/agent/transcript';
import { JsonlFileSink } from '../../src/core/agent/transcriptFile';

const TOKEN = 'ghp_abcdefghijklmnopqrstuvwxyz0123456789';

describe('transcript', () => {
  it('masks secret-named arguments, token shapes and known secrets', () => {
    const out = JSON.stringify(
      scrub(
        { type: 'toolCall', args: { apiKey: 'plain-value-123', query: `use ${TOKEN}`, nested: { password: 'p4ss' } }, content: 'the key is s3cr3t-value' },
        ['s3cr3t-value'],
      ),
    );
    assert.doesNotMatch(out, /plain-value-123|ghp_|p4ss|s3cr3t-value/);
    assert.match(out, /"apiKey":"••••••"/);
  });

  it('writes one JSON object per line with time, elapsed time and run id', () => {
    const sink = new MemoryTranscriptSink();
    const t = new Transcript(
      sink,
      'run-1',
      () => [],
      () => assert.fail('no failure expected'),
    );
    t.record({ type: 'usage', round: 1, inputTokens: 10, outputTokens: 2 });
    const line = JSON.parse(sink.lines[0]);
    assert.equal(line.runId, 'run-1');
    assert.equal(line.type, 'usage');
    assert.match(line.ts, /^\d{4}-\d\d-\d\dT/);
    assert.equal(typeof line.elapsedMs, 'number');
  });

  it('reports a failing sink once and carries on', () => {
    const failures: string[] = [];
    const t = new Transcript(
      {
        write: () => {
          throw new Error('disk full');
        },
      },
      'r',
      () => [],
      (m) => failures.push(m),
    );
    t.record({ type: 'usage', round: 1, inputTokens: 1, outputTokens: 1 });
    t.record({ type: 'usage', round: 2, inputTokens: 1, outputTokens: 1 });
    assert.equal(failures.length, 1);
    assert.match(failures[0], /disk full.*goes on without it/);
  });

  it('appends lines to a file', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ca-transcript-')), 'run.jsonl');
    for (const n of [1, 2]) {
      const sink = new JsonlFileSink(file);
      sink.write(JSON.stringify({ n }));
      await sink.close();
    }
    assert.equal(readFileSync(file, 'utf8'), '{"n":1}\n{"n":2}\n');
  });
});
