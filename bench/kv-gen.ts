/**
 * A generator of Porcupine-style key-value histories (get, put, append on string keys; EDN op
 * maps one per line, exactly as in Porcupine's kv test data), for races against Porcupine.
 * Deterministic for a seed.
 *
 * The model: `clients` processes run one op at a time against a linearizable store. Each op
 * takes effect at one instant strictly between its invocation and its completion (its
 * linearization point); the store applies ops in the order of those instants, so a get returns
 * what the key held at its point, and the history is linearizable by construction. Latencies
 * and think times are drawn from exponential distributions, so ops of many clients overlap.
 * Every op completes `ok` (Porcupine's parser reads no `:fail` or `:info`). Each value written
 * is the unique token `x <process> <n> y`; a get returns the key's whole string, so a key's
 * value grows with its appends until a put replaces it. An append to a key already longer than
 * `maxValue` characters is made a put, because Porcupine reads lines of under 4096 bytes.
 *
 * With `badKeys` > 0 that many keys get one stale get each (from `badAt` of the way through
 * the key's gets): it returns what the key held before a write W that completed before the get
 * began, where W itself began after every op that built that old value had completed. Those
 * ops then precede W in every linearization, W precedes the get, and the tokens are unique, so
 * no linearization lets the get return that value: the key is not linearizable, and the other
 * keys still are.
 *
 * CLI: node dist/bench/kv-gen.js --out FILE [--clients 50] [--keys 10] [--ops-per-client 40]
 *      [--seed 1] [--bad-keys 0] [--bad-at 0.5] [--latency 20] [--think 2]
 */
import { renameSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { mulberry32 } from "../src/sim/rng.js";

export interface KvGenOptions {
  clients: number;
  keys: number;
  opsPerClient: number;
  seed: number;
  /** Keys given one stale get each; 0 (the default) keeps the history linearizable. */
  badKeys?: number;
  /** Where among a bad key's gets the stale one is looked for, 0..1 (default 0.5). */
  badAt?: number;
  /** Mean op latency in ticks (default 20; at least 2). */
  latency?: number;
  /** Mean pause between a client's ops in ticks (default 2). */
  think?: number;
  /** Fractions of gets and puts; the rest are appends (defaults 0.45 and 0.05). */
  getRate?: number;
  putRate?: number;
  /** An append to a longer value becomes a put (default 3000 characters). */
  maxValue?: number;
}

/** Bumped whenever the same options would produce different output. */
export const KV_GENERATOR_VERSION = 1;

export const kvShape = { clients: 50, keys: 10, opsPerClient: 40 } as const;

type F = "get" | "put" | "append";

interface Op {
  process: number;
  key: string;
  f: F;
  /** Written token, or what a get returned. */
  value: string;
  invoke: number;
  point: number;
  complete: number;
  /** Writes: the key's value just before this op took effect, and when the ops that built it had all completed. */
  before?: { value: string; builtBy: number };
}

export interface KvHistory {
  lines: string[];
  /** Keys made not linearizable, sorted. */
  badKeys: string[];
  ops: number;
}

function exponential(rng: () => number, mean: number): number {
  return Math.floor(-Math.log(1 - rng()) * mean);
}

function schedule(o: Required<KvGenOptions>, rng: () => number): Op[] {
  const ops: Op[] = [];
  for (let p = 0; p < o.clients; p++) {
    let t = exponential(rng, o.think);
    for (let n = 0; n < o.opsPerClient; n++) {
      const key = String(Math.floor(rng() * o.keys));
      const r = rng();
      const f: F = r < o.getRate ? "get" : r < o.getRate + o.putRate ? "put" : "append";
      const length = 2 + exponential(rng, o.latency - 2);
      const point = t + 1 + Math.floor(rng() * (length - 1));
      const value = f === "get" ? "" : `x ${p} ${n} y`;
      ops.push({ process: p, key, f, value, invoke: t, point, complete: t + length });
      t += length + exponential(rng, o.think);
    }
  }
  return ops;
}

/** Applies the ops in the order of their linearization points: what a linearizable store does. */
function apply(ops: Op[], maxValue: number): void {
  const byPoint = [...ops].sort((a, b) => a.point - b.point || a.process - b.process);
  const state = new Map<string, { value: string; builtBy: number }>();
  for (const op of byPoint) {
    const s = state.get(op.key) ?? { value: "", builtBy: Number.NEGATIVE_INFINITY };
    if (op.f === "get") {
      op.value = s.value;
      continue;
    }
    if (op.f === "append" && s.value.length > maxValue) op.f = "put";
    op.before = s;
    state.set(
      op.key,
      op.f === "put"
        ? { value: op.value, builtBy: op.complete }
        : { value: s.value + op.value, builtBy: Math.max(s.builtBy, op.complete) },
    );
  }
}

/** Makes one get of `key` stale as described above; false when no get qualifies. */
function breakKey(ops: Op[], key: string, badAt: number): boolean {
  const mine = ops.filter((op) => op.key === key);
  const gets = mine.filter((op) => op.f === "get").sort((a, b) => a.invoke - b.invoke);
  const writes = mine.filter((op) => op.f !== "get").sort((a, b) => b.point - a.point);
  const first = Math.floor(badAt * gets.length);
  for (let i = 0; i < gets.length; i++) {
    const get = gets[(first + i) % gets.length]!;
    const w = writes.find((w) => w.complete < get.invoke && w.before!.builtBy < w.invoke);
    if (w !== undefined) {
      get.value = w.before!.value;
      return true;
    }
  }
  return false;
}

function line(process: number, type: string, f: F, key: string, value: string | null): string {
  const v = value === null ? "nil" : `"${value}"`;
  return `{:process ${process}, :type :${type}, :f :${f}, :key "${key}", :value ${v}}`;
}

export function generateKv(options: KvGenOptions): KvHistory {
  const o: Required<KvGenOptions> = {
    badKeys: 0,
    badAt: 0.5,
    latency: 20,
    think: 2,
    getRate: 0.45,
    putRate: 0.05,
    maxValue: 3000,
    ...options,
  };
  if (o.latency < 2) throw new Error("latency: at least 2 ticks");
  const rng = mulberry32(o.seed);
  const ops = schedule(o, rng);
  apply(ops, o.maxValue);
  const keys = Array.from({ length: o.keys }, (_, i) => String(i));
  for (let i = keys.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [keys[i], keys[j]] = [keys[j]!, keys[i]!];
  }
  const bad: string[] = [];
  for (const k of keys) {
    if (bad.length === o.badKeys) break;
    if (breakKey(ops, k, o.badAt)) bad.push(k);
  }
  // Completions before invocations at the same tick: a client's next op may start as its last one ends.
  const events = ops.flatMap((op) => [
    { t: op.invoke, order: 1, op },
    { t: op.complete, order: 0, op },
  ]);
  events.sort((a, b) => a.t - b.t || a.order - b.order || a.op.process - b.op.process);
  const lines = events.map(({ order, op }) =>
    order === 1
      ? line(op.process, "invoke", op.f, op.key, op.f === "get" ? null : op.value)
      : line(op.process, "ok", op.f, op.key, op.value),
  );
  return { lines, badKeys: bad.sort(), ops: ops.length };
}

/** The history's lines of each key, in order: key by key, as P-compositionality splits it. */
export function splitByKey(lines: string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const l of lines) {
    const key = /, :key "([^"]*)"/.exec(l)?.[1];
    if (key === undefined) throw new Error(`no key in ${l}`);
    const mine = out.get(key);
    if (mine) mine.push(l);
    else out.set(key, [l]);
  }
  return out;
}

