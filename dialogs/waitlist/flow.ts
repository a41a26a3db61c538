import { z } from "zod";
import type { ConversationState } from "../../core/conversation/state.ts";
import { ownPhone } from "../../core/bookings/identity.ts";
import { PARTS, readWindow, type TimeWindow } from "../../core/waitlist/window.ts";
import { t, type Lang } from "../../locales/i18n.ts";
import { validEmail, validName, validPhone } from "../booking/validate.ts";
import { digresses } from "../digression.ts";
import { flowData } from "../engine/data.ts";
import type { Flow, Outcome, Step, StepInput, TurnContext } from "../engine/types.ts";
import { dayIn, port, readNotifyArg, windowText } from "./common.ts";

/** What the waitlist flow keeps in the conversation state. */
export const WaitlistData = z.object({
  serviceId: z.string().optional(),
  date: z.string().optional(),
  fromMin: z.number().int().optional(),
  toMin: z.number().int().optional(),
  name: z.string().optional(),
  email: z.string().optional(),
  phone: z.string().optional(),
  entryId: z.string().optional(),
  /** The argument of the button that opened the flow (a service and day, or an entry). */
  arg: z.string().optional(),
});
export type WaitlistData = z.infer<typeof WaitlistData>;

const wd = flowData(WaitlistData);
const choiceOf = (input: StepInput) => (input.kind === "choice" ? input.value : null);
const back = (lang: Lang) => ({ id: "g.back", label: t(lang, "common:actions.back") });
const toMenu = (lang: Lang) => ({ id: "g.menu", label: t(lang, "common:actions.menu") });
const lost = (lang: Lang) => [{ text: t(lang, "waitlist:lost"), choices: [{ id: "g.book", label: t(lang, "common:menu.book") }, toMenu(lang)] }];

async function what(state: ConversationState, ctx: TurnContext) {
  const s = await ctx.services.catalog.service(wd(state).serviceId ?? "");
  const b = s ? await ctx.services.catalog.business(s.businessId) : null;
  return s && b ? { service: state.lang === "en" ? s.nameEn : s.nameSq, business: b.name } : null;
}

/**
 * The next thing to ask, asking only for what is missing (name, email, phone: what a booking needs);
 * with everything known, joins and shows the one confirmation.
 */
async function proceed(state: ConversationState, ctx: TurnContext, patch: Partial<WaitlistData>, say?: Outcome & { type: "next" }): Promise<Outcome> {
  const data = { ...wd(state), ...patch };
  const known = await port(ctx).knownContact(ctx.conversationId);
  const own = ownPhone(ctx.address.channel, ctx.address.externalId);
  data.name ??= known.name ?? (ctx.profile?.name ? validName(ctx.profile.name) ?? undefined : undefined);
  data.email ??= known.email;
  data.phone ??= known.phone ?? own ?? undefined;
  const next = !data.name ? "name" : !data.email ? "email" : !data.phone ? "phone" : null;
  if (next) return { type: "next", step: next, data, say: say?.say };
  const r = await port(ctx).join({
    conversationId: ctx.conversationId, serviceId: data.serviceId ?? "", date: data.date ?? "",
    window: { fromMin: data.fromMin ?? 0, toMin: data.toMin ?? 1440 },
    contact: { name: data.name!, email: data.email!, phone: data.phone! }, lang: state.lang, now: ctx.now,
  });
  if (!r.ok) return { type: "end", say: [{ text: t(state.lang, "waitlist:past"), choices: [{ id: "g.book", label: t(state.lang, "common:menu.book") }] }] };
  return { type: "next", step: "joined", data: { ...data, entryId: r.entry.id } };
}

const WINDOW_CHOICES = ["any", "morning", "afternoon", "evening"] as const;

/** Which part of the day: any time, a named part, or a typed range ("pas orës 15"). */
const when: Step = {
  // Said with the request already: not asked; what the list waits for is said with the next question.
  async arrive(state, ctx) {
    const { fromMin, toMin, date } = wd(state);
    if (fromMin === undefined || toMin === undefined || !date) return null;
    const w = await what(state, ctx);
    if (!w) return null;
    const text = t(state.lang, "waitlist:willTell", { ...w, day: dayIn(state.lang, date), window: windowText(state.lang, { fromMin, toMin }) });
    return proceed(state, ctx, {}, { type: "next", step: "name", say: [{ text }] });
  },
  async prompt(state, ctx) {
    const lang = state.lang;
    const w = await what(state, ctx);
    if (!w || !wd(state).date) return lost(lang);
    return [{
      text: t(lang, "waitlist:askWindow", { ...w, day: dayIn(lang, wd(state).date!) }),
      choices: [...WINDOW_CHOICES.map((p) => ({ id: `w:${p}`, label: t(lang, `waitlist:window.${p}`) })), back(lang)],
    }];
  },
  async handle(state, input, ctx) {
    const v = choiceOf(input);
    let w: TimeWindow | null = null;
    if (v?.startsWith("w:") && v.slice(2) in PARTS) w = PARTS[v.slice(2) as keyof typeof PARTS];
    else if (input.kind === "text") {
      w = readWindow(input.text);
      if (!w && !(await digresses(input.text, state.lang, ctx))) return { type: "retry", errorKey: "waitlist:badWindow" };
    }
    if (!w) return { type: "unknown" };
    return proceed(state, ctx, { fromMin: w.fromMin, toMin: w.toMin });
  },
};

