/**
 * Text that goes into the page, made safe: HTML-escaped text for elements and attributes, and JSON
 * for a `<script type="application/json">` element that no cell text can close or comment out.
 *
 *   escapeHtml('</script><img src=x onerror=alert(1)>')   // "&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"
 *   scriptJson({ a: "</script>" })                        // '{"a":"\u003c/script\u003e"}'
 */

const HTML: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => HTML[c]!);
}

/** JSON with `<`, `>`, `&` and the two JavaScript line separators escaped: safe inside a script element. */
export function scriptJson(v: unknown): string {
  return JSON.stringify(v)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/** A script's text placed inline: no `</script` or `<!--` can end or confuse the element. */
export function inlineScript(code: string): string {
  return code.replace(/<\/(script)/gi, "<\\/$1").replace(/<!--/g, "<\\!--");
}
