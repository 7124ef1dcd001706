/**
 * Progress on a terminal: one line on stderr, redrawn at most four times a second —
 * `orders  1,234,567/10,000,000 rows  812,345 rows/s  ETA 11s` (rows/s of the table being written,
 * or loaded with `--to`; the ETA from the whole run's rate). Silent when disabled.
 * (Wall-clock time is read here for display only; it never reaches generated values.)
 */
const INTERVAL_MS = 250;

export class Progress {
  private readonly start = performance.now();
  private last = 0;
  private done = 0;
  private table = "";
  private tableStart = performance.now();
  private tableDone = 0;
  private drawn = false;

  constructor(
    private readonly stream: NodeJS.WritableStream | undefined,
    private readonly total: number,
  ) {}

  beginTable(name: string): void {
    this.table = name;
    this.tableStart = performance.now();
    this.tableDone = 0;
  }

  advance(rows: number): void {
    this.done += rows;
    this.tableDone += rows;
    if (this.stream === undefined) return;
    const now = performance.now();
    if (now - this.last < INTERVAL_MS) return;
    this.last = now;
    const seconds = (now - this.start) / 1000;
    const rate = seconds > 0 ? this.done / seconds : 0;
    const eta = rate > 0 ? Math.ceil((this.total - this.done) / rate) : 0;
    const tableSeconds = (now - this.tableStart) / 1000;
    const tableRate = tableSeconds > 0 ? this.tableDone / tableSeconds : 0;
    const n = (x: number) => Math.round(x).toLocaleString("en-US");
    this.stream.write(
      `\r\x1b[K${this.table}  ${n(this.done)}/${n(this.total)} rows  ${n(tableRate)} rows/s  ETA ${formatSeconds(eta)}`,
    );
    this.drawn = true;
  }

  /** Clears the line. */
  end(): void {
    if (this.stream !== undefined && this.drawn) this.stream.write("\r\x1b[K");
  }
}

function formatSeconds(s: number): string {
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  return m < 60
    ? `${m}m${String(s % 60).padStart(2, "0")}s`
    : `${Math.floor(m / 60)}h${String(m % 60).padStart(2, "0")}m`;
}
