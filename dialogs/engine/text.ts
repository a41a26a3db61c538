/** Lowercase, without diacritics (ë -> e, ç -> c), punctuation folded to spaces. For matching only. */
export function normalizeLoose(text: string): string {
  return text
    .toLowerCase()
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .replace(/[^\p{L}\p{N}@+]+/gu, " ")
    .trim();
}
