/**
 * Checkers prepare before the history is read (api.ts runPlan): the linearizability search
 * boots its worker threads then for a large file, so that they are ready when the search
 * begins, rather than booting beside it (bench/RESULTS.md, "Parallel keys").
 */
import { statSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { check } from "../src/api.js";
import { linearizable } from "../src/checkers/linearizable.js";
import { FileError } from "../src/errors.js";
import { BOOT_WORKERS_BYTES, prepareSearch } from "../src/lin/check.js";
import { workers } from "../src/lin/pool.js";
import { packageRoot } from "../src/paths.js";

const file = path.join(packageRoot(), "histories/linearizability/kv-stale-get-ok.edn");

afterEach(() => {
  vi.restoreAllMocks();
});

describe("prepare", () => {
  it("boots the workers for a large file with more than one job, and only then", () => {
    // workers(0) is the pool as it is (this file's own module graph: no worker yet).
    expect(workers(0).size).toBe(0);
    prepareSearch(2, BOOT_WORKERS_BYTES - 1);
    prepareSearch(1, 100 * BOOT_WORKERS_BYTES);
    expect(workers(0).size).toBe(0);
    prepareSearch(2, BOOT_WORKERS_BYTES);
    expect(workers(0).size).toBe(2);
    prepareSearch(3, BOOT_WORKERS_BYTES);
    expect(workers(0).size).toBe(3);
  });

  it("is given a regular file's size before the file is read, and nothing for text", async () => {
    const prepare = vi.spyOn(linearizable, "prepare");
    const report = await check(file, { checks: ["linearizable"], jobs: 1 });
    expect(report.verdict).toBe("valid");
    expect(prepare).toHaveBeenCalledTimes(1);
    expect(prepare.mock.calls[0]![0]).toMatchObject({ jobs: 1 });
    expect(prepare.mock.calls[0]![1]).toEqual({ bytes: statSync(file).size });
    prepare.mockClear();
    await check({ text: "", name: "empty" }, { checks: ["linearizable"] }).catch(() => {});
    expect(prepare).not.toHaveBeenCalled();
  });

  it("leaves a path it cannot look at to the reader, which names what is wrong", async () => {
    // A NUL byte makes the size lookup itself throw: that is the reader's to report.
    await expect(check("histories/a\u0000b.edn")).rejects.toBeInstanceOf(FileError);
    await expect(check(path.join(packageRoot(), "histories"))).rejects.toBeInstanceOf(FileError);
  });
});
