import { z } from "zod";
import type { ConversationState } from "../../core/conversation/state.ts";
import { formatDateIn, formatShortDate } from "../../core/format.ts";
import { addDays, nextMonday } from "../../core/clock.ts";
import { fold } from "../../core/nlu/normalize.ts";
import { t } from "../../locales/i18n.ts";
import type { Outcome, Step, StepInput, TurnContext } from "../engine/types.ts";

/**
 * "next Wednesday" said before this week's Wednesday, kept while the customer is asked which week: the two
 * days (this week's, next week's), the time said with it, the message itself (read again once the week is
 * known, so that its time or part of the day still counts), and the answer.
 */
export const WhichWeekData = z.object({
  dates: z.tuple([z.string(), z.string()]),
  time: z.string().optional(),
  text: z.string(),
  picked: z.enum(["this", "following"]).optional(),
});
export type WhichWeek = z.infer<typeof WhichWeekData>;

// «javën tjetër», "next week", "the week after", "the later one": next week's. «këtë javë», "this week",
// "the sooner one": this week's. Typed dates and «the first» / «e dyta» are read as dates and choices.
const FOLLOWING = /\b(?:(?:next|following)\s+(?:week|one)|week\s+after|later\s+one|the\s+later|jav(?:en|es|a|e)\s+(?:e\s+|qe\s+|se\s+)?(?:tjeter|ardhshme|vjen|pasardhese)|(?:e\s+)?javes\s+tjeter|me\s+(?:te\s+)?vonen|e\s+mevonshmja|tjetren)\b/;
const THIS = /\b(?:this\s+(?:week|one|coming)|(?:the\s+)?(?:sooner|earlier|coming)\s+one|the\s+sooner|kete\s+jave|kjo\s+jave|kesaj\s+jave|javen\s+kete|me\s+(?:te\s+)?shpejten)\b/;

/** Which week a typed answer names, or null. */
export function weekSaid(text: string): "this" | "following" | null {
  const f = fold(text);
  const following = FOLLOWING.test(f), now = THIS.test(f);
  return following === now ? null : following ? "following" : "this";
}

/**
 * Whether a typed answer only names a week ("next week", «javën tjetër», "po, këtë javë") that the day already
 * proposed lies in (`date`, against `today`): said at a confirmation, it agrees with that day rather than
 * asking for the week's first day.
 */
export function weekAgrees(text: string, date: string, today: string): boolean {
  const week = weekSaid(text);
  if (!week) return false;
  const rest = fold(text).replace(FOLLOWING, " ").replace(THIS, " ").replace(/\b(?:yes|yeah|ok|okay|po|sure|please|ju lutem|the|one|e|ajo|kjo)\b/g, " ").replace(/[\s,.;:!?]+/g, "");
  if (rest) return false;
  const monday = nextMonday(today);
  return week === "following" ? date >= monday && date < addDays(monday, 7) : date < monday;
}

/** The question: this week's day or next week's, as two buttons, with another day and back. */
function prompt(state: ConversationState, which: WhichWeek | undefined): ReturnType<Step["prompt"]> {
  const lang = state.lang;
  const back = { id: "g.back", label: t(lang, "common:actions.back") };
  if (!which) return Promise.resolve([{ text: t(lang, "when:dayNotRead"), choices: [{ id: "days", label: t(lang, "when:otherDay") }, back] }]);
  const [a, b] = which.dates;
  const text = t(lang, which.time ? "when:whichWeekAt" : "when:whichWeek", { a: formatDateIn(lang, a, "acc"), b: formatDateIn(lang, b, "acc"), time: which.time ?? "" });
  const label = (d: string) => (which.time ? `${formatShortDate(lang, d)}, ${which.time}` : formatShortDate(lang, d));
  return Promise.resolve([{
    text,
    choices: [{ id: "w:this", label: label(a) }, { id: "w:following", label: label(b) }, { id: "days", label: t(lang, "when:otherDay") }, back],
  }]);
}

/**
 * The step that asks which week "next Wednesday" meant (see {@link WhichWeekData}), for a flow whose
 * data keeps it as `which`. `typed` is the flow's reading of a typed day or time at its day steps: the
 * answer reads the first message again with the week known; anything else typed is read as usual.
 */
export function whichWeekStep(opts: {
  which(state: ConversationState): WhichWeek | undefined;
  typed(state: ConversationState, text: string, ctx: TurnContext): Promise<Outcome>;
}): Step {
  const again = (state: ConversationState, which: WhichWeek, picked: "this" | "following", ctx: TurnContext) =>
    opts.typed({ ...state, data: { ...state.data, which: { ...which, picked } } }, which.text, ctx);
  return {
    prompt: (state) => prompt(state, opts.which(state)),
    async handle(state: ConversationState, input: StepInput, ctx: TurnContext): Promise<Outcome> {
      const which = opts.which(state);
      const v = input.kind === "choice" ? input.value : null;
      if (v === "days" || !which) return { type: "next", step: "day", data: { dayPage: 0 } };
      if (v === "w:this" || v === "w:following") return again(state, which, v.slice(2) as "this" | "following", ctx);
      if (input.kind !== "text") return { type: "unknown" };
      const week = weekSaid(input.text);
      if (week) return again(state, which, week, ctx);
      // One of the two days typed («the 9th», «9 dhjetor», «e mërkura e 2-të»), without another time.
      const said = ctx.services.nlu?.when(input.text, { now: ctx.now, timeZone: ctx.timeZone });
      const at = said && !said.hasTime ? which.dates.indexOf(said.date) : -1;
      if (at >= 0) return again(state, which, at === 0 ? "this" : "following", ctx);
      // A time alone ("3:15pm") says when on that day, not which day: kept, and the question asked again
      // with it (read on today, it would be today's).
      if (said?.hasTime && !said.daySaid && said.time) return { type: "stay", data: { which: { ...which, time: said.time, text: `${which.text} ${input.text}` } } };
      return opts.typed(state, input.text, ctx);
    },
  };
}
