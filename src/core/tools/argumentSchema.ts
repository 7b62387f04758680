import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';

/**
 * A tool's input schema as the forms, the CLI and the validator need it: which fields exist,
 * whether a flat step-by-step form can collect them, and whether arguments satisfy the schema.
 */

export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  description?: string;
  title?: string;
  items?: JsonSchema;
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  definitions?: Record<string, JsonSchema>;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
};

export type FieldKind = 'string' | 'number' | 'integer' | 'boolean' | 'enum' | 'string[]';

export interface FlatField {
  name: string;
  kind: FieldKind;
  required: boolean;
  description?: string;
  default?: unknown;
  options?: unknown[];
  minimum?: number;
  maximum?: number;
}

function kindOf(s: JsonSchema): FieldKind | undefined {
  if (s.$ref || s.anyOf || s.oneOf || s.allOf) return undefined;
  if (Array.isArray(s.enum) && s.enum.length > 0) return 'enum';
  const type = Array.isArray(s.type) ? s.type.filter((t) => t !== 'null') : [s.type];
  if (type.length !== 1) return undefined;
  switch (type[0]) {
    case 'string':
    case 'number':
    case 'integer':
    case 'boolean':
      return type[0];
    case 'array':
      return s.items && kindOf(s.items) === 'string' ? 'string[]' : undefined;
    default:
      return undefined;
  }
}

/** The fields of a flat schema, or undefined when it needs the JSON editor (nesting, $ref, unions). */
export function flatFields(schema: JsonSchema | undefined): FlatField[] | undefined {
  if (!schema || schema.type !== 'object' || schema.$ref || schema.anyOf || schema.oneOf || schema.allOf) {
    return schema && Object.keys(schema.properties ?? {}).length === 0 && !schema.$ref ? [] : undefined;
  }
  const required = new Set(schema.required ?? []);
  const fields: FlatField[] = [];
  for (const [name, prop] of Object.entries(schema.properties ?? {})) {
    const kind = kindOf(prop);
    if (!kind) return undefined;
    fields.push({
      name,
      kind,
      required: required.has(name),
      description: prop.description ?? prop.title,
      default: prop.default,
      options: kind === 'enum' ? prop.enum : undefined,
      minimum: prop.minimum,
      maximum: prop.maximum,
    });
  }
  return fields;
}

/** Turns text typed for a field into its value, or says why it cannot be. */
export function coerceField(field: FlatField, text: string): { value?: unknown; error?: string } {
  switch (field.kind) {
    case 'number':
    case 'integer': {
      const n = Number(text.trim());
      if (text.trim() === '' || !Number.isFinite(n)) return { error: `"${field.name}" must be a number` };
      if (field.kind === 'integer' && !Number.isInteger(n)) return { error: `"${field.name}" must be a whole number` };
      if (field.minimum !== undefined && n < field.minimum) return { error: `"${field.name}" must be at least ${field.minimum}` };
      if (field.maximum !== undefined && n > field.maximum) return { error: `"${field.name}" must be at most ${field.maximum}` };
      return { value: n };
    }
    case 'boolean':
      if (/^(true|yes|1)$/i.test(text.trim())) return { value: true };
      if (/^(false|no|0)$/i.test(text.trim())) return { value: false };
      return { error: `"${field.name}" must be true or false` };
    case 'enum': {
      const match = field.options?.find((o) => String(o) === text);
      return match === undefined ? { error: `"${field.name}" must be one of ${field.options?.map(String).join(', ')}` } : { value: match };
    }
    case 'string[]':
      return {
        value: text
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      };
    default:
      return { value: text };
  }
}

/** `key=value` pairs from the command line, typed by the schema where it says how. */
export function coerceKeyValues(pairs: readonly string[], schema: JsonSchema | undefined): Record<string, unknown> {
  const fields = new Map((flatFields(schema) ?? []).map((f) => [f.name, f]));
  const props = schema?.properties ?? {};
  const out: Record<string, unknown> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new ArgumentsError(`--arg "${pair}" is not key=value`);
    const key = pair.slice(0, eq);
    const raw = pair.slice(eq + 1);
    const field = fields.get(key);
    if (field) {
      const { value, error } = coerceField(field, raw);
      if (error) throw new ArgumentsError(error);
      out[key] = value;
    } else if (props[key] && kindOf(props[key]) === undefined) {
      // Nested field given inline: accept JSON so `--arg 'filter={"a":1}'` works.
      try {
        out[key] = JSON.parse(raw);
      } catch {
        throw new ArgumentsError(`"${key}" needs JSON (it is ${describeType(props[key])}); use --args-json for nested arguments`);
      }
    } else {
      out[key] = raw;
    }
  }
  return out;
}

