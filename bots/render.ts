import type { Capabilities, Reply } from "../core/conversation/messages.ts";

/** GSM-7 friendly text for SMS: ë -> e, ç -> c (and their capitals), typographic marks to ASCII. */
export function toGsm7(text: string): string {
  return text
    .replace(/ë/g, "e").replace(/Ë/g, "E").replace(/ç/g, "c").replace(/Ç/g, "C")
    .replace(/[«»“”„]/g, '"').replace(/[‘’]/g, "'").replace(/[–—]/g, "-").replace(/…/g, "...")
    .replace(/•/g, "-").replace(/✅/g, "").replace(/ /g, " ");
}

/**
 * Replies as plain text with their choices as one numbered list counting across all replies, the way
 * the dialog reads "1", "2" ... back.
 */
export function renderNumbered(replies: Reply[], caps?: Pick<Capabilities, "gsm7">): string[] {
  let n = 0;
  return replies.map((r) => {
    const lines = [r.text];
    for (const c of r.choices ?? []) lines.push(`${++n}. ${c.label}`);
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
