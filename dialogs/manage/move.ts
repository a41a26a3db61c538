import { formatDayTime, formatLocalDate, formatShortDate } from "../../core/format.ts";
import { t } from "../../locales/i18n.ts";
import { slotChoice, slotFromId } from "../booking/labels.ts";
import type { Step } from "../engine/types.ts";
import { back, current, md, port, toMenu, withCalendar } from "./common.ts";

const DAYS_PER_PAGE = 7;
const SLOTS_PER_PAGE = 8;

/** Reschedule, first a new day of the same service. */
export const day: Step = {
  async prompt(state, ctx) {
    const b = await current(state, ctx);
    if (!b) return [{ text: t(state.lang, "manage:lost"), choices: [toMenu(state.lang)] }];
    const days = await ctx.services.availability.days(b.service.id, ctx.now, 60);
    if (!days.length) return [{ text: t(state.lang, "manage:noDays"), choices: [back(state.lang), toMenu(state.lang)] }];
    const page = md(state).dayPage ?? 0;
    const choices = days.slice(page * DAYS_PER_PAGE, (page + 1) * DAYS_PER_PAGE).map((x) => ({ id: `d:${x.date}`, label: formatShortDate(state.lang, x.date) }));
    if (days.length > (page + 1) * DAYS_PER_PAGE) choices.push({ id: "more", label: t(state.lang, "manage:moreDays") });
    choices.push(back(state.lang));
    return [{ text: t(state.lang, "manage:askDay", { when: formatDayTime(state.lang, b.start, b.business.timeZone) }), choices, kind: "days" }];
  },
  async handle(state, input) {
    const v = input.kind === "choice" ? input.value : null;
    if (v === "more") return { type: "stay", data: { dayPage: (md(state).dayPage ?? 0) + 1 } };
    if (v?.startsWith("d:")) return { type: "next", step: "time", data: { date: v.slice(2), slotPage: 0 } };
    return { type: "unknown" };
  },
};

/** Reschedule, then a free slot of that day; picking one moves the booking. */
export const time: Step = {
  async prompt(state, ctx) {
    const b = await current(state, ctx);
    if (!b) return [{ text: t(state.lang, "manage:lost"), choices: [toMenu(state.lang)] }];
    const data = md(state);
    const slots = (await ctx.services.availability.slots(b.service.id, data.date ?? "", ctx.now)).filter((s) => s.start.getTime() !== b.start.getTime());
    if (!slots.length) return [{ text: t(state.lang, "manage:dayFull"), choices: [{ id: "days", label: t(state.lang, "manage:otherDay") }] }];
    const page = data.slotPage ?? 0;
    const choices = slots.slice(page * SLOTS_PER_PAGE, (page + 1) * SLOTS_PER_PAGE).map((s) => slotChoice(state.lang, s, b.business.timeZone));
    if (slots.length > (page + 1) * SLOTS_PER_PAGE) choices.push({ id: "more", label: t(state.lang, "manage:moreTimes") });
    choices.push({ id: "days", label: t(state.lang, "manage:otherDay") });
    return [{ text: t(state.lang, "manage:askTime", { day: formatLocalDate(state.lang, data.date ?? "") }), choices, kind: "slots" }];
  },
  async handle(state, input, ctx) {
    const v = input.kind === "choice" ? input.value : null;
    if (v === "more") return { type: "stay", data: { slotPage: (md(state).slotPage ?? 0) + 1 } };
    if (v === "days") return { type: "next", step: "day", data: { dayPage: 0 } };
    const start = v ? slotFromId(v) : null;
    if (!start) return { type: "unknown" };
    const r = await port(ctx).reschedule(ctx.conversationId, md(state).bookingId ?? "", start, ctx.now);
    if (r.ok) {
      const b = r.booking;
      const text = t(state.lang, "manage:moved", { ref: b.ref, business: b.business.name, when: formatDayTime(state.lang, b.start, b.business.timeZone) });
      return { type: "end", say: [withCalendar(state.lang, text, ctx, b)] };
    }
    if (r.reason === "slot_taken") return { type: "stay", say: [{ text: t(state.lang, "manage:slotTaken") }] };
    return { type: "end", say: [{ text: t(state.lang, r.reason === "past" ? "manage:tooLate" : "manage:lost") }] };
  },
};
