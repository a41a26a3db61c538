import type { ManagedBooking } from "../../core/bookings/port.ts";
import { zonedParts } from "../../core/clock.ts";
import { normalize } from "../../core/nlu/normalize.ts";
import type { TurnContext } from "../engine/types.ts";

/** Words that name no booking in particular. */
const NOISE = new Set(["termin", "terminin", "takim", "takimin", "rezervim", "rezervimin", "rezervimi", "booking", "appointment", "session"]);

/** Two words are the same word in another form: "masazhi"/"masazh", "berberit"/"berberi", "dentist"/"dental". */
function sameWord(a: string, b: string): boolean {
  let p = 0;
  while (p < a.length && p < b.length && a[p] === b[p]) p++;
  return p >= 4 && p >= Math.min(a.length, b.length) - 2;
}

/**
 * The bookings a message names ("masazhi", "atë të martën", "the dentist one", "ai i berberit"): scored by
 * the words of their service, business and category and by the day said; only the best ones, none when
 * nothing fits.
 */
export async function namedBookings(text: string, bookings: ManagedBooking[], ctx: TurnContext): Promise<ManagedBooking[]> {
  const words = normalize(text).split(" ").filter((w) => w.length >= 4 && !NOISE.has(w));
  const categories = await ctx.services.catalog.categories();
  const scored = bookings.map((b) => {
    const tz = b.business.timeZone;
    const cat = categories.find((c) => c.id === b.business.categoryId);
    const own = normalize([b.business.name, b.service.nameSq, b.service.nameEn, cat?.nameSq ?? "", cat?.nameEn ?? ""].join(" "))
      .split(" ")
      .filter((w) => w.length >= 3);
    let score = words.filter((w) => own.some((o) => sameWord(w, o))).length;
    const when = ctx.services.nlu?.when(text, { now: ctx.now, timeZone: tz });
    if (when && when.date === zonedParts(b.start, tz).date) score += 2;
    return { b, score };
  });
  const best = Math.max(0, ...scored.map((s) => s.score));
  return best > 0 ? scored.filter((s) => s.score === best).map((s) => s.b) : [];
}
