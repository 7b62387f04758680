/**
 * A signal that follows `parent` for one operation, detached when disposed. The MCP SDK (1.32)
 * adds an abort listener per request and never removes it, so handing it the run's signal
 * would pile up one listener per call for the whole run.
 */
export function childSignal(parent: AbortSignal): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const forward = () => controller.abort(parent.reason);
  if (parent.aborted) controller.abort(parent.reason);
  else parent.addEventListener('abort', forward, { once: true });
  return { signal: controller.signal, dispose: () => parent.removeEventListener('abort', forward) };
}
