/**
 * For the tests of `dgen report` and `dgen profile`: the model a page embeds, and the page loaded in
 * headless Chromium (the Debian package `chromium`, driven by playwright-core, which downloads no
 * browser): its console errors, the requests it tried, and per canvas how many pixels were drawn.
 * Without /usr/bin/chromium the browser tests are skipped, and fail under CI=true.
 */
import { existsSync, readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import type { ReportModel } from "../../compiler/report/model.js";

export const CHROMIUM = "/usr/bin/chromium";
export const haveChromium = existsSync(CHROMIUM);

/** The report model the page embeds (`<script type="application/json" id="dgen-model">`). */
export function pageModel(path: string): ReportModel {
  const html = readFileSync(path, "utf8");
  const m = /<script type="application\/json" id="dgen-model">([^<]*)<\/script>/.exec(html);
  if (!m) throw new Error(`${path} embeds no model`);
  return JSON.parse(m[1]!) as ReportModel;
}

export interface Loaded {
  /** Console errors and uncaught exceptions. */
  readonly errors: readonly string[];
  /** Requests for anything but the page itself. */
  readonly requests: readonly string[];
  /** The body's `data-charts` (the charts the page's script drew). */
  readonly drawn: string | null;
  /** Per canvas, the pixels that are neither transparent nor white. */
  readonly inked: readonly number[];
  /** Set by a hostile cell that managed to run (it never should). */
  readonly pwned: unknown;
  readonly images: number;
  readonly text: string;
}

export async function loadPage(path: string): Promise<Loaded> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    const requests: string[] = [];
    const url = pathToFileURL(path).href;
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    page.on("pageerror", (e) => errors.push(String(e)));
    page.on("request", (r) => {
      if (r.url() !== url) requests.push(r.url());
    });
    await page.goto(url, { waitUntil: "load" });
    const drawn = await page.getAttribute("body", "data-charts");
    const inked = await page.$$eval("canvas", (canvases) =>
      canvases.map((c) => {
        const d = c.getContext("2d")!.getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let i = 0; i < d.length; i += 4) if (d[i + 3]! > 0 && (d[i]! < 250 || d[i + 1]! < 250 || d[i + 2]! < 250)) n++;
        return n;
      }),
    );
    const pwned = await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned);
    const images = await page.locator("img").count();
    const text = await page.locator("body").innerText();
    return { errors, requests, drawn, inked, pwned, images, text };
  } finally {
    await browser.close();
  }
}
