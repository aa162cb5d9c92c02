/**
 * Worker threads for the linearizability search, driven synchronously: the checkers' `check`
 * is a plain function, so this thread posts work and then sleeps on a shared counter
 * (Atomics.wait) that each worker bumps after posting a message, and takes the messages off
 * each worker's port with `receiveMessageOnPort`. Workers live as long as the process, unref'd
 * (they never keep it alive), and are shared by every check it runs.
 *
 * Shared memory per lane (lane.ts): the bytes its searches hold (KiB, so that a search on one
 * thread knows what the others hold), and the steps of the search it is running (for
 * progress). Lane 0 is the thread that drives the pool, which searches too while workers boot;
 * workers are lanes 1 and up.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  MessageChannel,
  type MessagePort,
  receiveMessageOnPort,
  Worker,
} from "node:worker_threads";
import { packageRoot } from "../paths.js";
import type { LaneMemory } from "./lane.js";
import { collectionAllowed } from "./release.js";

/** What a worker posts once booted. */
export const READY = "ready";

/** At most this many workers. */
export const MAX_WORKERS = 64;

export interface Shared extends LaneMemory {
  /** [0]: bumped by a worker after each message it posts. */
  signal: Int32Array;
}

interface Member {
  worker: Worker;
  port: MessagePort;
  /** It said it is ready (booted): until then it is given no work. */
  ready: boolean;
}

export class Pool {
  readonly shared: Shared = {
    signal: new Int32Array(new SharedArrayBuffer(4)),
    held: new Int32Array(new SharedArrayBuffer(4 * (MAX_WORKERS + 1))),
    steps: new Float64Array(new SharedArrayBuffer(8 * (MAX_WORKERS + 1))),
  };
  private readonly members: Member[] = [];
  /**
   * Messages taken off the ports. Each worker bumps the counter once per message it posts, so
   * while the counter is ahead of this count a message is on its way (see receive).
   */
  private received = 0;

  get size(): number {
    return this.members.length;
  }

  /** Starts workers until there are `count` (they boot while this thread goes on). */
  grow(count: number): void {
    while (this.members.length < Math.min(count, MAX_WORKERS)) {
      const id = this.members.length + 1;
      const { port1, port2 } = new MessageChannel();
      const worker = new Worker(workerFile(), {
        workerData: { id, port: port2, collect: collectionAllowed(), ...this.shared },
        transferList: [port2],
      });
      worker.unref();
      port1.unref();
      this.members.push({ worker, port: port1, ready: false });
    }
  }

  /**
   * Whether worker `id` has booted. A worker that is sent work while it boots takes it only
   * once booted: until then the work is better done on this thread, or kept for the workers
   * that are ready (parallel.ts).
   */
  ready(id: number): boolean {
    return this.members[id - 1]!.ready;
  }

  /** Posts to worker `id` (1 and up). */
  send(id: number, message: unknown): void {
    this.members[id - 1]!.port.postMessage(message);
  }

  /**
   * The messages waiting, from every worker (by id); sleeps up to `ms` for one when there are
   * none. A worker bumps the counter after its message is posted, yet the message can become
   * readable here a few microseconds after the bump is seen: sleeping until the counter moves
   * again would then miss it (until `ms` ran out). So while the counter is ahead of the
   * messages taken, one is on its way, and this thread looks again rather than sleeps.
   */
  receive(ms: number): { from: number; message: unknown }[] {
    let out = this.drain();
    while (out.length === 0) {
      const posted = Atomics.load(this.shared.signal, 0);
      if (posted === this.received) {
        Atomics.wait(this.shared.signal, 0, posted, ms);
        return this.drain();
      }
      out = this.drain();
    }
    return out;
  }

  /** The messages waiting, from every worker (by id), without sleeping. */
  drain(): { from: number; message: unknown }[] {
    const out: { from: number; message: unknown }[] = [];
    this.members.forEach((m, i) => {
      for (
        let r = receiveMessageOnPort(m.port);
        r !== undefined;
        r = receiveMessageOnPort(m.port)
      ) {
        this.received++;
        if (r.message === READY) m.ready = true;
        else out.push({ from: i + 1, message: r.message });
      }
    });
    return out;
  }
}

let pool: Pool | undefined;

/** The process's pool of workers, with at least `count` of them. */
export function workers(count: number): Pool {
  pool ??= new Pool();
  pool.grow(count);
  return pool;
}

/**
 * The worker's script: beside this module once built (dist/src/lin, or the bundle's folder);
 * from the sources (tests run them as TypeScript), the built one.
 */
function workerFile(): URL | string {
  const beside = new URL("./worker.js", import.meta.url);
  if (existsSync(fileURLToPath(beside))) return beside;
  const built = `${packageRoot()}/dist/src/lin/worker.js`;
  if (existsSync(built)) return built;
  throw new Error(`no linearizability worker at ${fileURLToPath(beside)} or ${built}: build first`);
}
