/**
 * The worker thread of a `causeway check` run that checks files two at a time (see
 * check-files.ts): it makes the run's plan from the same request, takes the next unclaimed
 * file until none is left (or one has failed before it), and answers with each report as
 * data. A file it cannot check is only flagged: the main thread checks it again to raise
 * its error in order. It prints nothing.
 */
import { parentPort, workerData } from "node:worker_threads";
import { type CheckRequest, planCheck, runPlan } from "../api.js";
import type { Report } from "../report/model.js";
import { checkerProgress } from "./check-progress.js";
import { preferMemoryWhenLarge } from "./memory.js";

export interface WorkerData {
  /** Tells bin/causeway.js, run as this worker's script, what to do. */
  causewayCheckWorker: true;
  files: string[];
  request: CheckRequest;
  timeline: boolean;
  /** [0]: files claimed so far; [1]: the first file that failed (files.length: none). */
  claims: Int32Array;
}

export type WorkerReply =
  | { type: "report"; index: number; report: Report }
  | { type: "failed"; index: number }
  | { type: "done" };

/** Whether this thread is a check worker (bin/causeway.js asks, to run `serveChecks`). */
export function isCheckWorker(): boolean {
  return (workerData as Partial<WorkerData> | null)?.causewayCheckWorker === true;
}

export async function serveChecks(): Promise<void> {
  const { files, request, timeline, claims } = workerData as WorkerData;
  const port = parentPort!;
  const plan = planCheck(request);
  plan.timeline = timeline;
  plan.onHistory = preferMemoryWhenLarge;
  plan.checkProgress = checkerProgress(process.stderr, false);
  for (let i = claim(claims); i < files.length && i <= claims[1]!; i = claim(claims)) {
    let reply: WorkerReply;
    try {
      reply = { type: "report", index: i, report: await runPlan(plan, files[i]!) };
    } catch {
      failedAt(claims, i);
      reply = { type: "failed", index: i };
    }
    port.postMessage(reply);
  }
  port.postMessage({ type: "done" } satisfies WorkerReply);
}

/** The next file to check: claims[0] counts the files taken. */
export function claim(claims: Int32Array): number {
  return Atomics.add(claims, 0, 1);
}

/** Marks file i failed: no file after the first failed one is started. */
export function failedAt(claims: Int32Array, i: number): void {
  for (let first = Atomics.load(claims, 1); i < first; first = Atomics.load(claims, 1)) {
    if (Atomics.compareExchange(claims, 1, first, i) === first) return;
  }
}
