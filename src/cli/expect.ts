/**
 * --expect FILE: the verdicts a suite of histories should get, so that CI passes when each
 * history fails in exactly the expected way. FILE is a JSON object from history paths
 * (relative to FILE's folder) to either a file verdict ("valid", "invalid", "unknown") or,
 * per checker, a verdict or the object of histories/*.expected.json: `{verdict, anomalies:
 * [{kind, violation?, lines?}], undecided: [codes], notApplicable: code, implied: checker}`.
 * A checker the object does not name must not be invalid. Every history checked must be
 * listed. The file is read and validated, against the registry, before any history is read.
 */
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { findChecker } from "../checkers/registry.js";
import { UsageError } from "../errors.js";
import type { Report } from "../report/model.js";
import { compareFile, type FileExpectation } from "./expect-compare.js";

export type { FileExpectation } from "./expect-compare.js";

/** Expectations by the history's absolute path. */
export type Expectations = ReadonlyMap<string, FileExpectation>;

const verdicts = ["valid", "invalid", "unknown", "n/a"];
const fields = new Set(["verdict", "anomalies", "undecided", "notApplicable", "implied"]);

export function readExpectations(file: string): Expectations {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    const why = e instanceof SyntaxError ? e.message : ((e as NodeJS.ErrnoException).code ?? e);
    throw new UsageError(`--expect ${file}: cannot read: ${String(why)}`);
  }
  const fail = (where: string, what: string): never => {
    throw new UsageError(`--expect ${file}: ${where}: ${what}`);
  };
  if (!isObject(doc)) fail("the file", "expected an object of history paths");
  const out = new Map<string, FileExpectation>();
  for (const [path, value] of Object.entries(doc as object)) {
    out.set(
      resolve(dirname(file), path),
      fileExpectation(value, (what) => fail(path, what)),
    );
  }
  return out;
}

function fileExpectation(value: unknown, fail: (what: string) => never): FileExpectation {
  if (typeof value === "string") {
    if (!verdicts.slice(0, 3).includes(value)) fail(`"${value}" is not valid, invalid or unknown`);
    return value as FileExpectation;
  }
  if (!isObject(value)) fail("expected a verdict or an object of checkers");
  for (const [id, want] of Object.entries(value as object)) {
    const checker = findChecker(id);
    if (checker === undefined) fail(`unknown checker "${id}"`);
    const where = (what: string) => fail(`${id}: ${what}`);
    if (typeof want === "string") {
      if (!verdicts.includes(want)) where(`"${want}" is not a verdict`);
      continue;
    }
    if (!isObject(want) || !verdicts.includes(want.verdict as string))
      where("expected a verdict, or an object with a verdict");
    for (const k of Object.keys(want as object)) if (!fields.has(k)) where(`unknown field "${k}"`);
    const anomalies = (want as { anomalies?: unknown }).anomalies;
    if (anomalies !== undefined && !Array.isArray(anomalies)) where("anomalies: expected a list");
    for (const a of (anomalies ?? []) as unknown[]) {
      const kind = isObject(a) ? a.kind : undefined;
      if (typeof kind !== "string" || !(kind in checker!.explain))
        where(`anomalies: "${String(kind)}" is not a kind ${id} reports`);
    }
  }
  return value as FileExpectation;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Every way the report differs from the expectations, one line each; empty when all are met. */
export function unmetExpectations(report: Report, expected: Expectations): string[] {
  const out: string[] = [];
  for (const f of report.files) {
    const want = expected.get(resolve(f.file));
    if (want === undefined) out.push(`${f.file}: no expectation for this history`);
    else out.push(...compareFile(f, want).map((m) => `${f.file}: ${m}`));
  }
  return out;
}
