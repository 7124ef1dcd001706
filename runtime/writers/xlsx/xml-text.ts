/**
 * Text in a cell of an XLSX sheet (an XML text node, SpreadsheetML's ST_Xstring): `& < >` as entities,
 * CR as `&#13;` (XML readers would turn a raw CR into LF), characters XML 1.0 cannot hold (other control
 * characters, U+FFFE, U+FFFF) as `_xHHHH_`, a literal `_xHHHH_` protected by escaping its `_` as
 * `_x005F_`, and a lone surrogate as U+FFFD, as every other writer does.
 *
 *   xmlText(b, "a<b\u0001")   // a&lt;b_x0001_
 */
import type { ByteBuffer } from "../byte-buffer.js";

const HEX = "0123456789ABCDEF";

export function xmlText(b: ByteBuffer, s: string, lower = false): void {
  if (lower) s = s.toLowerCase();
  const n = s.length;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x20 && c <= 0x7f && c !== 38 && c !== 60 && c !== 62 && c !== 95) {
      b.byte(c);
      continue;
    }
    if (c === 38) b.str("&amp;");
    else if (c === 60) b.str("&lt;");
    else if (c === 62) b.str("&gt;");
    else if (c === 95) b.str(/^_x[0-9A-Fa-f]{4}_/.test(s.slice(i, i + 7)) ? "_x005F_" : "_");
    else if (c === 13) b.str("&#13;");
    else if (c === 9 || c === 10) b.byte(c);
    else if (c < 0x20 || c === 0xfffe || c === 0xffff) b.str(`_x${hex4(c)}_`);
    else {
      b.ensure(4);
      i = b.utf8Char(s, i, c);
    }
  }
}

function hex4(c: number): string {
  return HEX[(c >> 12) & 15] + HEX[(c >> 8) & 15] + HEX[(c >> 4) & 15] + HEX[c & 15];
}
