/**
 * The clock a case replays at: every recorded fact is true as of the case's recording time, so
 * ages ("last pushed 240 days ago", "latest release 4 years old") must be computed from that
 * time, not from whenever someone runs the eval. The built-in tools and the rules read the time
 * with `new Date()` and `Date.now()`; while a case runs both start at the recording time and then
 * advance with the real clock (timeouts and durations still measure real time).
 *
 * One clock per process at a time: the harness runs cases one after another.
 */

const RealDate = Date;
let installed = false;

export function freezeClockAt(iso: string): () => void {
  if (installed) throw new Error('freezeClockAt: a clock is already installed');
  const start = RealDate.parse(iso);
  if (!Number.isFinite(start)) throw new Error(`freezeClockAt: not a date: ${iso}`);
  const realStart = RealDate.now();
  const now = () => start + (RealDate.now() - realStart);

  class CaseDate extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(now());
      else super(...(args as [string | number | Date]));
    }
    static override now(): number {
      return now();
    }
  }
  globalThis.Date = CaseDate as DateConstructor;
  installed = true;
  return () => {
    globalThis.Date = RealDate;
    installed = false;
  };
}
