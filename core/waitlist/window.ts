import { normalize } from "../nlu/normalize.ts";

/** A part of a day in wall-clock minutes, [fromMin, toMin); 0-1440 is any time. */
export interface TimeWindow {
  fromMin: number;
  toMin: number;
}

export const ANY_TIME: TimeWindow = { fromMin: 0, toMin: 1440 };

/** The named parts of a day a customer can pick (also typed: "pasdite", "në mëngjes", "evening"). */
export const PARTS: Record<"any" | "morning" | "afternoon" | "evening", TimeWindow> = {
  any: ANY_TIME,
  morning: { fromMin: 0, toMin: 12 * 60 },
  afternoon: { fromMin: 12 * 60, toMin: 18 * 60 },
  evening: { fromMin: 17 * 60, toMin: 1440 },
};

const PART_WORDS: [RegExp, keyof typeof PARTS][] = [
  [/\b(cdo ore|cdo kohe|cfaredo ore|cilado ore|kurdo|gjithe diten|sdo|s ka rendesi|ska rendesi|nuk ka rendesi|any ?time|any|whenever|all day)\b/, "any"],
  [/\b(mengjes\w*|paradite\w*|paradreke|mornings?)\b/, "morning"],
  [/\b(pasdite\w*|mbasdite\w*|pas dreke|mbas dreke|afternoons?)\b/, "afternoon"],
  [/\b(mbremje\w*|darke|evenings?|tonight)\b/, "evening"],
];

/** An hour typed in a range: "15", "15:30", "3" (afternoon in a business day: 15:00), "3 pm". */
function hourOf(h: string, m: string | undefined, pm: boolean): number | null {
  let hour = Number(h);
  const min = m ? Number(m) : 0;
  if (!Number.isInteger(hour) || hour > 24 || min > 59) return null;
  if (pm && hour < 12) hour += 12;
  else if (hour >= 1 && hour <= 7) hour += 12; // "pas orës 3" in a business day is 15:00
  return Math.min(1440, hour * 60 + min);
}

const H = String.raw`(\d{1,2})(?:[:.](\d{2}))?\s*(pm|e pasdites|e mbasdites|pasdite|e mbremjes)?`;
const AFTER = new RegExp(String.raw`\b(?:pas|mbas|after|nga|from|prej)\s+(?:(?:ores|ora|oren|ore|o)\s+)?${H}(?!\s*(?:-|deri|to|until|ne|and|e deri))`);
const BEFORE = new RegExp(String.raw`\b(?:para|perpara|deri|before|until|by)\s+(?:(?:ne|me)\s+)?(?:(?:ores|ora|oren|ore)\s+)?${H}`);
const RANGE = new RegExp(String.raw`(?:\b(?:nga|prej|between|from)\s+)?(?:(?:ora|ores|oren)\s+)?${H}\s*(?:-|–|deri ne|deri|to|until|and|e)\s*(?:(?:ora|ores|oren)\s+)?${H}`);

/**
 * The part of a day a customer typed for a waiting list: a named part ("pasdite", "në mëngjes",
 * "evening"), "any time" ("çdo orë", "s'ka rëndësi"), or a range ("pas orës 15", "para orës 12",
 * "nga 14 deri 17", "14-17", "after 3 pm"). Null when the text names none.
 */
export function readWindow(text: string): TimeWindow | null {
  const norm = normalize(text);
  // "14-17" loses its dash to normalising: two bare hours are a range.
  const range = RANGE.exec(norm) ?? new RegExp(String.raw`^${H}\s+${H}$`).exec(norm);
  if (range) {
    const a = hourOf(range[1], range[2], !!range[3]);
    const b = hourOf(range[4], range[5], !!range[6]);
    if (a !== null && b !== null && a < b) return { fromMin: a, toMin: b };
  }
  const after = AFTER.exec(norm);
  if (after) {
    const a = hourOf(after[1], after[2], !!after[3]);
    if (a !== null && a < 1440) return { fromMin: a, toMin: 1440 };
  }
  const before = BEFORE.exec(norm);
  if (before) {
    const b = hourOf(before[1], before[2], !!before[3]);
    if (b !== null && b > 0) return { fromMin: 0, toMin: b };
  }
  for (const [re, part] of PART_WORDS) if (re.test(norm)) return PARTS[part];
  return null;
}

/** True when a wall-clock start (minutes after midnight) lies in the window. */
export function inWindow(w: TimeWindow, minutes: number): boolean {
  return minutes >= w.fromMin && minutes < w.toMin;
}
