import { toGsm7 } from "../render.ts";

const GSM_BASIC =
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
const GSM_EXTENDED = "^{}\\[~]|€\f";
const BASIC = new Set(GSM_BASIC);
const EXTENDED = new Set(GSM_EXTENDED);

/** Segments allowed for one SMS the bot sends. */
export const MAX_SMS_SEGMENTS = 2;

/** True when every character is in the GSM-7 alphabet (basic or extension table). */
export function isGsm7(text: string): boolean {
  for (const ch of text) if (!BASIC.has(ch) && !EXTENDED.has(ch)) return false;
  return true;
}

/** How an SMS is encoded and how many segments it takes (153 septets / 67 units per part when split). */
export function smsSegments(text: string): { encoding: "GSM-7" | "UCS-2"; units: number; segments: number } {
  if (isGsm7(text)) {
    let units = 0;
    for (const ch of text) units += EXTENDED.has(ch) ? 2 : 1;
    return { encoding: "GSM-7", units, segments: units <= 160 ? 1 : Math.ceil(units / 153) };
  }
  const units = text.length; // UTF-16 code units
  return { encoding: "UCS-2", units, segments: units <= 70 ? 1 : Math.ceil(units / 67) };
}

/**
 * Text fit for GSM-7: ë -> e, ç -> c, typographic marks to ASCII, "·" -> "-", other accents dropped,
 * anything left outside the alphabet (emoji) removed.
 */
export function smsText(text: string): string {
  const base = toGsm7(text).replace(/[·•]/g, "-").replace(/\u00a0/g, " ");
  let out = "";
  for (const ch of base) {
    if (BASIC.has(ch) || EXTENDED.has(ch)) out += ch;
    else {
      const plain = ch.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
      if (isGsm7(plain)) out += plain;
    }
  }
  return out.replace(/[ \t]+\n/g, "\n").replace(/ {2,}/g, " ").trim();
}

const fits = (text: string, max: number) => smsSegments(text).segments <= max;

/** Cuts one over-long line at word boundaries (or hard, for a word that alone is too long). */
function splitLine(line: string, max: number): string[] {
  const out: string[] = [];
  let cur = "";
  for (const word of line.split(" ")) {
    const next = cur ? `${cur} ${word}` : word;
    if (fits(next, max)) cur = next;
    else if (!cur) {
      let w = word;
      while (!fits(w, max)) {
        let n = w.length;
        while (n > 1 && !fits(w.slice(0, n), max)) n = Math.floor(n * 0.9);
        out.push(w.slice(0, n));
        w = w.slice(n);
      }
      cur = w;
    } else {
      out.push(cur);
      cur = word;
    }
  }
  if (cur) out.push(cur);
  return out;
}

/**
 * Packs a turn's texts into as few SMS as possible, each within `maxSegments`: short replies share a
 * message (blank line between), long ones are split between lines (a numbered list is never cut
 * inside an item unless one item alone is too long).
 */
export function packSms(texts: string[], maxSegments = MAX_SMS_SEGMENTS): string[] {
  const out: string[] = [];
  let cur = "";
  const push = (piece: string, sep: string) => {
    const next = cur ? `${cur}${sep}${piece}` : piece;
    if (fits(next, maxSegments)) {
      cur = next;
      return;
    }
    if (cur) out.push(cur);
    cur = "";
    if (fits(piece, maxSegments)) cur = piece;
    else {
      const parts = splitLine(piece, maxSegments);
      cur = parts.pop() ?? "";
      out.push(...parts);
    }
  };
  for (const text of texts.map(smsText).filter(Boolean)) {
    if (fits(cur ? `${cur}\n\n${text}` : text, maxSegments)) {
      cur = cur ? `${cur}\n\n${text}` : text;
      continue;
    }
    text.split("\n").forEach((line, i) => push(line, i === 0 ? "\n\n" : "\n"));
  }
  if (cur) out.push(cur);
  return out;
}
