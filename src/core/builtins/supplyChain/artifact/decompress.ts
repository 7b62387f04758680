/**
 * gzip and raw deflate with a ceiling on the output, so a small archive that inflates to
 * gigabytes (a decompression bomb) is refused by zlib itself, before the memory is spent, and
 * reported as a finding of its own.
 */
import { gunzipSync, inflateRawSync } from 'node:zlib';

export type Inflated = { ok: true; bytes: Buffer } | { ok: false; reason: 'bomb' | 'corrupt'; detail: string };

export function gunzipBounded(input: Buffer, maxOutput: number): Inflated {
  return bounded(() => gunzipSync(input, { maxOutputLength: maxOutput }), input.length, maxOutput, 'gzip');
}

export function inflateRawBounded(input: Buffer, maxOutput: number): Inflated {
  return bounded(() => inflateRawSync(input, { maxOutputLength: maxOutput }), input.length, maxOutput, 'deflate');
}

function bounded(run: () => Buffer, inputSize: number, maxOutput: number, what: string): Inflated {
  try {
    return { ok: true, bytes: run() };
  } catch (err) {
    const code = (err as { code?: string }).code;
    // zlib stops at maxOutputLength with ERR_BUFFER_TOO_LARGE (RangeError): that is the bomb.
    if (code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError)
      return { ok: false, reason: 'bomb', detail: `${inputSize} bytes of ${what} inflate past the ${maxOutput}-byte limit` };
    return { ok: false, reason: 'corrupt', detail: `not valid ${what} data (${(err as Error).message})` };
  }
}
