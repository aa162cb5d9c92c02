/** Strings that would run script if a report put them into a page as markup, in a history with one stale read per string. */
export const hostileStrings = [
  "<script>window.__pwned = 1</script>",
  '"><img src=x onerror="window.__pwned = 2">',
  "</script><script>window.__pwned = 3</script>",
  "<!-- \u2028 ]]> &amp; ' `",
];

/** A history whose keys, sessions, nodes and values are the hostile strings, each with a stale read. */
export function hostileHistory(): string {
  const ev = (o: object) => JSON.stringify(o);
  return hostileStrings
    .flatMap((s, i) => [
      ev({ type: "invoke", process: i, session: s, f: "write", key: s, value: s }),
      ev({ type: "ok", process: i, session: s, f: "write", key: s, value: s, version: 2, node: s }),
      ev({ type: "invoke", process: i, session: s, f: "read", key: s }),
      ev({
        type: "ok",
        process: i,
        session: s,
        f: "read",
        key: s,
        value: `${s}!`,
        version: 1,
        node: s,
      }),
    ])
    .join("\n");
}