/** A contact-detail step: asks with `askKey`, checks what is typed (or a shared contact), keeps it as `key`. */
function contactStep(key: "name" | "email" | "phone", askKey: string, errorKey: string, valid: (raw: string) => string | null): Step {
  return {
    async prompt(state) {
      return [{ text: t(state.lang, askKey), choices: [back(state.lang)], ...(key === "phone" ? { requestContact: true } : {}) }];
    },
    async handle(state, input, ctx) {
      if (input.kind === "text" && (await digresses(input.text, state.lang, ctx, { name: key === "name" }))) return { type: "unknown" };
      const raw = input.kind === "text" ? input.text : input.kind === "contact" && key === "phone" ? input.phone : "";
      if (!raw) return { type: "unknown" };
      const value = valid(raw);
      return value ? proceed(state, ctx, { [key]: value }) : { type: "retry", errorKey };
    },
  };
}

const name = contactStep("name", "booking:askName", "booking:badName", validName);
const email = contactStep("email", "booking:askEmail", "booking:badEmail", validEmail);
const phone = contactStep("phone", "booking:askPhone", "booking:badPhone", validPhone);

/** One entry's page: what is waited for, and leaving the list. */
function entryStep(textKey: string): Step {
  return {
    async prompt(state, ctx) {
      const lang = state.lang;
      const e = await port(ctx).entry(ctx.conversationId, wd(state).entryId ?? "");
      if (!e || e.status !== "waiting") return [{ text: t(lang, "waitlist:entryGone"), choices: [{ id: "g.mybookings", label: t(lang, "common:menu.myBookings") }, toMenu(lang)] }];
      const text = t(lang, textKey, {
        service: lang === "en" ? e.service.nameEn : e.service.nameSq, business: e.business.name,
        day: dayIn(lang, e.date), window: windowText(lang, e.window), count: port(ctx).holdMinutes,
      });
      return [{ text, choices: [{ id: "leave", label: t(lang, "waitlist:leave") }, { id: "g.mybookings", label: t(lang, "common:menu.myBookings") }, toMenu(lang)] }];
    },
    async handle(state, input, ctx) {
      if (choiceOf(input) !== "leave") return { type: "unknown" };
      const e = await port(ctx).entry(ctx.conversationId, wd(state).entryId ?? "");
      if (!e || !(await port(ctx).leave(ctx.conversationId, e.id, ctx.now))) return { type: "end", say: [{ text: t(state.lang, "waitlist:entryGone") }] };
      return { type: "end", say: [{ text: t(state.lang, "waitlist:left", { day: dayIn(state.lang, e.date) }) }] };
    },
  };
}

/**
 * Whether the chat waits on nothing the bot asked: the main menu, a waiting list's page (just joined, or
 * opened from the bookings). A typed yes or no there can only be about a freed place offered.
 */
export function asksNothing(state: { flow: string; step: string }): boolean {
  return state.flow === "menu" || (state.flow === "waitlist" && (state.step === "joined" || state.step === "entry"));
}

/**
 * The waiting list: a full day's "Më njoftoni" -> part of the day -> only the missing contact details ->
 * one confirmation; an entry's page from "rezervimet e mia", with leaving the list.
 */
export const waitlistFlow: Flow = {
  start: "when",
  data: WaitlistData,
  steps: { when, name, email, phone, joined: entryStep("waitlist:joined"), entry: entryStep("waitlist:entryText") },
  init(data) {
    const notify = readNotifyArg(data.arg);
    // The part of the day said with the request ("më njoftoni nëse lirohet ndonjë vend pas orës 4") goes along.
    const window = typeof data.fromMin === "number" && typeof data.toMin === "number" ? { fromMin: data.fromMin, toMin: data.toMin } : {};
    if (notify) return { ...notify, ...window };
    return typeof data.arg === "string" ? { entryId: data.arg } : {};
  },
};
