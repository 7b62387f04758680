/**
 * Keeps tool answers small: a list longer than the cap is cut, and the answer says how many were
 * left out, so the model knows the list is partial instead of taking it for the whole.
 */
export interface Capped<T> {
  items: T[];
  /** Present only when something was cut: "12 more versions left out". */
  note?: string;
}

export function capList<T>(items: readonly T[], max: number, what: string): Capped<T> {
  if (items.length <= max) return { items: [...items] };
  return { items: items.slice(0, max), note: `${items.length - max} more ${what} left out (showing ${max} of ${items.length}).` };
}
