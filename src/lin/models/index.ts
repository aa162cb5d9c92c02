/**
 * The model registry for the linearizability checker, and inference of the model from the
 * client ops of a history when no model is named.
 */
import type { History } from "../../history/model.js";
import { type FClass, fClass, isClientOp, opF } from "../../history/vocabulary.js";
import { casRegister } from "./cas-register.js";
import { fifoQueue } from "./fifo-queue.js";
import { kv } from "./kv.js";
import { multiRegister } from "./multi-register.js";
import { mutex } from "./mutex.js";
import { register } from "./register.js";
import { set } from "./set.js";
import type { Model } from "./types.js";

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

/** Every name a model answers to: its id and its aliases. */
export const modelNames: readonly string[] = [...models.map((m) => m.id), ...Object.keys(aliases)];

export function findModel(id: string): Model | undefined {
  const name = aliases[id] ?? id;
  return models.find((m) => m.id === name);
}

/**
 * Which model the client ops suggest, most specific first: transactions (by f, or by a value
 * of micro-ops, as Jepsen's long-fork reads are), then f names. get/put are Porcupine's kv
 * names, whose registers start at "" rather than nil.
 */
const inference: readonly [(f: string, c: FClass) => boolean, string][] = [
  [(_, c) => c === "txn", "multi-register"],
  [(f, c) => c === "append" || f === "get" || f === "put", "kv"],
  [(_, c) => c === "enqueue" || c === "dequeue", "fifo-queue"],
  [(_, c) => c === "acquire" || c === "release", "mutex"],
  [(_, c) => c === "add", "set"],
  [(_, c) => c === "cas", "cas-register"],
  [(_, c) => c === "read" || c === "write", "register"],
];

export function inferModel(h: History): Model | { fs: string[] } {
  const seen = clientFs(h);
  for (const [test, id] of inference) {
    for (const f of seen) if (test(f, fClass(f))) return findModel(id)!;
  }
  return { fs: [...seen].sort() };
}

/** f names of the client ops; "txn" for an op whose value is a list of micro-ops. */
export function clientFs(h: History): Set<string> {
  const seen = new Set<string>();
  for (let id = 0; id < h.size; id++) {
    if (!isClientOp(h, id)) continue;
    seen.add(h.txns.has(id) ? "txn" : opF(h, id));
  }
  return seen;
}

export type { Machine, Model, Need, Unreadable } from "./types.js";
