/**
 * Settings for every property test: a fixed seed, so that a run is reproducible (FC_SEED
 * overrides it to explore further), and `verbose` so that a failure prints the seed, the
 * path and the counterexample, ready to replay.
 */
export function seeded(numRuns: number, seed = Number(process.env.FC_SEED ?? 20261126)) {
  return { numRuns, seed, verbose: 1 as const };
}
