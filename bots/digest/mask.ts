/** Longest text kept for one unmatched message. */
export const MAX_UNMATCHED_LENGTH = 160;

/**
 * A typed message as the digest keeps it: personal data masked — emails "[email]", links "[link]",
 * phone numbers "[phone]", any other number "#" — then lower case, spaces collapsed, cut to 160
 * characters. Messages that differ only in those parts count together.
 */
export function maskUnmatched(text: string): string {
  return text
    .normalize("NFC")
    .replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, " [email] ")
    .replace(/\b(https?:\/\/|www\.)\S+/gi, " [link] ")
    .replace(/\+?\d[\d\s().-]{6,}\d/g, " [phone] ")
    .replace(/\d+([.,:/-]\d+)*/g, "#")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, MAX_UNMATCHED_LENGTH);
}
