import { fold } from "./normalize.ts";

// Words that put a second service right after the first: "and then", "then", "right after", "followed by",
// «pastaj», «dhe pastaj», «menjëherë pas», «më pas», «e pas saj» (folded, lower case).
const THEN = /(?<![\p{L}\d])(?:(?:and\s+)?then|(?:and\s+)?(?:right|straight|directly|just)\s+after(?:\s+(?:that|it))?|after\s+that|followed\s+by|(?:dhe\s+|e\s+)?pastaj|(?:dhe\s+|e\s+)?(?:menjehere|direkt|drejt)\s+pas(?:\s+(?:saj|tij|asaj|atij|kesaj|ketij))?|(?:dhe\s+|e\s+)?(?:me|ma)\s+pas|(?:dhe\s+|e\s+)pas\s+(?:saj|tij|asaj|atij))(?![\p{L}\d])/u;

/**
 * A request for two services one after the other ("a haircut and then a razor shave right after", «një
 * qethje dhe pastaj një rruajtje»): the words before the first word that says so, and those after it. Null
 * without such a word, or with nothing on either side.
 */
export function thenParts(text: string): { before: string; after: string } | null {
  const m = THEN.exec(fold(text).toLowerCase());
  if (!m) return null;
  const before = text.slice(0, m.index).trim();
  const after = text.slice(m.index + m[0].length).trim();
  return before && after ? { before, after } : null;
}
