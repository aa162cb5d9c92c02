/**
 * The model registry for the linearizability checker, and inference of the model from the
 * f names of a history's client ops when --model is not given.
 */
import { type History, Status } from "../../history/model.js";
import { casRegister } from "./cas-register.js";
import { fifoQueue } from "./fifo-queue.js";
import { kv } from "./kv.js";
import { multiRegister } from "./multi-register.js";
import { mutex } from "./mutex.js";
import { register } from "./register.js";
import { set } from "./set.js";
import { fName, type Model } from "./types.js";

// biome-ignore lint/suspicious/noExplicitAny: the registry holds models of every input type
export const models: readonly Model<any>[] = [
  register,
  casRegister,
  kv,
  multiRegister,
  mutex,
  set,
  fifoQueue,
];

const aliases: Record<string, string> = {
  cas: "cas-register",
  "key-value": "kv",
  queue: "fifo-queue",
  "rw-register": "register",
};

export function findModel(id: string): Model | undefined {
  const name = aliases[id] ?? id;
  return models.find((m) => m.id === name);
}

/** Which model the f names of the client ops suggest, most specific first. */
const inference: readonly [string, string][] = [
  ["txn", "multi-register"],
  ["append", "kv"],
  ["get", "kv"],
  ["put", "kv"],
  ["enqueue", "fifo-queue"],
  ["dequeue", "fifo-queue"],
  ["acquire", "mutex"],
  ["release", "mutex"],
  ["add", "set"],
  ["cas", "cas-register"],
  ["write", "register"],
  ["read", "register"],
];

export function inferModel(h: History): Model | { reason: string } {
  const seen = clientFs(h);
  for (const [f, id] of inference) if (seen.has(f)) return findModel(id)!;
  const names = [...seen].sort().join(", ") || "none";
  return { reason: `no model reads these ops (f: ${names}); choose one with --model` };
}

/** f names of the ops of client (non-named) processes. */
export function clientFs(h: History): Set<string> {
  const seen = new Set<string>();
  for (let id = 0; id < h.size; id++) {
    if (h.status[id] === Status.event || isNamedProcess(h, id)) continue;
    seen.add(fName(h, id));
  }
  return seen;
}

/** Named processes ("nemesis", "replica:n1") are not clients, as in Jepsen. */
export function isNamedProcess(h: History, id: number): boolean {
  return typeof h.processes[h.process[id]!] === "string";
}

export type { Machine, Model, Need, Unreadable } from "./types.js";
