/**
 * 32-bit FNV-1a over a string's code points: fast, tiny and stable, for what must look random but
 * stay the same (identicons, avatar seeds). Not for anything secret.
 */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (const ch of text) h = Math.imul(h ^ ch.codePointAt(0)!, 0x01000193);
  return h >>> 0;
}
