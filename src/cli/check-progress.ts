/**
 * The progress of each checker that runs longer than a second, on one line of stderr: what
 * it is doing, done of total, the rate and the time left, redrawn at most four times a
 * second and cleared when it ends. Checkers call back at coarse intervals (src/checkers
 * never print); this only draws. Silent when disabled (not a terminal, or --quiet).
 */
import type { CheckObserver } from "../api.js";
import type { CheckProgress } from "../checkers/types.js";

/** Whether progress lines are drawn: never with --quiet; else as --progress/--no-progress say, or on a terminal. */
export function progressEnabled(
  flags: { quiet?: boolean; progress?: boolean },
  isTTY: boolean | undefined,
): boolean {
  if (flags.quiet) return false;
  return flags.progress ?? isTTY === true;
}

const SHOW_AFTER_MS = 1000;
const REDRAW_MS = 250;

export function checkerProgress(
  stream: NodeJS.WritableStream,
  enabled: boolean,
  clock: () => number = () => performance.now(),
): CheckObserver {
  let started = 0;
  let drawn = 0;
  let shown = false;
  const noop = () => {};
  if (!enabled) return { start: noop, progress: noop, end: noop };
  return {
    start() {
      started = clock();
      drawn = 0;
    },
    progress(checker, p) {
      const now = clock();
      if (now - started < SHOW_AFTER_MS || now - drawn < REDRAW_MS) return;
      drawn = now;
      shown = true;
      stream.write(`\r${progressText(checker, p, (now - started) / 1000)}\u001b[K`);
    },
    end() {
      if (shown) stream.write("\r\u001b[K");
      shown = false;
    },
  };
}

/** "linearizable: searching 3/40 objects (7%), 1.2M steps at 0.4M/s, 12 s, about 2 min left". */
export function progressText(checker: string, p: CheckProgress, seconds: number): string {
  const pct = p.total > 0 ? ` (${Math.floor((100 * p.done) / p.total)}%)` : "";
  const parts = [`${checker}: ${p.what} ${count(p.done)}/${count(p.total)} ${p.unit}${pct}`];
  const rate = p.done / Math.max(seconds, 1e-3);
  if (p.work) {
    const workRate = p.work.count / Math.max(seconds, 1e-3);
    parts.push(`${count(p.work.count)} ${p.work.unit} at ${count(workRate)}/s`);
  } else parts.push(`${count(rate)} ${p.unit}/s`);
  parts.push(`${Math.round(seconds)} s`);
  if (rate > 0 && p.done < p.total) parts.push(`about ${duration((p.total - p.done) / rate)} left`);
  return parts.join(", ");
}

function count(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)}M`;
  if (n >= 1e4) return `${Math.round(n / 1e3)}k`;
  return String(Math.round(n));
}

function duration(s: number): string {
  return s < 90 ? `${Math.ceil(s)} s` : `${Math.ceil(s / 60)} min`;
}
