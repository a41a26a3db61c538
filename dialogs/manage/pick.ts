import type { ManagedBooking } from "../../core/bookings/port.ts";
import { zonedParts } from "../../core/clock.ts";
import type { ConversationState } from "../../core/conversation/state.ts";
import { dayShift, destination, timeShift } from "../../core/nlu/move-to.ts";
import { fold, normalize } from "../../core/nlu/normalize.ts";
import { saysSameTime } from "../../core/nlu/same-time.ts";
import { t } from "../../locales/i18n.ts";
import type { Outcome, TurnContext } from "../engine/types.ts";
import { md } from "./common.ts";
import { saysComing } from "../../core/reminders/replies.ts";
import { moveTo } from "./move.ts";

// The words after which a move request says where to ("ta kaloj për të premten në 10", "move it to Friday",
// "I can't make it Thursday, is there anything on Friday?", "s'vij dot, a ka vend të shtunën?", "terminin e
// nesërm e dua të enjten", "e çoj për të enjten", «me e kalu për të shtunën» (Gheg), «ta sjell makinën më vonë, në 10», "can I bring the car earlier, like 4:30?", "is Wednesday at 5pm
// free?"; "në vend të" is "instead of", no verb; "can I make it Thursday" says where, "I can't make it
// Thursday" does not).
const MOVE_VERB = /(?:^|[\s,.;:!?'’])(?:shty\w*|ndrysho\w*|ndrr\w*|nderr\w*|zhvendos\w*|kalo\w*|kalu\w*|leviz\w*|move\w*|switch\w*|swap\w*|shift\w*|behet|(?:ta|e|ma|ia|jua) (?:leme|lem|lini|lene|len|lejme)|reschedul\w*|change\w*|postpone\w*|push\w*|put off|forward|prefer\w*|anything|something|(?<!(?:ne|in) )vend|(?<!(?:n't|n’t|nt|not|cannot) )make it|availab\w*|openings?|how about|what about|(?:keni|ka|kini) (?:gje|dicka)|come|vij|vijme|bejme|bejm|bojme|bojm|(?:ta|e) kemi|(?:ta|e) (?:dua|due|duam|dojme|kerkoj|doja|desha)|(?:ta|e|ma) (?:coj|cojme|coni|cojne|sjell|sjellim|sjellin)|(?:bring|drop|take) (?:it|them|him|her|(?:the|my|our) \w+)|(?:is|are)(?= (?:the )?(?:today|tonight|tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday))|(?:eshte|jane) (?:e |i )?lir[ea]|(?:ta|e|ma|ia) (?:kthejme|kthejm|ktheni|kthesh|kthej|kthen))(?=[\s,.;:!?]|$)/g;

// What follows names the time being given up ("at 5 instead of 3", "në 5 në vend të orës 3").
const INSTEAD = /(?:^|[\s,.;:!?])(?:instead of|rather than|(?:ne|in) vend te)(?=[\s,.;:!?]|$)/;

const INSTEAD_ALONE = /(?:^|[\s,.;:!?])instead(?=[\s,.;:!?]|$)/i;

/**
 * The part of a move request after its verb, where the new day and time are ("… për të premten në 10"),
 * up to "instead of" ("could it be at 5 instead of 3?" has no verb: the part before it), or the whole
 * request when it has no verb but "instead" ("the brakes on Friday instead, same time?"), as typed ("4:30"
 * keeps its colon); null without any ("atë të martën" names the booking, not the new day).
 */
export function afterMoveVerb(text: string): string | null {
  // Folding keeps every character in place, so the positions found there cut the original text.
  const folded = fold(text);
  let end = -1;
  for (const m of folded.matchAll(MOVE_VERB)) end = m.index + m[0].length;
  const instead = INSTEAD.exec(folded);
  // "could we do the brakes on Friday instead, same time?": no verb, and "instead" says the whole is the new time.
  if (end < 0 && !instead) return INSTEAD_ALONE.test(folded) ? text.trim() : null;
  const from = Math.max(end, 0);
  const cut = instead && instead.index >= end ? INSTEAD.exec(folded.slice(from)) : null;
  return text.slice(from, cut ? from + cut.index : undefined).trim();
}

// Another time on the booking's own day: "earlier", "sooner", "later", «më herët», «më vonë».
const OTHER_TIME_SAME_DAY = /(?:^| )(?:earlier|sooner|later|(?:me|ma) (?:heret|hert|von\w*))(?= |$)/;

/** The new day or time a move request carries, unless it only names the booking's own day. */
function newWhen(text: string | undefined, b: ManagedBooking, ctx: TurnContext): string | null {
  // "një orë më vonë", "an hour earlier", "shtyje një javë", "the day after": the booking's own time or
  // day moved, read by the move's steps.
  const norm = text ? normalize(text) : "";
  if (timeShift(norm) !== null || dayShift(norm) !== null) return norm;
  // Without a verb for moving, "the same time but on Friday" says the new day all the same.
  const afterVerb = text ? afterMoveVerb(text) : null;
  const said = afterVerb ?? (text && saysSameTime(text) ? text.trim() : null);
  if (!said) return null;
  const tz = b.business.timeZone;
  const read = (part: string) => ctx.services.nlu?.when(part, { now: ctx.now, timeZone: tz, openingHours: b.business.openingHours }) ?? null;
  // "… nga e mërkura te e enjtja": the day it goes to, not the one it is on.
  const tail = destination(said, (part) => !!read(part));
  // "move the wash and cut to 11": cut after its verb, "to 11" is still the hour the verb says.
  const where = read(tail) ? tail : afterVerb && read(`move ${tail}`) ? `move ${tail}` : null;
  const when = where ? read(where) : null;
  // "next Tuesday" of a booking this Tuesday names next week's, not its own day; "anything earlier today?" of
  // a booking today asks for that day's other times.
  const ownDay = !!when && !when.hasTime && when.date === zonedParts(b.start, tz).date && !when.orWeekLater;
  if (!when || (ownDay && !OTHER_TIME_SAME_DAY.test(normalize(said)))) return null;
  return where;
}

/**
 * Goes on with the booking the customer picked or named, for what they came to do: cancel (the
 * question naming it), move (the new day, or straight to confirming a new time said in the same
 * message), running late; without a purpose, the booking's page.
 */
export async function withBooking(state: ConversationState, ctx: TurnContext, b: ManagedBooking, text?: string): Promise<Outcome> {
  const mode = md(state).mode;
  const data = { bookingId: b.id, dayPage: 0, wantText: undefined };
  if (mode === "cancel") return { type: "next", step: "cancel", data };
  if (mode === "running-late") return { type: "next", step: "late", data: { ...data, coming: !!text && saysComing(normalize(text)) } };
  if (mode !== "reschedule") return { type: "next", step: "booking", data };
  const picked: ConversationState = { ...state, step: "day", data: { ...state.data, ...data } };
  const tail = newWhen(text, b, ctx);
  const typed = tail ? await moveTo(tail, picked, ctx, b, text) : null;
  if (typed?.type === "next") return { ...typed, data: { ...data, ...typed.data } };
  // The day said cannot be had (passed, closed, full): say why over the list of free days.
  if (typed?.type === "stay") return { type: "next", step: "day", data: { ...data, ...typed.data }, say: typed.say };
  if (typed?.type === "retry") return { type: "next", step: "day", data, say: [{ text: t(state.lang, typed.errorKey, typed.vars) }] };
  return { type: "next", step: "day", data };
}
