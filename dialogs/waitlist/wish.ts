import type { ConversationState } from "../../core/conversation/state.ts";
import type { Choice, Reply } from "../../core/conversation/messages.ts";
import { normalize } from "../../core/nlu/normalize.ts";
import { readWindow } from "../../core/waitlist/window.ts";
import type { Outcome, TurnContext } from "../engine/types.ts";
import type { EntityIndex, Mentions } from "../../core/catalog/entity-index.ts";
import { formatLocalDate } from "../../core/format.ts";
import { leavesWaitlist, namesWaitlist } from "../../core/nlu/waitlist-leave.ts";
import { t } from "../../locales/i18n.ts";
import { NOTIFY_CHOICE, dayIn } from "./common.ts";

/**
 * A short yes to a full day's «Më njoftoni», which alone would ask nothing: "yes please notify me",
 * "let me know", «po, më njoftoni», «më lajmëroni». Matched on the normalised message.
 */
const NOTIFY_SHORT = /^(?:(?:yes|yeah|yep|ok|okay|sure|fine|then|po|ok po|mire|dakord|atehere)\s+)*(?:(?:please|pls|ju lutem|te lutem)\s+)?(?:(?:can|could) you\s+)?(?:notify me|let me know|tell me|text me|message me|keep me posted|alert me|me njoftoni|njoftomeni|me njofto|njoftome|me lajmeroni|lajmeromeni|me lajmero|lajmerome|me shkruani|me shkruaj)\b/;

/** The argument (a service and a full day) of a «Më njoftoni» choice among these, or null. */
function notifyArg(choices: readonly Choice[]): string | null {
  const offered = choices.find((c) => c.id.startsWith(`${NOTIFY_CHOICE}:`));
  return offered ? offered.id.slice(NOTIFY_CHOICE.length + 1) : null;
}

/** The «Më njoftoni» the last replies offered. */
const notifyOffered = (state: ConversationState): string | null => notifyArg(state.choices);

/** The «Më njoftoni» among replies about to be sent (a booking request that found its day full). */
export const notifyIn = (replies: Reply[] | undefined): string | null => notifyArg((replies ?? []).flatMap((r) => r.choices ?? []));

/**
 * The waiting list for the full day a «Më njoftoni» choice carries (`arg`), with the part of the day the
 * same message said ("after 4pm", «pasdite»), which is then not asked again.
 */
export function waitFor(arg: string, text: string, say?: Reply[]): Outcome {
  const w = readWindow(text);
  return { type: "flow", flow: "waitlist", data: { arg, ...(w ? { fromMin: w.fromMin, toMin: w.toMin } : {}) }, ...(say?.length ? { say } : {}) };
}

/**
 * Typed text asking to wait where a full day's «Më njoftoni» was just offered: the waiting list's request
 * ("can you put me on the waitlist for tomorrow then?", «nëse anulon dikush më shkruani»), or a short yes to
 * the choice ("yes please notify me"). It comes before the day or time the text may also name, which is the
 * full day itself. Null when nothing is offered or the text asks for something else.
 */
export async function waitWish(text: string, state: ConversationState, ctx: TurnContext, intent?: { intent: string } | null): Promise<Outcome | null> {
  const arg = notifyOffered(state);
  if (!arg) return null;
  const asked = intent !== undefined ? intent : ctx.services.nlu?.intent(text, await ctx.services.catalog.entities());
  if (asked?.intent !== "waitlist" && !NOTIFY_SHORT.test(normalize(text))) return null;
  // A part of the day said when the full day was asked for («të premten pasdite») holds unless this says another.
  const said = (state.data as { notFree?: { said?: string } }).notFree?.said;
  return waitFor(arg, !readWindow(text) && said ? said : text);
}

/**
 * "take me off the waiting list", «më hiqni nga lista», "I don't need the massage waitlist anymore": the
 * place given up at once (the one whose service, business or kind the message names, or the only one);
 * with several, which. Null when the message gives up no place, or the chat waits for nothing and the
 * message does not name the waiting list (then it may mean another list).
 */
export async function leaveWish(text: string, state: ConversationState, ctx: TurnContext, named: Mentions, catalog: EntityIndex): Promise<Outcome | null> {
  const w = ctx.services.waitlist;
  if (!w || !leavesWaitlist(text)) return null;
  const lang = state.lang;
  const all = await w.entries(ctx.conversationId, ctx.now);
  if (!all.length) return namesWaitlist(text) ? { type: "stay", say: [{ text: t(lang, "waitlist:noneToLeave") }] } : null;
  const kinds = new Set(named.category ? [named.category] : []);
  const meant = all.filter((e) => named.services.includes(e.service.id) || named.businesses.includes(e.business.id) || kinds.has(catalog.businesses.get(e.business.id)?.categoryId ?? ""));
  const pick = meant.length ? meant : all;
  if (pick.length > 1) {
    return {
      type: "stay",
      say: [{
        text: t(lang, "waitlist:whichToLeave"),
        choices: pick.map((e) => ({ id: `g.wl-entry:${e.id}`, label: t(lang, "waitlist:entryLabel", { day: formatLocalDate(lang, e.date), business: e.business.name }) })),
      }],
    };
  }
  const e = pick[0];
  const gone = await w.leave(ctx.conversationId, e.id, ctx.now);
  return { type: "end", say: [{ text: gone ? t(lang, "waitlist:left", { day: dayIn(lang, e.date) }) : t(lang, "waitlist:entryGone") }] };
}
