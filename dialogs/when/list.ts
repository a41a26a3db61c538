import type { Slot } from "../../core/availability/types.ts";
import { formatDateIn } from "../../core/format.ts";
import { t, type Lang } from "../../locales/i18n.ts";
import { inWindow, type DayWindow } from "./read.ts";

/** How a window was asked for, in words: "pasdite", "pas orës 15:00". */
function windowWords(lang: Lang, said: NonNullable<DayWindow["said"]>): string {
  if ("part" in said) return t(lang, `when:part.${said.part}`);
  if ("after" in said) return t(lang, "when:after", { time: said.after });
  return t(lang, "when:before", { time: said.before });
}

/**
 * The free times a time step lists and the words above them: the whole day (`headKey`, with the day in
 * the accusative), or only the part of it the customer asked for ("Oraret e lira pasdite, të enjten,
 * 3 dhjetor:"); when that part has none, says so and lists the whole day.
 */
export function dayTimes(lang: Lang, date: string, slots: Slot[], window: DayWindow | undefined, tz: string, headKey: string): { slots: Slot[]; text: string } {
  const day = formatDateIn(lang, date, "acc");
  const whole = t(lang, headKey, { day });
  if (!window?.said) return { slots, text: whole };
  const part = windowWords(lang, window.said);
  const narrowed = inWindow(slots, window, tz);
  if (!narrowed.length) return { slots, text: `${t(lang, "when:noneIn", { part, day })} ${whole}` };
  return { slots: narrowed, text: t(lang, "when:timesIn", { part, day }) };
}
