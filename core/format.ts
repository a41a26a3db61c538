import { parsePhoneNumberFromString } from "libphonenumber-js";
import type { Lang } from "../locales/i18n.ts";
import { t } from "../locales/i18n.ts";
import { zonedParts } from "./clock.ts";
import type { OpenInterval } from "./availability/types.ts";

const LOCALE: Record<Lang, string> = { sq: "sq-AL", en: "en-GB" };
const cache = new Map<string, Intl.DateTimeFormat>();

function dtf(lang: Lang, tz: string, kind: "dayTime" | "day" | "time" | "short"): Intl.DateTimeFormat {
  const key = `${lang}|${tz}|${kind}`;
  let f = cache.get(key);
  if (!f) {
    const base: Intl.DateTimeFormatOptions = { timeZone: tz };
    const opts: Intl.DateTimeFormatOptions =
      kind === "dayTime"
        ? { ...base, weekday: "long", day: "numeric", month: "long", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }
        : kind === "day"
          ? { ...base, weekday: "long", day: "numeric", month: "long" }
          : kind === "short"
            ? { ...base, weekday: "short", day: "numeric", month: "short" }
            : { ...base, hour: "2-digit", minute: "2-digit", hourCycle: "h23" };
    f = new Intl.DateTimeFormat(LOCALE[lang], opts);
    cache.set(key, f);
  }
  return f;
}

/** "e enjte, 26 nëntor në 10:00" / "Thursday 26 November at 10:00" in the given zone. */
export function formatDayTime(lang: Lang, instant: Date, tz: string): string {
  return dtf(lang, tz, "dayTime").format(instant);
}

/** "e enjte, 26 nëntor" for a local date YYYY-MM-DD. */
export function formatLocalDate(lang: Lang, date: string): string {
  const [y, m, d] = date.split("-").map(Number);
  return dtf(lang, "UTC", "day").format(new Date(Date.UTC(y, m - 1, d, 12)));
}

/** A short day label for buttons: "enj, 26 nën" style. */
export function formatShortDate(lang: Lang, date: string): string {
  const [y, m, d] = date.split("-").map(Number);
  return dtf(lang, "UTC", "short").format(new Date(Date.UTC(y, m - 1, d, 12)));
}

/** "10:00" in the zone. */
export function formatTime(lang: Lang, instant: Date, tz: string): string {
  return dtf(lang, tz, "time").format(instant);
}

// Building an Intl formatter costs far more than using one: one per language and kind, kept.
const numberFormats = new Map<Lang, Intl.NumberFormat>();
function numberFormat(lang: Lang): Intl.NumberFormat {
  let f = numberFormats.get(lang);
  if (!f) numberFormats.set(lang, (f = new Intl.NumberFormat(LOCALE[lang])));
  return f;
}
const utcFormats = new Map<string, Intl.DateTimeFormat>();
function utcFormat(lang: Lang, kind: "weekday" | "dayMonth"): Intl.DateTimeFormat {
  const key = `${lang}|${kind}`;
  let f = utcFormats.get(key);
  if (!f) {
    const opts: Intl.DateTimeFormatOptions = kind === "weekday" ? { weekday: "long", timeZone: "UTC" } : { timeZone: "UTC", day: "numeric", month: "long" };
    utcFormats.set(key, (f = new Intl.DateTimeFormat(LOCALE[lang], opts)));
  }
  return f;
}

/** "800 lekë", "1 lek", "15 000 lekë" (sq grouping from five digits). */
export function formatPrice(lang: Lang, lek: number): string {
  const n = numberFormat(lang).format(lek);
  return t(lang, "common:price", { count: lek, amount: n });
}

/** A phone number grouped for reading: "+355691234567" -> "+355 69 123 4567"; anything unparsable as given. */
export function formatPhone(phone: string): string {
  const p = parsePhoneNumberFromString(phone, "AL");
  return p?.isValid() ? p.formatInternational() : phone;
}

/** The weekday's full name, "e hënë" / "Monday", for 0 (Sunday) ... 6 (Saturday). */
export function formatWeekday(lang: Lang, day: number): string {
  // 2026-11-22 was a Sunday: day N is N days later.
  return utcFormat(lang, "weekday").format(new Date(Date.UTC(2026, 10, 22 + day, 12)));
}

// Albanian weekdays (0 = Sunday) in the cases a sentence needs: "të martën" (on Tuesday, accusative),
// "së martës" (of Tuesday, genitive, after the article that agrees with its noun: "rezervimin e së
// martës", "rezervimi i së martës"). The nominative "e martë" is Intl's, for labels and list lines.
const SQ_ACC = ["të dielën", "të hënën", "të martën", "të mërkurën", "të enjten", "të premten", "të shtunën"];
const SQ_GEN = ["së dielës", "së hënës", "së martës", "së mërkurës", "së enjtes", "së premtes", "së shtunës"];

/** A weekday (0 = Sunday) after a verb or preposition, without a date: sq "të dielën", en "Sunday". */
export function formatWeekdayIn(lang: Lang, day: number): string {
  return lang === "en" ? formatWeekday(lang, day) : SQ_ACC[day];
}

/** How a date sits in a sentence: after a verb or preposition ("acc"), or after a noun ("gen"). */
export type DateCase = "acc" | "gen";

function dayMonth(lang: Lang, date: string): string {
  const [y, m, d] = date.split("-").map(Number);
  return utcFormat(lang, "dayMonth").format(new Date(Date.UTC(y, m - 1, d, 12)));
}

/**
 * A day (local date YYYY-MM-DD, or an instant in `tz`, then with its time) inside a sentence:
 * sq "të martën, 1 dhjetor, në orën 10:30" / "së martës, 1 dhjetor" (the template writes the article "e"/"i");
 * en "Tuesday 1 December at 10:30".
 * The time closes with a comma in Albanian when the sentence goes on; templates put it there.
 */
export function formatDateIn(lang: Lang, when: string | Date, dateCase: DateCase, tz = "Europe/Tirane"): string {
  const instant = when instanceof Date ? when : null;
  const date = instant ? zonedParts(instant, tz).date : (when as string);
  const [y, m, d] = date.split("-").map(Number);
  const weekday = new Date(Date.UTC(y, m - 1, d, 12)).getUTCDay();
  if (lang === "en") {
    const day = dtf(lang, "UTC", "day").format(new Date(Date.UTC(y, m - 1, d, 12)));
    return instant ? `${day} at ${formatTime(lang, instant, tz)}` : day;
  }
  const day = `${(dateCase === "acc" ? SQ_ACC : SQ_GEN)[weekday]}, ${dayMonth(lang, date)}`;
  return instant ? `${day}, në orën ${formatTime(lang, instant, tz)}` : day;
}

/** A day's opening hours, "09:00–13:00, 14:00–19:00", or "mbyllur" / "closed" on a day without any. */
export function formatDayHours(lang: Lang, intervals: OpenInterval[] | undefined): string {
  if (!intervals?.length) return t(lang, "common:closedDay");
  return intervals.map((iv) => `${iv.open}–${iv.close}`).join(", ");
}
