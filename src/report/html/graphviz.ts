/**
 * DOT to SVG with Graphviz compiled to WebAssembly (@viz-js/viz), in worker threads (two
 * share the graphs) so that a graph that takes too long to lay out can be stopped: each graph
 * has a timeout, all of them a time budget, and an SVG over a size cap is left out. Failures
 * are returned as reasons, never thrown: a report without a picture is still a report.
 */
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";

export interface SvgLimits {
  /** Per graph, in ms (default 5000). */
  timeoutMs?: number;
  /** For all graphs, in ms (default 30000). */
  budgetMs?: number;
  /** Largest SVG kept, in characters (default 256k). */
  maxSvg?: number;
}

export type SvgResult = { svg: string } | { error: string };

const workerCode = `
const { parentPort, workerData } = require("node:worker_threads");
const { instance } = require(workerData.viz);
instance().then((viz) => {
  parentPort.on("message", (dot) => {
    const r = viz.render(dot, { format: "svg" });
    parentPort.postMessage(r.status === "success"
      ? { svg: r.output }
      : { error: r.errors.map((e) => e.message).join("; ") || "Graphviz failed" });
  });
  parentPort.postMessage({ ready: true });
});`;

/** SVG for each DOT text, in order; identical texts are laid out once, by two workers at a time. */
export async function renderSvgs(dots: readonly string[], limits: SvgLimits = {}) {
  const { timeoutMs = 5000, budgetMs = 30_000, maxSvg = 256 * 1024 } = limits;
  const queue = [...new Set(dots)];
  const done = new Map<string, SvgResult>();
  const lane = { queue, done, timeoutMs, maxSvg, deadline: performance.now() + budgetMs };
  const lanes = Math.min(2, availableParallelism(), queue.length);
  await Promise.all(Array.from({ length: lanes }, () => runLane(lane)));
  return dots.map((d) => done.get(d)!);
}

interface Lane {
  queue: string[];
  done: Map<string, SvgResult>;
  timeoutMs: number;
  maxSvg: number;
  deadline: number;
}

/** One worker taking graphs off the shared queue until it is empty. */
async function runLane(lane: Lane): Promise<void> {
  let worker: VizWorker | undefined;
  try {
    for (let dot = lane.queue.shift(); dot !== undefined; dot = lane.queue.shift()) {
      if (performance.now() > lane.deadline) {
        lane.done.set(dot, { error: "left out: the pictures' time budget ran out" });
        continue;
      }
      if (worker === undefined || !worker.alive) worker = startWorker();
      const r = await worker.render(dot, lane.timeoutMs);
      lane.done.set(
        dot,
        "svg" in r && r.svg.length > lane.maxSvg ? { error: "left out: too large" } : r,
      );
    }
  } finally {
    await worker?.stop();
  }
}

interface VizWorker {
  /** False once the worker was stopped (a timeout) or died. */
  alive: boolean;
  render(dot: string, timeoutMs: number): Promise<SvgResult>;
  stop(): Promise<void>;
}

function startWorker(): VizWorker {
  const viz = createRequire(import.meta.url).resolve("@viz-js/viz");
  const w = new Worker(workerCode, { eval: true, workerData: { viz } });
  w.unref();
  const handle: VizWorker & { failure?: Error } = {
    alive: true,
    render: (dot, timeoutMs) => renderIn(w, handle, ready, dot, timeoutMs),
    stop: async () => {
      await w.terminate();
    },
  };
  const ready = new Promise<void>((resolve) => {
    w.once("message", () => resolve());
    w.once("error", (e) => {
      handle.failure = e;
      handle.alive = false;
      resolve();
    });
  });
  return handle;
}

/** One graph in the worker, or a reason: it failed to start, or took longer than `timeoutMs` (then it is stopped). */
function renderIn(
  w: Worker,
  handle: VizWorker & { failure?: Error },
  ready: Promise<void>,
  dot: string,
  timeoutMs: number,
): Promise<SvgResult> {
  return new Promise<SvgResult>((resolve) => {
    const timer = setTimeout(() => {
      handle.alive = false;
      void w.terminate();
      resolve({ error: `timed out after ${timeoutMs / 1000} s` });
    }, timeoutMs);
    void ready.then(() => {
      if (handle.failure !== undefined) {
        clearTimeout(timer);
        resolve({ error: `Graphviz failed: ${handle.failure.message}` });
        return;
      }
      w.once("message", (m: SvgResult) => {
        clearTimeout(timer);
        resolve(m);
      });
      w.postMessage(dot);
    });
  });
}
