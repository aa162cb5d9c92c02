/**
 * Fuzzing every reader, seeded (FC_SEED explores other seeds; a failure prints its seed, path
 * and counterexample, ready to replay):
 *
 * - differential: one generated history written as a JSON array, JSON Lines and EDN is read
 *   into identical Histories (same ops, processes, keys, values, versions, fields), bigints,
 *   hostile strings and chunk borders anywhere included;
 * - hostile: the same texts (and log lines) with random bytes changed, inserted or deleted
 *   either load or fail with a CausewayInputError that names the source and a line, never
 *   with anything else.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CausewayInputError } from "../src/errors.js";
import {
  exactTime,
  exactVersion,
  type History,
  indexOf,
  statusNames,
  timeOf,
} from "../src/history/model.js";
import { loadHistory } from "../src/ingest/index.js";
import { seeded } from "./support/fc.js";
import { byteChunks } from "./support/input.js";
import { ednValue, toEdn, toJsonArray, toJsonLines } from "./support/writers.js";

const tricky = fc.constantFrom(
  '"',
  "\\",
  "\n",
  "\t",
  "\r",
  "(",
  "]",
  "{",
  ";",
  "#",
  ",",
  " ",
  "\u0000",
  "\u001b",
  "é",
  "😀",
  "\u2028",
  ":",
);
const text = fc.string({
  unit: fc.oneof(tricky, fc.string({ unit: "grapheme", minLength: 1, maxLength: 1 })),
  maxLength: 12,
});
const name = fc.oneof(
  fc.stringMatching(/^[a-z][a-z0-9-]{0,5}$/),
  fc.constantFrom("__proto__", "a b", "", "x:y"),
);
const big = fc.bigInt({ min: 2n ** 53n, max: 2n ** 80n }).chain((b) => fc.constantFrom(b, -b));
const double = fc
  .double({ noNaN: true, noDefaultInfinity: true })
  .filter((d) => !Number.isInteger(d) || Math.abs(d) < 2 ** 53)
  .map((d) => (Object.is(d, -0) ? 0 : d));

const { value } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    fc.integer(),
    big,
    double,
    text,
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(name, tie("value"), { maxKeys: 3 }),
  ),
}));

const key = fc.oneof(name, fc.integer({ min: -5, max: 50 }), big);
const version = fc.oneof(
  fc.nat(),
  big,
  fc.dictionary(
    name.filter((n) => n !== "__proto__"),
    fc.nat(),
    { minKeys: 1, maxKeys: 3 },
  ),
);
const microOp = fc.tuple(fc.constantFrom("r", "w", "append"), fc.oneof(name, fc.nat()), value);

const op = fc.record(
  {
    process: fc.oneof(fc.nat({ max: 3 }), fc.constantFrom("nemesis", "replica:n1")),
    f: fc.constantFrom("read", "write", "cas", "txn", "add", "start"),
    key,
    value,
    txn: fc.array(microOp, { minLength: 1, maxLength: 3 }),
    outcome: fc.constantFrom("ok", "fail", "info", "none"),
    result: value,
    version,
    time: fc.oneof(
      fc.nat(),
      big.map((b) => (b < 0n ? -b : b)),
    ),
    session: fc.oneof(name, fc.nat()),
    node: name,
    error: value,
  },
  { requiredKeys: ["process", "f", "txn", "outcome", "value"] },
);

/** Events from ops: an invocation and its completion for clients, one lone event for named processes. */
type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

function events(ops: Op[], withIndex: boolean): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const push = (e: Record<string, unknown>) => {
    if (withIndex) e.index = out.length * 2;
    out.push(e);
  };
  const pending = new Set<unknown>();
  for (const o of ops) {
    // A client whose last op never completed cannot invoke again: give it a new number.
    let process = o.process;
    while (pending.has(process)) process = (process as number) + 10;
    if (o.outcome === "none") pending.add(process);
    const base: Record<string, unknown> = { process, f: o.f };
    if (o.key !== undefined && o.f !== "txn") base.key = o.key;
    if (o.session !== undefined) base.session = o.session;
    const inv = { type: typeof process === "string" ? "info" : "invoke", ...base };
    Object.assign(inv, { value: o.f === "txn" ? o.txn : o.value });
    if (o.time !== undefined) Object.assign(inv, { time: o.time });
    push(inv);
    if (typeof process === "string" || o.outcome === "none") continue;
    const done: Record<string, unknown> = { type: o.outcome, ...base };
    if (o.f !== "txn" && o.result !== undefined) done.value = o.result;
    for (const f of ["version", "node", "error"] as const) if (o[f] !== undefined) done[f] = o[f];
    push(done);
  }
  return out;
}

