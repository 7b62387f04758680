import { readFile } from 'node:fs/promises';
import { BUILTIN_DESCRIPTIONS, BUILTIN_NAMES, type BuiltinName } from '../builtins/catalog';
import { Emitter } from '../util/events';
import type { ParsedBuiltinOverride } from './builtinOverrides';
import { parseConnectorsFile, type FileProblem } from './connectorsFile';
import type { ConnectorConfig, Visibility } from './schema';

/** One place connectors come from: a file with a visibility (built-ins come with the extension). */
export interface ConnectorSource {
  visibility: Exclude<Visibility, 'builtin'>;
  file: string;
}

export interface Connector {
  /** Stable within a snapshot and across reloads: visibility, name and (for same-file duplicates) position. */
  id: string;
  name: string;
  /** The name as shown: qualified by its group when another connector has the same name. */
  label: string;
  visibility: Visibility;
  config: ConnectorConfig;
  /** Where the entry lives, for Edit; absent for built-ins. */
  origin?: { file: string; index: number; offset: number; line: number };
  /** A built-in connector: which one, and the file whose `"builtins"` holds its settings. */
  builtin?: { name: BuiltinName; settingsFile?: string };
  enabled: boolean;
}

export interface RegistryOptions {
  /** List the built-in connectors (default true; the CLI's ad-hoc and test registries say false). */
  builtins?: boolean;
}

export interface SourceProblem extends FileProblem {
  visibility: Visibility;
  severity: 'error' | 'warning';
}

export interface RegistrySnapshot {
  connectors: Connector[];
  problems: SourceProblem[];
}

const GROUP_WORD: Record<Visibility, string> = { builtin: 'built-in', private: 'private', shared_workspace: 'workspace' };

/** Reads every source, never throwing: a broken file becomes a problem and the others still load. */
export class ConnectorRegistry {
  private readonly changed = new Emitter<RegistrySnapshot>();
  readonly onDidChange = this.changed.event;
  private current: RegistrySnapshot = { connectors: [], problems: [] };
  private loading: Promise<RegistrySnapshot> | undefined;
  private reloadAgain = false;

  constructor(
    private sources: ConnectorSource[],
    private readonly options: RegistryOptions = {},
  ) {}

  get snapshot(): RegistrySnapshot {
    return this.current;
  }

  setSources(sources: ConnectorSource[]): Promise<RegistrySnapshot> {
    this.sources = sources;
    return this.reload();
  }

  /** Coalesces bursts of file-watcher events into at most one extra read. */
  reload(): Promise<RegistrySnapshot> {
    if (this.loading) {
      this.reloadAgain = true;
      return this.loading;
    }
    this.loading = (async () => {
      try {
        let snap: RegistrySnapshot;
        do {
          this.reloadAgain = false;
          snap = await this.read();
        } while (this.reloadAgain);
        this.current = snap;
        this.changed.fire(snap);
        return snap;
      } finally {
        this.loading = undefined;
      }
    })();
    return this.loading;
  }

  /** One read of every source; protected so a test can count reads. */
  protected async read(): Promise<RegistrySnapshot> {
    const connectors: Connector[] = [];
    const problems: SourceProblem[] = [];
    const files = await Promise.all(this.sources.map(async (s) => ({ source: s, text: await readText(s.file) })));
    // Built-in settings live in the private registry: a workspace file must not switch off or
    // reconfigure the tools a person relies on.
    const privateFile = this.sources.find((s) => s.visibility === 'private')?.file;
    let overrides: ParsedBuiltinOverride[] = [];
    for (const { source, text } of files) {
      if (typeof text !== 'string') {
        if (text.error) problems.push({ ...text.error, visibility: source.visibility, severity: 'error' });
        continue;
      }
      const parsed = parseConnectorsFile(text, source.file);
      for (const p of parsed.problems) problems.push({ ...p, visibility: source.visibility, severity: 'error' });
      if (source.file === privateFile) overrides = parsed.builtins ?? [];
      else if (parsed.builtins?.length) {
        problems.push({
          file: source.file,
          line: parsed.builtins[0].line,
          column: 1,
          offset: 0,
          message: '"builtins" is read from your private registry only; these settings are ignored here.',
          visibility: source.visibility,
          severity: 'warning',
        });
      }
      const seen = new Map<string, number>();
      for (const e of parsed.entries) {
        const n = (seen.get(e.config.name) ?? 0) + 1;
        seen.set(e.config.name, n);
        connectors.push({
          id: `${source.visibility}:${e.config.name}${n > 1 ? `#${n}` : ''}`,
          name: e.config.name,
          label: e.config.name,
          visibility: source.visibility,
          config: e.config,
          origin: { file: source.file, index: e.index, offset: e.offset, line: e.line },
          enabled: e.config.enabled !== false,
        });
      }
    }
    if (this.options.builtins !== false) connectors.unshift(...builtinConnectors(overrides, privateFile));
    qualifyDuplicates(connectors, problems);
    return { connectors, problems };
  }

  dispose(): void {
    this.changed.dispose();
  }
}

function builtinConnectors(overrides: readonly ParsedBuiltinOverride[], settingsFile: string | undefined): Connector[] {
  return BUILTIN_NAMES.map((name) => {
    const override = overrides.find((o) => o.name === name)?.override ?? {};
    const config: ConnectorConfig = {
      name,
      description: BUILTIN_DESCRIPTIONS[name],
      ...(override.toolConfiguration ? { toolConfiguration: override.toolConfiguration } : {}),
      ...(override.timeouts ? { timeouts: override.timeouts } : {}),
      ...(override.enabled === false ? { enabled: false } : {}),
    };
    return { id: `builtin:${name}`, name, label: name, visibility: 'builtin', config, builtin: { name, settingsFile }, enabled: override.enabled !== false };
  });
}

function qualifyDuplicates(connectors: Connector[], problems: SourceProblem[]): void {
  const byName = new Map<string, Connector[]>();
  for (const c of connectors) byName.set(c.name, [...(byName.get(c.name) ?? []), c]);
  for (const [name, group] of byName) {
    if (group.length < 2) continue;
    const counters = new Map<Visibility, number>();
    for (const c of group) {
      const inGroup = group.filter((o) => o.visibility === c.visibility).length;
      const n = (counters.get(c.visibility) ?? 0) + 1;
      counters.set(c.visibility, n);
      c.label = `${name} (${GROUP_WORD[c.visibility]}${inGroup > 1 ? ` #${n}` : ''})`;
    }
    const where = group.map((c) => GROUP_WORD[c.visibility]).join(', ');
    const first = group.find((c) => c.origin);
    problems.push({
      file: first?.origin?.file ?? '',
      line: first?.origin?.line ?? 1,
      column: 1,
      offset: first?.origin?.offset ?? 0,
      message: `The name "${name}" is used ${group.length} times (${where}); each is shown with its group. Rename one so tools stay unambiguous.`,
      entryName: name,
      visibility: first?.visibility ?? 'private',
      severity: 'warning',
    });
  }
}

async function readText(file: string): Promise<string | { error?: FileProblem }> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return {};
    return { error: { file, line: 1, column: 1, offset: 0, message: `Cannot read the file: ${(err as Error).message}` } };
  }
}
