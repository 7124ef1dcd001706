/**
 * The order in which a run's files go up to object storage (docs/guarantees.md, "Object storage").
 * Data files first — in any order, several at a time — then the files that commit them, one by one:
 * a lake table's log or metadata (Delta: `_delta_log/*.json`, then `_delta_log/_last_checkpoint`;
 * Iceberg: `metadata/*.metadata.json`, then `version-hint.text`), and the run's manifest last of all.
 * A reader that trusts a commit file therefore finds every object it names already there.
 *
 *   uploadOrder(["orders.csv", "_manifest.json", "customers.csv"], "_manifest.json")
 *   // { data: ["customers.csv", "orders.csv"], commit: ["_manifest.json"] }
 */
export interface UploadOrder {
  /** Uploaded first, in parallel. */
  readonly data: readonly string[];
  /** Uploaded after every data file, one at a time, in this order; the manifest is the last. */
  readonly commit: readonly string[];
}

/** The rank of a commit file (lower goes first), or undefined for a data file. */
function commitRank(path: string, manifest: string): number | undefined {
  const parts = path.split("/");
  const name = parts[parts.length - 1]!;
  const parent = parts.length > 1 ? parts[parts.length - 2] : undefined;
  if (path === manifest) return 4;
  if (parent === "_delta_log" && /^\d+\.json$/.test(name)) return 0;
  if (parent === "_delta_log" && name === "_last_checkpoint") return 1;
  if (parent === "metadata" && name.endsWith(".metadata.json")) return 2;
  if (name === "version-hint.text") return 3;
  return undefined;
}

const natural = new Intl.Collator("en", { numeric: true });

export function uploadOrder(paths: readonly string[], manifest: string): UploadOrder {
  const data: string[] = [];
  const commit: { path: string; rank: number }[] = [];
  for (const path of paths) {
    const rank = commitRank(path, manifest);
    if (rank === undefined) data.push(path);
    else commit.push({ path, rank });
  }
  data.sort((a, b) => natural.compare(a, b));
  commit.sort((a, b) => a.rank - b.rank || natural.compare(a.path, b.path));
  return { data, commit: commit.map((c) => c.path) };
}
