/**
 * Peak RSS of this process, in KiB. On Linux, VmHWM: getrusage's maxRSS carries the parent's
 * high-water mark across fork and exec, so a child would report its parent's peak.
 */
import { readFileSync } from "node:fs";

export function peakRssKb(): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"));
    if (m) return Number(m[1]);
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS;
}