/** Writes a generated history to `file` through a temporary name. */
export function writeKv(file: string, options: KvGenOptions): KvHistory {
  const h = generateKv(options);
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${h.lines.join("\n")}\n`);
  renameSync(tmp, file);
  return h;
}

function parseArgs(argv: string[]): { out: string; options: KvGenOptions } {
  const opts: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith("--") || i + 1 >= argv.length) throw new Error(`unexpected argument ${a}`);
    opts[a.slice(2)] = argv[++i]!;
  }
  const num = (name: string, dflt: number): number => {
    const v = Number(opts[name] ?? dflt);
    if (!Number.isFinite(v)) throw new Error(`--${name}: not a number: ${opts[name]}`);
    return v;
  };
  if (opts.out === undefined) throw new Error("--out is required");
  const options: KvGenOptions = {
    clients: num("clients", kvShape.clients),
    keys: num("keys", kvShape.keys),
    opsPerClient: num("ops-per-client", kvShape.opsPerClient),
    seed: num("seed", 1),
    badKeys: num("bad-keys", 0),
    badAt: num("bad-at", 0.5),
    latency: num("latency", 20),
    think: num("think", 2),
  };
  return { out: opts.out, options };
}

function main(): void {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(
      `kv-gen: ${(e as Error).message}\nusage: node dist/bench/kv-gen.js --out FILE [--clients N] [--keys N] [--ops-per-client N] [--seed N] [--bad-keys N] [--bad-at X] [--latency T] [--think T]\n`,
    );
    process.exit(64);
  }
  const h = writeKv(parsed.out, parsed.options);
  const bad = h.badKeys.length > 0 ? `; not linearizable: keys ${h.badKeys.join(", ")}` : "";
  process.stdout.write(`${parsed.out}: ${h.ops} ops, ${h.lines.length} lines${bad}\n`);
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main();
}
