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
const LF = new Uint8Array([10]);

class HttpStatus extends Error {
  constructor(readonly status: number) {
    super(`the endpoint answered HTTP ${status}`);
  }
}

interface Pending {
  /** Each message's bytes, then a line feed. */
  readonly lines: Uint8Array[];
  count: number;
  /** Settles when the batch's POST is acknowledged (or given up). */
  readonly done: Promise<void>;
  readonly settle: { resolve: () => void; reject: (e: unknown) => void };
}

function pending(): Pending {
  let settle!: Pending["settle"];
  const done = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
  done.catch(() => undefined); // awaited by the sends that wrote into it
  return { lines: [], count: 0, done, settle };
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

  async send(batch: readonly Message[]): Promise<void> {
    const touched: Promise<void>[] = [];
    for (const m of batch) {
      let p = this.current;
      if (p === undefined) {
        p = this.current = pending();
        this.timer = setTimeout(() => this.post(), BATCH_MS);
      }
      if (touched[touched.length - 1] !== p.done) touched.push(p.done);
      p.lines.push(m.bytes, LF);
      if (++p.count >= BATCH_EVENTS) this.post();
    }
    await Promise.all(touched);
  }

  private post(): void {
    const p = this.current;
    if (p === undefined) return;
    clearTimeout(this.timer);
    this.current = undefined;
    const body = Buffer.concat(p.lines);
    this.chain = this.chain.then(() =>
      retry(() => this.request(body), {
        giveUpMs: this.ctx.giveUpMs,
        fatal: (e) => e instanceof HttpStatus && !(e.status === 408 || e.status === 429 || e.status >= 500),
      }).then(p.settle.resolve, p.settle.reject),
    );
  }

  private async request(body: Buffer): Promise<void> {
    // Buffer.concat makes a plain ArrayBuffer.
    const r = await fetch(this.url, { method: "POST", headers: this.headers, body: body as Uint8Array<ArrayBuffer> });
    await r.arrayBuffer().catch(() => undefined);
    if (r.status < 200 || r.status > 299) throw new HttpStatus(r.status);
  }

  async close(): Promise<void> {
    this.post();
    await this.chain;
  }
}
