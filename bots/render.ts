import type { Capabilities, Reply } from "../core/conversation/messages.ts";

/** GSM-7 friendly text for SMS: ë -> e, ç -> c (and their capitals), typographic marks to ASCII. */
export function toGsm7(text: string): string {
  return text
    .replace(/ë/g, "e").replace(/Ë/g, "E").replace(/ç/g, "c").replace(/Ç/g, "C")
    .replace(/[«»“”„]/g, '"').replace(/[‘’]/g, "'").replace(/[–—]/g, "-").replace(/…/g, "...")
    .replace(/•/g, "-").replace(/✅/g, "").replace(/ /g, " ");
}

/**
 * Marks that dress up a button label but say nothing in a numbered list: emoji and other pictographs,
 * arrows, check marks, guillemets used as arrows («, », ‹, ›), and the invisible joiners and variation
 * selectors that go with emoji. Letters, digits and the "·" between a label's parts stay.
 */
const DECORATION = /[\p{Extended_Pictographic}\u2190-\u21FF\u2700-\u27BF\u2B00-\u2BFF«»‹›\uFE0E\uFE0F\u200D\u20E3]/gu;

/** A choice label as a numbered channel shows it: "« Mbrapa" -> "Mbrapa", "Më shumë ditë »" -> "Më shumë ditë", "✓ SMS" -> "SMS". */
export function plainLabel(label: string): string {
  const plain = label.replace(DECORATION, "").replace(/\s{2,}/g, " ").trim();
  return plain || label.trim();
}

/**
 * Replies as plain text with their choices as one numbered list counting across all replies, the way
 * the dialog reads "1", "2" ... back. The number stands for the button, so labels lose their decoration.
 */
export function renderNumbered(replies: Reply[], caps?: Pick<Capabilities, "gsm7">): string[] {
  let n = 0;
  return replies.map((r) => {
    const lines = [r.text];
    for (const c of r.choices ?? []) lines.push(`${++n}. ${plainLabel(c.label)}`);
    if (r.link) lines.push(`${r.link.label}: ${r.link.url}`);
    const text = lines.join("\n");
    return caps?.gsm7 ? toGsm7(text) : text;
  });
}

/** Splits text at line breaks (or spaces) so that every part fits a channel's length limit. */
export function splitText(text: string, max: number): string[] {
  const parts: string[] = [];
  let rest = text;
  while (rest.length > max) {
    let cut = rest.lastIndexOf("\n", max);
    if (cut < max / 2) cut = rest.lastIndexOf(" ", max);
    if (cut < max / 2) cut = max;
    parts.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  parts.push(rest);
  return parts.filter((p) => p.length > 0);
}