/** Everything a History says about its ops except line numbers (they differ by format). */
function summary(h: History) {
  const ops = [];
  for (let id = 0; id < h.size; id++) {
    const k = h.key[id]!;
    const n = h.node[id]!;
    ops.push({
      status: statusNames[h.status[id]!],
      process: h.processes[h.process[id]!],
      session: h.sessions[h.session[id]!],
      f: h.fs[h.f[id]!],
      key: k < 0 ? undefined : h.keys[k],
      node: n < 0 ? undefined : h.nodes[n],
      value: h.value[id],
      version: exactVersion(h, id) ?? h.vectors.get(id),
      time: exactTime(h, id),
      times: [timeOf(h, id, "inv"), timeOf(h, id, "cmp"), h.bigTimes?.get(id)],
      index: [indexOf(h, id, "inv"), indexOf(h, id, "cmp")],
      extras: h.extras.get(id),
      txn: h.txns.get(id),
    });
  }
  return { size: h.size, events: h.events, independentKeys: h.independentKeys, ops };
}

const read = (t: string, chunk: number) =>
  loadHistory({ stream: byteChunks(t, chunk), name: "fuzz" }).then(summary);

describe("the readers agree on the same history (differential)", () => {
  it("JSON, JSON Lines and EDN give identical Histories", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(op, { minLength: 1, maxLength: 8 }),
        fc.boolean(),
        fc.boolean(),
        fc.oneof(fc.integer({ min: 1, max: 40 }), fc.constant(1 << 22)),
        async (ops, withIndex, bracket, chunk) => {
          const evs = events(ops, withIndex);
          const json = await read(toJsonArray(evs, bracket), chunk);
          expect(await read(toJsonLines(evs), chunk)).toEqual(json);
          expect(await read(toEdn(evs, bracket), chunk)).toEqual(json);
          expect(json.events).toBe(evs.length);
        },
      ),
      seeded(300),
    );
  });
});

const logLine = (e: Record<string, unknown>) =>
  `INFO  jepsen.util - ${String(e.process)}\t:${String(e.type)}\t:${String(e.f)}\t${ednValue(e.value)}`;

describe("hostile bytes: a History or a located input error, nothing else", () => {
  const mutation = fc.record({
    at: fc.nat(),
    kind: fc.constantFrom("replace", "insert", "delete"),
    bytes: fc.uint8Array({ minLength: 1, maxLength: 4 }),
  });

  it("every reader, every mutation", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(op, { minLength: 1, maxLength: 4 }),
        fc.constantFrom("json", "jsonl", "edn", "log"),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 1, max: 64 }),
        async (ops, format, mutations, chunk) => {
          const evs = events(ops, false);
          const t =
            format === "json"
              ? toJsonArray(evs)
              : format === "jsonl"
                ? toJsonLines(evs)
                : format === "edn"
                  ? toEdn(evs)
                  : evs.map(logLine).join("\n");
          let bytes: Buffer = Buffer.from(t, "utf8");
          for (const m of mutations) bytes = mutate(bytes, m);
          try {
            await loadHistory({ stream: byteChunks(bytes, chunk), name: "fuzz" });
          } catch (e) {
            if (!(e instanceof CausewayInputError)) throw e;
            expect(e.location.file).toBe("fuzz");
            if (!/empty|no ops found|gzip/.test(e.detail))
              expect(e.location.line, e.message).toBeGreaterThan(0);
            // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for them
            expect(e.message).not.toMatch(/[\u0000-\u001f]/);
          }
        },
      ),
      seeded(500),
    );
  });
});

function mutate(b: Buffer, m: { at: number; kind: string; bytes: Uint8Array }): Buffer {
  const at = b.length === 0 ? 0 : m.at % b.length;
  if (m.kind === "replace") {
    const out = Buffer.from(b);
    out.set(m.bytes.subarray(0, Math.max(0, b.length - at)), at);
    return out as Buffer;
  }
  if (m.kind === "insert") return Buffer.concat([b.subarray(0, at), m.bytes, b.subarray(at)]);
  return Buffer.concat([b.subarray(0, at), b.subarray(at + m.bytes.length)]);
}
