/**
 * The one clock read of a lake run: the commit's time, which Delta's `commitInfo.timestamp` and
 * `modificationTime` and Iceberg's `timestamp-ms` and `last-updated-ms` require. It describes the
 * commit, never a value: every data byte stays a function of the seed (docs/guarantees.md).
 */
export function commitTime(): number {
  return Date.now();
}