function describeType(s: JsonSchema): string {
  return s.type ? String(s.type) : s.$ref ? s.$ref.split('/').pop()! : 'structured';
}

export class ArgumentsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ArgumentsError';
  }
}

const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
const compiled = new WeakMap<object, ValidateFunction>();

/** Checks arguments against the input schema; the error names every field that is wrong and why. */
export function validateArguments(schema: JsonSchema | undefined, args: unknown): void {
  if (!schema) return;
  let validate = compiled.get(schema);
  if (!validate) {
    try {
      validate = ajv.compile(schema);
    } catch (err) {
      // A server's broken schema must not block the call: the server is the final judge.
      return void err;
    } finally {
      // Ajv also keeps every schema it compiled, in a Map of its own and under its `$id`. Ours is
      // the cache (by schema object, dropped with the tool list): forgetting it there lets old
      // lists be collected, and a new schema with the same `$id` (the tool changed, or a second
      // connector to the same server) compiles instead of throwing "already exists", which
      // skipped the check.
      forget(schema);
    }
    compiled.set(schema, validate);
  }
  if (!validate(args)) throw new ArgumentsError(describeErrors(validate.errors ?? []));
}

function forget(schema: JsonSchema): void {
  try {
    ajv.removeSchema(schema);
  } catch {
    // An `$id` that is not a string: Ajv refused the schema and registered nothing under it.
  }
}

function describeErrors(errors: ErrorObject[]): string {
  const lines = errors.slice(0, 5).map((e) => {
    if (e.keyword === 'required') return `"${(e.params as { missingProperty: string }).missingProperty}" is required`;
    if (e.keyword === 'additionalProperties') return `"${(e.params as { additionalProperty: string }).additionalProperty}" is not an argument of this tool`;
    const field = e.instancePath ? `"${e.instancePath.slice(1).replace(/\//g, '.')}"` : 'the arguments';
    if (e.keyword === 'enum')
      return `${field} must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
    return `${field} ${e.message ?? 'is invalid'}`;
  });
  return `Invalid arguments: ${lines.join('; ')}${errors.length > 5 ? ` (and ${errors.length - 5} more)` : ''}.`;
}

/** A starting point for the JSON editor: required fields filled with defaults or typed placeholders. */
export function skeletonFor(schema: JsonSchema | undefined, root: JsonSchema | undefined = schema, depth = 0): unknown {
  if (!schema || depth > 6) return null;
  if (schema.default !== undefined) return schema.default;
  if (schema.const !== undefined) return schema.const;
  if (schema.$ref) return skeletonFor(resolveRef(schema.$ref, root), root, depth + 1);
  if (Array.isArray(schema.enum) && schema.enum.length) return schema.enum[0];
  const union = schema.anyOf ?? schema.oneOf;
  if (union?.length) return skeletonFor(union.find((s) => s.type !== 'null') ?? union[0], root, depth + 1);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      const required = new Set(schema.required ?? []);
      for (const [k, v] of Object.entries(schema.properties ?? {})) {
        if (required.has(k) || depth === 0) out[k] = skeletonFor(v, root, depth + 1);
      }
      return out;
    }
    case 'array':
      return schema.items ? [skeletonFor(schema.items, root, depth + 1)] : [];
    case 'string':
      return '';
    case 'number':
    case 'integer':
      return 0;
    case 'boolean':
      return false;
    default:
      return null;
  }
}

function resolveRef(ref: string, root: JsonSchema | undefined): JsonSchema | undefined {
  const m = /^#\/(\$defs|definitions)\/(.+)$/.exec(ref);
  return m ? root?.[m[1] as '$defs' | 'definitions']?.[m[2]] : undefined;
}
