import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { coerceField, coerceKeyValues, flatFields, skeletonFor, validateArguments, type JsonSchema } from '../../src/core/tools/argumentSchema';

const sum: JsonSchema = {
  type: 'object',
  properties: {
    a: { type: 'number', description: 'First' },
    b: { type: 'integer', minimum: 0 },
    mode: { enum: ['fast', 'slow'], default: 'fast' },
    dry: { type: 'boolean' },
  },
  required: ['a', 'b'],
};

describe('flat schemas become one step per field', () => {
  it('lists the fields with kinds, required flags, defaults and options', () => {
    const fields = flatFields(sum)!;
    assert.deepEqual(
      fields.map((f) => [f.name, f.kind, f.required]),
      [
        ['a', 'number', true],
        ['b', 'integer', true],
        ['mode', 'enum', false],
        ['dry', 'boolean', false],
      ],
    );
    assert.deepEqual(fields[2].options, ['fast', 'slow']);
    assert.equal(fields[2].default, 'fast');
  });

  it('sends nested objects, $ref and unions to the JSON editor', () => {
    assert.equal(flatFields({ type: 'object', properties: { filter: { type: 'object', properties: {} } } }), undefined);
    assert.equal(flatFields({ type: 'object', properties: { x: { $ref: '#/$defs/X' } } }), undefined);
    assert.equal(flatFields({ type: 'object', properties: { x: { anyOf: [{ type: 'string' }, { type: 'number' }] } } }), undefined);
    assert.deepEqual(flatFields({ type: 'object' }), []);
  });

  it('coerces typed text and explains refusals', () => {
    const [a, b, mode, dry] = flatFields(sum)!;
    assert.deepEqual(coerceField(a, '2.5'), { value: 2.5 });
    assert.match(coerceField(a, 'two').error!, /"a" must be a number/);
    assert.match(coerceField(b, '1.5').error!, /whole number/);
    assert.match(coerceField(b, '-1').error!, /at least 0/);
    assert.deepEqual(coerceField(mode, 'slow'), { value: 'slow' });
    assert.match(coerceField(mode, 'medium').error!, /one of fast, slow/);
    assert.deepEqual(coerceField(dry, 'yes'), { value: true });
  });
});

describe('command-line arguments', () => {
  it('types key=value pairs by the schema', () => {
    assert.deepEqual(coerceKeyValues(['a=2', 'b=3', 'mode=slow', 'dry=false'], sum), { a: 2, b: 3, mode: 'slow', dry: false });
  });

  it('accepts JSON for nested fields and keeps unknown keys as strings for the validator to judge', () => {
    const schema: JsonSchema = { type: 'object', properties: { filter: { type: 'object' } } };
    assert.deepEqual(coerceKeyValues(['filter={"x":1}', 'extra=1'], schema), { filter: { x: 1 }, extra: '1' });
    assert.throws(() => coerceKeyValues(['filter=nope'], schema), /needs JSON/);
    assert.throws(() => coerceKeyValues(['novalue'], schema), /is not key=value/);
  });
});

describe('validation', () => {
  it('names every wrong field and why', () => {
    assert.throws(() => validateArguments(sum, { a: 'x' }), /"a" must be number.*"b" is required|"b" is required.*"a" must be number/);
    assert.throws(() => validateArguments(sum, { a: 1, b: 2, mode: 'medium' }), /"mode" must be one of "fast", "slow"/);
    assert.doesNotThrow(() => validateArguments(sum, { a: 1, b: 2 }));
  });

  it('does not block a call because the server sent a schema it cannot compile', () => {
    assert.doesNotThrow(() => validateArguments({ type: 'object', properties: { a: { $ref: '#/nowhere' } } } as JsonSchema, { a: 1 }));
    assert.doesNotThrow(() => validateArguments({ $id: 5, type: 'object' } as unknown as JsonSchema, { a: 1 }));
  });

  it('validates against a new schema that reuses the $id of an earlier one (a changed tool, a second connector to the same server)', () => {
    const v1 = { $id: 'https://example.com/tools/sum.json', type: 'object', properties: { a: { type: 'number' } }, required: ['a'] } as JsonSchema;
    const v2 = { ...v1, properties: { a: { type: 'string' } } } as JsonSchema;
    assert.throws(() => validateArguments(v1, { a: 'x' }), /"a" must be number/);
    assert.throws(() => validateArguments(v2, { a: 1 }), /"a" must be string/);
    assert.doesNotThrow(() => validateArguments(v2, { a: 'x' }));
    assert.throws(() => validateArguments(v1, { a: 'x' }), /"a" must be number/, 'the first schema still has its own compiled check');
  });
});

describe('skeletons for the JSON editor', () => {
  it('fills required fields, follows $ref and picks the non-null branch of a union', () => {
    const schema: JsonSchema = {
      type: 'object',
      required: ['query', 'filters'],
      properties: {
        query: { type: 'string' },
        filters: { type: 'array', items: { $ref: '#/$defs/Filter' } },
        limit: { type: 'integer', default: 10 },
      },
      $defs: {
        Filter: {
          type: 'object',
          required: ['field', 'op'],
          properties: { field: { type: 'string' }, op: { enum: ['eq', 'ne'] }, value: { anyOf: [{ type: 'null' }, { type: 'number' }] } },
        },
      },
    };
    assert.deepEqual(skeletonFor(schema), { query: '', filters: [{ field: '', op: 'eq' }], limit: 10 });
  });
});
