/** Exit statuses, documented in the README. */
export const ExitCode = {
  valid: 0,
  invalid: 1,
  unknown: 2,
  /** An input file cannot be used: unreadable, malformed, against the schema, or not a history. */
  badInput: 3,
  /** The command line is wrong: unknown option, checker or format. */
  usage: 4,
  /** A bug in Causeway: please report it with the --debug output. */
  internal: 5,
  /** --expect: some history's verdicts differ from what the expectation file says. */
  unexpected: 6,
} as const;
