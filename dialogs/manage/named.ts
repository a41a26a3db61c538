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

// Where a message names the booking it keeps: "cancel the shave, keep the haircut", «anuloni masazhin, por jo
// qethjen», "the massage but not the facial", «mbani pedikyrin». What follows, up to the clause's end.
const KEEP = /(?:^|[\s,.;:!?])(?:keep|but not|not the|leave the|except(?: for)?|apart from|mbaj\w*|mbani|por jo|pervec|mos (?:e )?(?:anulo\w*|prek\w*|lev\w*))(?=[\s,.;:!?]|$)/i;
const CLAUSE_END = /[,.;:!?]|\s(?:and|dhe|e)\s/;

// Said after what is kept: «qethja mbetet», "the haircut stays", "the massage can stay".
const STAYS = /(?:^|\s)(?:mbetet|mbeten|le te mbetet|rri|qendron|stays|stay|remains|is fine|is ok)(?=[\s,.;:!?]|$)/i;

/** The message without the part naming what is kept, and that part (empty when none). */
function splitKept(text: string): { main: string; kept: string } {
  // "anulo masazhin, qethja mbetet": the clause that says it stays.
  const clauses = text.split(/[,.;]|\s(?:but|por|and|dhe)\s/);
  const staying = clauses.length > 1 ? clauses.find((c) => STAYS.test(c)) : undefined;
  if (staying) return { main: clauses.filter((c) => c !== staying).join(", ").trim(), kept: staying.replace(STAYS, " ").trim() };
  const m = KEEP.exec(text);
  if (!m) return { main: text, kept: "" };
  const rest = text.slice(m.index + m[0].length);
  const end = CLAUSE_END.exec(rest.replace(/^[\s,]+/, ""));
  const lead = rest.length - rest.replace(/^[\s,]+/, "").length;
  const keptEnd = end ? lead + end.index : rest.length;
  return { main: `${text.slice(0, m.index)} ${rest.slice(keptEnd)}`.trim(), kept: rest.slice(0, keptEnd).trim() };
}

/**
 * Each booking's score for a text: a word of its service (name or alias) or its business's name counts 2,
 * its business's town 2, a word of its kind of service (name or alias: "masazh", "dhëmbëve") 1, and the
 * day said 3.
 */
async function scores(text: string, bookings: ManagedBooking[], ctx: TurnContext): Promise<{ b: ManagedBooking; score: number }[]> {
  const all = normalize(text).split(" ");
  const words = all.filter((w) => w.length >= 4 && !NOISE.has(w));
  // A word of three letters names a kind only as it is ("the car one", "the spa"): never as a stem.
  const short = all.filter((w) => w.length === 3);
  const categories = await ctx.services.catalog.categories();
  const index = await ctx.services.catalog.entities();
  const split = (...names: string[]) => normalize(names.join(" ")).split(" ").filter((w) => w.length >= 3);
  // The day said, read once per time zone (the bookings' businesses mostly share one).
  const days = new Map<string, string | undefined>();
  const daySaid = (tz: string) => {
    if (!days.has(tz)) days.set(tz, ctx.services.nlu?.when(text, { now: ctx.now, timeZone: tz })?.date);
    return days.get(tz);
  };
  // "the one in Shkoder": the town of its business.
  const towns = index.recognize(text).cities;
  return bookings.map((b) => {
    const tz = b.business.timeZone;
    const cat = categories.find((c) => c.id === b.business.categoryId);
    const own = split(b.business.name, b.service.nameSq, b.service.nameEn, ...(index.services.get(b.service.id)?.aliases ?? []));
    const kind = split(cat?.nameSq ?? "", cat?.nameEn ?? "", ...(cat?.aliases ?? []));
    let score = 0;
    for (const w of words) score += own.some((o) => sameWord(w, o)) ? 2 : kind.some((o) => sameWord(w, o)) ? 1 : 0;
    for (const w of short) if (kind.includes(w)) score += 1;
    if (towns.includes(b.business.city)) score += 2;
    const said = daySaid(tz);
    if (said && said === zonedParts(b.start, tz).date) score += 3;
    return { b, score };
  });
}

const best = (scored: { b: ManagedBooking; score: number }[]) => {
  const top = Math.max(0, ...scored.map((s) => s.score));
  return top > 0 ? scored.filter((s) => s.score === top).map((s) => s.b) : [];
};

/**
 * The bookings a message names ("masazhi", «qethjen», «atë të martën», "the dentist one", «pedikyrin e
 * nesërmit»): only the best fitting ones, none when nothing fits. One the message says it keeps ("cancel
 * the shave, keep the haircut") is left out.
 */
export async function namedBookings(text: string, bookings: ManagedBooking[], ctx: TurnContext): Promise<ManagedBooking[]> {
  const { main, kept } = splitKept(text);
  const keptOnes = kept ? best(await scores(kept, bookings, ctx)) : [];
  const named = best(await scores(main, bookings, ctx)).filter((b) => !keptOnes.includes(b));
  if (named.length || !keptOnes.length) return named;
  // "keep the haircut, cancel the other one": the one not kept, when that leaves one.
  const others = bookings.filter((b) => !keptOnes.includes(b));
  return others.length === 1 ? others : [];
}
