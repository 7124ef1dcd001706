/**
 * `--to http(s)://…`: events POSTed as JSON Lines (`application/x-ndjson`), in batches of up to 500
 * events or 50 ms, one request at a time so the endpoint sees them in order. A 2xx answer acknowledges
 * the batch; a network error, a 408, 429 or 5xx is retried with back-off (retry.ts); any other status
 * is final. A user and password in the URL go into an `Authorization: Basic` header, never into a
 * message. Uses Node's own `fetch`: no package.
 */
import { retry } from "./retry.js";
import type { EventTarget, Message, TargetContext } from "./target.js";

const BATCH_EVENTS = 500;
const BATCH_MS = 50;

class HttpStatus extends Error {
  constructor(readonly status: number) {
    super(`the endpoint answered HTTP ${status}`);
  }
}

interface Pending {
  readonly text: string[];
  readonly waiters: { resolve: () => void; reject: (e: unknown) => void }[];
}

export class HttpTarget implements EventTarget {
  private readonly url: string;
  private readonly headers: Record<string, string>;
  private current: Pending | undefined;
  private timer: NodeJS.Timeout | undefined;
  private chain: Promise<void> = Promise.resolve();

  constructor(
    to: string,
    private readonly ctx: TargetContext,
  ) {
    const url = new URL(to);
    this.headers = { "content-type": "application/x-ndjson" };
    if (url.username !== "" || url.password !== "") {
      const user = decodeURIComponent(url.username);
      const pass = decodeURIComponent(url.password);
      this.headers.authorization = `Basic ${Buffer.from(`${user}:${pass}`).toString("base64")}`;
      url.username = "";
      url.password = "";
    }
    this.url = url.toString();
  }

  send(batch: readonly Message[]): Promise<void> {
    return new Promise((resolve, reject) => {
      let p = this.current;
      if (p === undefined) {
        p = this.current = { text: [], waiters: [] };
        this.timer = setTimeout(() => this.post(), BATCH_MS);
      }
      for (const m of batch) p.text.push(m.text);
      p.waiters.push({ resolve, reject });
      if (p.text.length >= BATCH_EVENTS) this.post();
    });
  }

  private post(): void {
    const p = this.current;
    if (p === undefined) return;
    clearTimeout(this.timer);
    this.current = undefined;
    const body = p.text.join("\n") + "\n";
    this.chain = this.chain.then(() =>
      retry(() => this.request(body), {
        giveUpMs: this.ctx.giveUpMs,
        fatal: (e) => e instanceof HttpStatus && !(e.status === 408 || e.status === 429 || e.status >= 500),
      }).then(
        () => p.waiters.forEach((w) => w.resolve()),
        (e: unknown) => p.waiters.forEach((w) => w.reject(e)),
      ),
    );
  }

  private async request(body: string): Promise<void> {
    const r = await fetch(this.url, { method: "POST", headers: this.headers, body });
    await r.arrayBuffer().catch(() => undefined);
    if (r.status < 200 || r.status > 299) throw new HttpStatus(r.status);
  }

  async close(): Promise<void> {
    this.post();
    await this.chain;
  }
}
