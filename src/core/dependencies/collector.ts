/**
 * What every parser shares: the file's path, its warnings (each naming the file, and the line
 * when known) and the dependencies read so far, so a parser that fails halfway still returns them.
 */
import type { Dependency, Ecosystem, ParseResult } from './model';
import { purlOf } from './purl';

export type DependencyInput = Omit<Dependency, 'ecosystem' | 'purl' | 'manifest'>;

export class Collector {
  readonly dependencies: Dependency[] = [];
  readonly warnings: string[] = [];

  constructor(
    readonly path: string,
    readonly ecosystem: Ecosystem,
  ) {}

  warn(message: string, line?: number): void {
    // A hostile file could make every entry fail; a thousand identical warnings help nobody.
    if (this.warnings.length >= MAX_WARNINGS) return;
    this.warnings.push(`${this.path}${line ? `:${line}` : ''}: ${message}`);
    if (this.warnings.length === MAX_WARNINGS) this.warnings.push(`${this.path}: further warnings left out`);
  }

  add(input: DependencyInput): Dependency {
    const dep: Dependency = {
      ecosystem: this.ecosystem,
      ...withoutUndefined(input),
      purl: purlOf(this.ecosystem, input.name, input.version),
      manifest: this.path,
    };
    this.dependencies.push(dep);
    return dep;
  }

  result(): ParseResult {
    return { dependencies: this.dependencies, warnings: this.warnings };
  }
}

const MAX_WARNINGS = 50;

/** Drops undefined fields so results compare and serialise cleanly. */
function withoutUndefined<T extends object>(o: T): T {
  const out = { ...o };
  for (const key of Object.keys(out) as (keyof T)[]) if (out[key] === undefined) delete out[key];
  return out;
}

/** A string field of an untyped object, or undefined. */
export function str(o: unknown, key: string): string | undefined {
  if (!o || typeof o !== 'object') return undefined;
  const v = (o as Record<string, unknown>)[key];
  return typeof v === 'string' ? v : undefined;
}

/** An object field of an untyped object (never an array), or undefined. */
export function obj(o: unknown, key?: string): Record<string, unknown> | undefined {
  const v = key === undefined ? o : o && typeof o === 'object' ? (o as Record<string, unknown>)[key] : undefined;
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/** An array field of an untyped object, or []. */
export function arr(o: unknown, key: string): unknown[] {
  const v = o && typeof o === 'object' ? (o as Record<string, unknown>)[key] : undefined;
  return Array.isArray(v) ? v : [];
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
