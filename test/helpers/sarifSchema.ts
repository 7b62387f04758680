// The OASIS SARIF 2.1.0 schema (Errata 01, vendored with its source and licence in
// test/fixtures/sarif/) as an Ajv validator, for the unit tests of the renderer and the CLI's output.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';

export const SARIF_SCHEMA_TEXT = readFileSync(join(__dirname, '../fixtures/sarif/sarif-schema-2.1.0.json'), 'utf8');

/**
 * The schema is draft-04 (`id`, `$schema` draft-04), which Ajv 8 does not ship. Its keywords mean
 * the same in draft-07 except `id` (now `$id`) and the boolean exclusiveMinimum/Maximum, which it
 * does not use; so Ajv's draft-07 class reads it with `id` as `$id`.
 */
export function sarifValidator() {
  const { $schema: draft, id, ...rest } = JSON.parse(SARIF_SCHEMA_TEXT) as Record<string, unknown>;
  assert.match(String(draft), /draft-04/);
  assert.doesNotMatch(SARIF_SCHEMA_TEXT, /"exclusiveM(in|ax)imum"/, 'no keyword whose meaning changed after draft-04');
  const ajv = new Ajv({ allErrors: true, allowUnionTypes: true });
  addFormats(ajv);
  return ajv.compile({ $id: String(id), ...rest });
}
