/**
 * A version order good enough to place a version between OSV's `introduced` and `fixed` events
 * across ecosystems: dot- and dash-separated parts, numbers compared as numbers, a pre-release
 * (1.0.0-rc.1, 1.0rc1) before its release. Exact per-ecosystem orders (PEP 440, Maven) differ at
 * the edges; there the result is only used to pick which fixed version to name.
 */
export function compareVersions(a: string, b: string): number {
  const [coreA, preA] = split(a);
  const [coreB, preB] = split(b);
  const n = Math.max(coreA.length, coreB.length);
  for (let i = 0; i < n; i++) {
    const d = comparePart(coreA[i] ?? '0', coreB[i] ?? '0');
    if (d !== 0) return d;
  }
  if (preA === preB) return 0;
  if (!preA) return 1;
  if (!preB) return -1;
  return preA.localeCompare(preB, 'en', { numeric: true });
}

function split(version: string): [string[], string] {
  const v = version.trim().replace(/^v/i, '').split('+')[0];
  const m = /^([0-9]+(?:\.[0-9]+)*)(?:[-._]?(.*))?$/.exec(v);
  if (!m) return [[v], ''];
  return [m[1].split('.'), m[2] ?? ''];
}

function comparePart(a: string, b: string): number {
  const na = Number(a);
  const nb = Number(b);
  if (Number.isInteger(na) && Number.isInteger(nb)) return na - nb;
  return a.localeCompare(b);
}
