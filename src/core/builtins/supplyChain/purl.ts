/**
 * Package URLs (`pkg:type/namespace/name@version?qualifiers#subpath`). OSV parses them itself; we
 * parse them too so a malformed one is refused with a reason before any request, and so the
 * answer can focus on the package the purl names (ecosystem and full name).
 */
import { SYSTEM_TABLE, systemOfPurlType, type System } from './systems';

export interface Purl {
  type: string;
  /** Decoded, segments joined by '/': "@types", "org.apache.commons", "github.com/gin-gonic". */
  namespace?: string;
  name: string;
  version?: string;
  qualifiers: Record<string, string>;
  subpath?: string;
}

const TYPE = /^[a-z][a-z0-9.+-]*$/;

/** Parses a package URL; throws an Error that says what is wrong with it. */
export function parsePurl(text: string): Purl {
  const input = text.trim();
  if (!/^pkg:/i.test(input)) throw new Error(`"${text}" is not a package URL: it must start with "pkg:", e.g. pkg:npm/left-pad@1.3.0.`);
  let rest = input.slice(4).replace(/^\/+/, '');

  let subpath: string | undefined;
  const hash = rest.indexOf('#');
  if (hash >= 0) {
    subpath =
      rest
        .slice(hash + 1)
        .split('/')
        .filter(Boolean)
        .map(decode)
        .join('/') || undefined;
    rest = rest.slice(0, hash);
  }
  const qualifiers: Record<string, string> = {};
  const question = rest.indexOf('?');
  if (question >= 0) {
    for (const pair of rest
      .slice(question + 1)
      .split('&')
      .filter(Boolean)) {
      const eq = pair.indexOf('=');
      if (eq > 0) qualifiers[pair.slice(0, eq).toLowerCase()] = decode(pair.slice(eq + 1));
    }
    rest = rest.slice(0, question);
  }

  const slash = rest.indexOf('/');
  if (slash <= 0) throw new Error(`"${text}" is not a package URL: it needs a type and a name, e.g. pkg:npm/left-pad.`);
  const type = rest.slice(0, slash).toLowerCase();
  if (!TYPE.test(type)) throw new Error(`"${text}" is not a package URL: "${type}" is not a valid type.`);
  let path = rest.slice(slash + 1).replace(/\/+$/, '');

  // The version follows the last '@' — unless that '@' opens a path segment, as an unencoded npm
  // scope does in pkg:npm/@types/node (the spec wants %40, but people write it plainly).
  let version: string | undefined;
  const at = path.lastIndexOf('@');
  if (at > 0 && path[at - 1] !== '/') {
    version = decode(path.slice(at + 1));
    path = path.slice(0, at);
    if (!version) throw new Error(`"${text}" has an empty version after "@".`);
  }
  const segments = path.split('/').filter(Boolean).map(decode);
  const name = segments.pop();
  if (!name) throw new Error(`"${text}" is not a package URL: the name is missing.`);
  const namespace = segments.length ? segments.join('/') : undefined;
  return { type, name, qualifiers, ...(namespace ? { namespace } : {}), ...(version ? { version } : {}), ...(subpath ? { subpath } : {}) };
}

/** The system a purl belongs to, when it is one of ours. */
export function purlSystem(purl: Purl): System | undefined {
  return systemOfPurlType(purl.type);
}

/** The package's full name as its own ecosystem (and OSV, and deps.dev) writes it. */
export function purlPackageName(purl: Purl): string {
  if (!purl.namespace) return purl.name;
  return purl.type === 'maven' ? `${purl.namespace}:${purl.name}` : `${purl.namespace}/${purl.name}`;
}

/** The OSV ecosystem a purl maps to, when it is one of ours. */
export function purlOsvEcosystem(purl: Purl): string | undefined {
  const system = purlSystem(purl);
  return system ? SYSTEM_TABLE[system].osv : undefined;
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    // A stray '%' that is not an escape: keep the text as written rather than refuse it.
    return segment;
  }
}
