/**
 * A generator of N-op multi-session histories of a single-leader replicated register store,
 * in Causeway's JSON Lines schema, for benchmarks and tests. Deterministic for a seed.
 *
 * The model: writes go to the leader, which appends them to its log (a global sequence
 * number) and gives each one the key's next version (its per-key log position); followers
 * apply the log in order, each behind the leader by a lag that drifts. Reads are served by
 * the leader or a follower. A session remembers the highest log position it wrote or read
 * (its watermark) and, being sticky, is routed away from followers that have not applied it
 * yet; so by default read-your-writes and monotonic reads hold. With `staleRate` > 0, that
 * fraction of the reads sent to a lagging follower is served there anyway and may be stale.
 *
 * Each session is one client process at a time (processes are sequential: invoke, then ok);
 * now and then it reconnects under a fresh process number, as Jepsen clients do. Sessions
 * run concurrently and their events interleave; `time` strictly increases, `index` is the
 * line's ordinal. Values are unique integers (the global write count). An `ops` op history
 * has 2 * ops lines, every op completes ok.
 *
 * CLI: node dist/bench/gen.js --ops 1000000 --out file.jsonl [--seed N] [--sessions N]
 *      [--keys N] [--nodes N] [--stale-rate X]
 */
import { closeSync, openSync, renameSync, writeSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";

export interface GenOptions {
  ops: number;
  /** Client sessions running concurrently. */
  sessions: number;
  keys: number;
  /** Replicas: the leader plus nodes - 1 followers. */
  nodes: number;
  seed: number;
  /** Fraction of the reads routed to a lagging follower that are served there anyway (0..1). */
  staleRate?: number;
  /** Fraction of ops that are writes (default 0.3). */
  writeRate?: number;
  /** Fraction of reads sent to the leader (default 0.2). */
  leaderReadRate?: number;
}

/** Bumped whenever the same options would produce different output; benchmark files are named after it. */
export const GENERATOR_VERSION = 1;

/** The mulberry32 PRNG: a uniform float in [0, 1) per call. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One replica's copy of the store: per key the version, value and log position applied. */
interface Replica {
  name: string;
  version: Int32Array;
  value: Float64Array;
  seq: Float64Array;
  /** Log entries applied (the leader: all of them). */
  applied: number;
  /** How far behind the leader's log this follower currently stays. */
  lag: number;
  maxLag: number;
}

interface Session {
  name: string;
  process: number;
  /** The highest log position this session wrote or observed. */
  watermark: number;
  /** The keys it touched last, for locality. */
  recent: number[];
  inFlight: Pending | undefined;
}

interface Pending {
  write: boolean;
  key: number;
  /** The value being written (unique: the write count at invocation). */
  value: number;
}

const RECENT = 4;
const RECONNECT_RATE = 0.0005;
const LAG_CHANGE_RATE = 0.01;

function makeReplica(name: string, keys: number, maxLag: number): Replica {
  const value = new Float64Array(keys).fill(Number.NaN);
  return {
    name,
    version: new Int32Array(keys),
    value,
    seq: new Float64Array(keys),
    applied: 0,
    lag: 0,
    maxLag,
  };
}

/** The leader's log, growing; followers replay it. */
class Log {
  key: number[] = [];
  version: number[] = [];
  value: number[] = [];
  get length(): number {
    return this.key.length;
  }
}

function applyUpTo(r: Replica, log: Log, upTo: number): void {
  for (let i = r.applied; i < upTo; i++) {
    const k = log.key[i]!;
    r.version[k] = log.version[i]!;
    r.value[k] = log.value[i]!;
    r.seq[k] = i + 1;
  }
  if (upTo > r.applied) r.applied = upTo;
}

function validate(o: GenOptions): void {
  const ints: (keyof GenOptions)[] = ["ops", "sessions", "keys", "nodes"];
  for (const name of ints) {
    const v = o[name];
    if (typeof v !== "number" || !Number.isInteger(v) || v < (name === "ops" ? 0 : 1)) {
      throw new RangeError(`generateHistory: ${name} must be a positive integer, got ${String(v)}`);
    }
  }
  for (const name of ["staleRate", "writeRate", "leaderReadRate"] as const) {
    const v = o[name];
    if (v !== undefined && !(v >= 0 && v <= 1)) {
      throw new RangeError(`generateHistory: ${name} must be within [0, 1], got ${String(v)}`);
    }
  }
}

/** Yields the history's lines in order, without newlines. */
export function* generateHistory(options: GenOptions): Generator<string, void, undefined> {
  validate(options);
  const { ops, keys, nodes } = options;
  const staleRate = options.staleRate ?? 0;
  const writeRate = options.writeRate ?? 0.3;
  const leaderReadRate = options.leaderReadRate ?? 0.2;
  const rand = mulberry32(options.seed);
  const pick = (n: number) => Math.floor(rand() * n);

  const log = new Log();
  const leader = makeReplica("leader", keys, 0);
  const followers: Replica[] = [];
  for (let i = 1; i < nodes; i++) followers.push(makeReplica(`follower-${i}`, keys, 40 * i));
  const sessions: Session[] = [];
  for (let s = 0; s < options.sessions; s++) {
    sessions.push({ name: `s${s}`, process: s, watermark: 0, recent: [], inFlight: undefined });
  }
  let nextProcess = options.sessions;
  let writes = 0;
  let time = 0;
  let index = 0;
  let invoked = 0;

  const chooseKey = (s: Session): number => {
    if (s.recent.length > 0 && rand() < 0.5) return s.recent[pick(s.recent.length)]!;
    const r = rand();
    return Math.floor(keys * r * r); // skewed: low keys are hot
  };

  const advanceFollowers = () => {
    for (const f of followers) {
      if (rand() < LAG_CHANGE_RATE) f.lag = pick(f.maxLag + 1);
      applyUpTo(f, log, Math.max(f.applied, log.length - f.lag));
    }
  };

  const route = (s: Session): Replica => {
    if (followers.length === 0 || rand() < leaderReadRate) return leader;
    const f = followers[pick(followers.length)]!;
    if (f.applied >= s.watermark || rand() < staleRate) return f;
    return followers.find((x) => x.applied >= s.watermark) ?? leader;
  };

  const invoke = (s: Session): string => {
    const write = rand() < writeRate;
    const key = chooseKey(s);
    const value = write ? writes++ : -1;
    s.inFlight = { write, key, value };
    const head = `{"index":${index++},"type":"invoke","process":${s.process},"session":"${s.name}"`;
    time += 1 + pick(20);
    if (!write) return `${head},"f":"read","key":"k${key}","time":${time}}`;
    return `${head},"f":"write","key":"k${key}","value":${value},"time":${time}}`;
  };

  const complete = (s: Session): string => {
    const { write, key, value: written } = s.inFlight!;
    s.inFlight = undefined;
    const head = `{"index":${index++},"type":"ok","process":${s.process},"session":"${s.name}"`;
    time += 1 + pick(20);
    let line: string;
    if (write) {
      const version = leader.version[key]! + 1;
      log.key.push(key);
      log.version.push(version);
      log.value.push(written);
      applyUpTo(leader, log, log.length);
      s.watermark = log.length;
      line = `${head},"f":"write","key":"k${key}","value":${written},"time":${time},"node":"leader","version":${version}}`;
    } else {
      const r = route(s);
      const value = r.value[key]!;
      s.watermark = Math.max(s.watermark, r.seq[key]!);
      const shown = Number.isNaN(value) ? "null" : String(value);
      line = `${head},"f":"read","key":"k${key}","value":${shown},"time":${time},"node":"${r.name}","version":${r.version[key]}}`;
    }
    if (!s.recent.includes(key)) {
      s.recent.push(key);
      if (s.recent.length > RECENT) s.recent.shift();
    }
    if (rand() < RECONNECT_RATE) s.process = nextProcess++;
    return line;
  };

  while (invoked < ops) {
    advanceFollowers();
    const s = sessions[pick(sessions.length)]!;
    if (s.inFlight) {
      yield complete(s);
    } else {
      invoked++;
      yield invoke(s);
    }
  }
  // Drain: complete the ops still in flight, in random order.
  const busy = sessions.filter((s) => s.inFlight !== undefined);
  while (busy.length > 0) {
    advanceFollowers();
    const at = pick(busy.length);
    const s = busy[at]!;
    busy[at] = busy[busy.length - 1]!;
    busy.pop();
    yield complete(s);
  }
}

/** Writes a generated history to `file` (through a temporary name, so a partial file is never left under it). */
export function writeHistory(file: string, options: GenOptions): { lines: number; bytes: number } {
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = openSync(tmp, "w");
  let lines = 0;
  let bytes = 0;
  let batch: string[] = [];
  const flush = () => {
    const text = `${batch.join("\n")}\n`;
    bytes += writeSync(fd, text);
    batch = [];
  };
  try {
    for (const line of generateHistory(options)) {
      batch.push(line);
      lines++;
      if (batch.length === 8192) flush();
    }
    if (batch.length > 0) flush();
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
  return { lines, bytes };
}

export const defaultShape = { sessions: 64, keys: 1000, nodes: 4 } as const;

function parseArgs(argv: string[]): { out: string; options: GenOptions } {
  const opts: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith("--") || i + 1 >= argv.length) throw new Error(`unexpected argument ${a}`);
    opts[a.slice(2)] = argv[++i]!;
  }
  const num = (name: string, dflt?: number): number => {
    const raw = opts[name];
    if (raw === undefined) {
      if (dflt === undefined) throw new Error(`--${name} is required`);
      return dflt;
    }
    const v = Number(raw.replace(/_/g, ""));
    if (!Number.isFinite(v)) throw new Error(`--${name}: not a number: ${raw}`);
    return v;
  };
  const out = opts.out;
  if (out === undefined) throw new Error("--out is required");
  const options: GenOptions = {
    ops: num("ops"),
    seed: num("seed", 1),
    sessions: num("sessions", defaultShape.sessions),
    keys: num("keys", defaultShape.keys),
    nodes: num("nodes", defaultShape.nodes),
    staleRate: num("stale-rate", 0),
  };
  return { out, options };
}

function main(): void {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(
      `gen: ${(e as Error).message}\nusage: node dist/bench/gen.js --ops N --out FILE [--seed N] [--sessions N] [--keys N] [--nodes N] [--stale-rate X]\n`,
    );
    process.exit(64);
  }
  const t0 = performance.now();
  const { lines, bytes } = writeHistory(parsed.out, parsed.options);
  const s = (performance.now() - t0) / 1000;
  process.stdout.write(
    `${parsed.out}: ${parsed.options.ops} ops, ${lines} lines, ${(bytes / 1e6).toFixed(1)} MB in ${s.toFixed(1)} s\n`,
  );
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main();
}
