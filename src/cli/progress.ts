/** A one-line progress meter on stderr for long reads; silent for small files and non-terminals. */
export interface Progress {
  /** `total` is undefined when it is not known (standard input, a pipe). */
  update(bytes: number, total: number | undefined): void;
  done(): void;
}

const MIN_BYTES = 32 * 1024 * 1024;

export function progressLine(
  stream: NodeJS.WritableStream & { isTTY?: boolean },
  label: string,
  force: boolean | undefined,
): Progress {
  const enabled = force ?? stream.isTTY === true;
  let last = 0;
  let shown = false;
  const started = Date.now();
  return {
    update(bytes, total) {
      if (!enabled || total === undefined || total < MIN_BYTES) return;
      const now = Date.now();
      if (now - last < 250 && bytes < total) return;
      last = now;
      shown = true;
      const pct = total > 0 ? Math.floor((bytes / total) * 100) : 100;
      const rate = bytes / 1e6 / Math.max(0.001, (now - started) / 1000);
      stream.write(
        `\r${label}: ${pct}% of ${Math.round(total / 1e6)} MB, ${rate.toFixed(0)} MB/s `,
      );
    },
    done() {
      if (shown) stream.write("\r\x1b[K");
    },
  };
}
