/**
 * Checks the files of one `causeway check` run, in their order or, when it pays, two at a
 * time: this thread and one worker thread (check-worker.ts) take the next unclaimed file from
 * a shared counter, so a file that takes long to search does not hold up the reading and
 * checking of the others. Each history is one object to the linearizability search, so its
 * own threads (--jobs) do nothing for a run of many small files, such as Jepsen's etcd logs.
 *
 * The run says exactly what it says in order: the reports are kept by file and combined in
 * the files' order, and when a file cannot be read or checked, the first such file in order
 * decides the error, which this thread raises by checking that file itself (a worker's
 * failure is only a flag; files after it are not started). A worker that dies leaves its
 * files to this thread.
 */
import { statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { type CheckPlan, type CheckRequest, runPlan } from "../api.js";
import type { Report } from "../report/model.js";
import { claim, failedAt, type WorkerData, type WorkerReply } from "./check-worker.js";
import { progressLine } from "./progress.js";

/** Files at most this large are checked beside each other; a larger one costs memory, not start-up. */
const MAX_BESIDE_BYTES = 16 * 1024 * 1024;

export interface FilesRun {
  plan: CheckPlan;
  /** The request the plan was made from: the worker makes its own plan of it. */
  request: CheckRequest;
  showProgress: boolean;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

/** One report per file, in the files' order; throws the first file's error, in that order. */
export async function checkFiles(files: readonly string[], run: FilesRun): Promise<Report[]> {
  const launcher = besideLauncher(files, run);
  if (launcher === undefined) return checkInOrder(files, run);
  return checkBeside(files, run, launcher);
}

async function checkInOrder(files: readonly string[], run: FilesRun): Promise<Report[]> {
  const reports: Report[] = [];
  for (const file of files) {
    const progress = progressLine(run.stderr, `reading ${file}`, run.showProgress);
    reports.push(await runPlan({ ...run.plan, onProgress: progress.update }, file));
    progress.done();
  }
  return reports;
}

/**
 * The script a worker thread runs, when this run is one to share: the CLI's bundle, which
 * bin/causeway.js compiles with its code cache (in a worker too), two files or more, more than
 * one job, no progress lines to draw, and only regular files of modest size (standard input
 * can be read once; two very large histories at once would double the peak memory).
 */
function besideLauncher(files: readonly string[], run: FilesRun): URL | undefined {
  if (files.length < 2 || run.showProgress || (run.plan.options.jobs as number) < 2) return;
  // Sources run from tsc's build or by vitest check in order: only the bundle has a launcher.
  const self = new URL(import.meta.url);
  if (!self.pathname.endsWith("/bundle/main.cjs")) return;
  for (const file of files) {
    if (file === "-" || !isModestFile(file)) return;
  }
  return new URL("../../../bin/causeway.js", self);
}

function isModestFile(file: string): boolean {
  try {
    const st = statSync(file);
    return st.isFile() && st.size <= MAX_BESIDE_BYTES;
  } catch {
    return false;
  }
}

/** What each file came to: its report, its error here, or a failure on the worker. */
type Outcome = { report: Report } | { error: unknown } | { failedOnWorker: true };

async function checkBeside(
  files: readonly string[],
  run: FilesRun,
  launcher: URL,
): Promise<Report[]> {
  const claims = new Int32Array(new SharedArrayBuffer(8));
  claims[1] = files.length; // the first failed file: none yet
  const outcomes = new Array<Outcome | undefined>(files.length);
  const data: WorkerData = {
    causewayCheckWorker: true,
    files: [...files],
    request: run.request,
    timeline: run.plan.timeline === true,
    claims,
  };
  const worker = new Worker(fileURLToPath(launcher), { workerData: data });
  const workerDone = collect(worker, outcomes, claims);
  let mine = 0;
  for (let i = claim(claims); i < files.length && i <= claims[1]!; i = claim(claims)) {
    mine++;
    try {
      outcomes[i] = { report: await runPlan(run.plan, files[i]!) };
    } catch (error) {
      outcomes[i] = { error };
      failedAt(claims, i);
    }
  }
  // Every file claimed here: the worker has none to report, and need not be waited for.
  if (mine < files.length) await workerDone;
  worker.unref();
  return inOrder(files, run, outcomes);
}

/** The reports in order, up to the first failure; what the worker left undone is done here. */
async function inOrder(
  files: readonly string[],
  run: FilesRun,
  outcomes: (Outcome | undefined)[],
): Promise<Report[]> {
  const reports: Report[] = [];
  for (let i = 0; i < files.length; i++) {
    const o = outcomes[i];
    if (o !== undefined && "report" in o) reports.push(o.report);
    else if (o !== undefined && "error" in o) throw o.error;
    else reports.push(await runPlan(run.plan, files[i]!));
  }
  return reports;
}

/** Takes the worker's replies until it ends (or dies: its files are then left undone). */
function collect(
  worker: Worker,
  outcomes: (Outcome | undefined)[],
  claims: Int32Array,
): Promise<void> {
  return new Promise((resolve) => {
    worker.on("message", (reply: WorkerReply) => {
      if (reply.type === "done") resolve();
      else if (reply.type === "report") outcomes[reply.index] = { report: reply.report };
      else {
        outcomes[reply.index] = { failedOnWorker: true };
        failedAt(claims, reply.index);
      }
    });
    worker.on("error", () => resolve());
    worker.on("exit", () => resolve());
  });
}
