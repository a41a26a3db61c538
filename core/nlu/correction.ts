import { fold } from "./normalize.ts";

// Words that take back what came before them: "në 8... jo, më mirë në 9", "Wednesday, sorry, I meant Thursday".
const TAKEN_BACK = /(?:^|[\s,.;:!?]+)(?:jo|no|nope|actually|sorry|me mire|ma mire|rather|i mean|i meant|dua te them|desha te them|dmth)(?=[\s,.;:!?]|$)/gi;

/**
 * What a message says last when it corrects itself ("në 8... jo, më mirë në 9" is "në 9"): the text after
 * its last word that takes something back, when `reads` finds a day or time there; else the whole text.
 */
export function lastSaid(text: string, reads: (part: string) => boolean): string {
  let cut = -1;
  // Folding keeps every character in place, so the position found there cuts the original text.
  for (const m of fold(text).matchAll(TAKEN_BACK)) cut = m.index + m[0].length;
  if (cut < 0) return text;
  const part = text.slice(cut).trim();
  return part && reads(part) ? part : text;
}
