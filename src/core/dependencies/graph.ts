/**
 * From a lockfile's dependency graph, which direct dependencies bring each package in (`via`)
 * and whether any production root reaches it (else it is dev-only). One breadth-first walk per
 * direct dependency: linear in the graph per root, and cycles are visited once.
 */
export interface Root {
  /** Graph node of the direct dependency. */
  node: string;
  /** Its name as the project asks for it (what `via` lists). */
  name: string;
  dev: boolean;
}

export interface Reach {
  via: Map<string, Set<string>>;
  /** Nodes some non-dev root reaches. */
  prod: Set<string>;
  /** Nodes any root reaches. */
  reached: Set<string>;
}

/** Above this many root × node visits the `via` sets are left incomplete rather than slow. */
const VISIT_BUDGET = 20_000_000;

export function reachFrom(roots: Root[], edges: (node: string) => Iterable<string>): Reach {
  const via = new Map<string, Set<string>>();
  const prod = new Set<string>();
  const reached = new Set<string>();
  let visits = 0;
  const adjacency = new Map<string, string[]>();
  const next = (node: string): string[] => {
    let out = adjacency.get(node);
    if (!out) adjacency.set(node, (out = [...edges(node)]));
    return out;
  };
  for (const root of roots) {
    const seen = new Set<string>([root.node]);
    const queue = [root.node];
    for (let i = 0; i < queue.length && visits < VISIT_BUDGET; i++, visits++) {
      const node = queue[i];
      reached.add(node);
      if (!root.dev) prod.add(node);
      let names = via.get(node);
      if (!names) via.set(node, (names = new Set()));
      names.add(root.name);
      for (const child of next(node)) {
        if (!seen.has(child)) {
          seen.add(child);
          queue.push(child);
        }
      }
    }
  }
  return { via, prod, reached };
}
