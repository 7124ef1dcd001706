/**
 * Offsets between two versions of a text, through the one region that changed (the text between their
 * common prefix and common suffix): so the parse of an earlier keystroke answers a hover or a
 * definition anywhere outside the edit without parsing again. Inside the change there is no mapping.
 *
 *   const s = textShift("a = 1\nb = 2", "a = 10\nb = 2");
 *   s.toOld(9)   // 8: "b" moved one to the right
 *   s.toOld(5)   // undefined: inside the edit (a name or number touching it counts as inside)
 */
export interface TextShift {
  /** An offset of the new text in the old one, or undefined inside the edit or at its edges (where a name may have grown). */
  toOld(offset: number): number | undefined;
  /** An offset of the old text in the new one, or undefined inside the edit. */
  toNew(offset: number): number | undefined;
}

export function textShift(oldText: string, newText: string): TextShift {
  if (oldText === newText) return { toOld: (n) => n, toNew: (o) => o };
  const max = Math.min(oldText.length, newText.length);
  let prefix = 0;
  while (prefix < max && oldText.charCodeAt(prefix) === newText.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (
    suffix < max - prefix &&
    oldText.charCodeAt(oldText.length - 1 - suffix) === newText.charCodeAt(newText.length - 1 - suffix)
  )
    suffix++;
  // A name that runs into the edit may have changed (`age` typed on into `ages`): leave it unmapped.
  const word = (text: string, i: number): boolean => isWordChar(text.charCodeAt(i));
  while (prefix > 0 && word(oldText, prefix - 1) && (word(oldText, prefix) || word(newText, prefix))) prefix--;
  while (
    suffix > 0 &&
    word(oldText, oldText.length - suffix) &&
    (word(oldText, oldText.length - suffix - 1) || word(newText, newText.length - suffix - 1))
  )
    suffix--;
  const delta = newText.length - oldText.length;
  return {
    toOld: (n) => (n < prefix ? n : n > newText.length - suffix ? n - delta : undefined),
    // A span's ends are boundaries between characters: one at the edit's edges maps as well.
    toNew: (o) => (o <= prefix ? o : o >= oldText.length - suffix ? o + delta : undefined),
  };
}

function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}
