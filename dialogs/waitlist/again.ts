import { z } from "zod";
import { t } from "../../locales/i18n.ts";
import type { Flow, Step, TurnContext } from "../engine/types.ts";
import { port } from "./common.ts";

/** What booking the same again takes (see {@link bookedBefore}), with the names of its business and service. */
export interface BookedBefore {
  slots: { categoryId: string; businessId: string; serviceId: string; name?: string; email?: string; phone?: string };
  business: string;
  service: string;
}

/**
 * The business and service of a booking this chat made (the newest when no id), and the details given
 * then when all of them were; null when there is none.
 */
export async function bookedBefore(bookingId: string | undefined, lang: "sq" | "en", ctx: TurnContext): Promise<BookedBefore | null> {
  const target = ctx.services.waitlist ? await port(ctx).again(ctx.conversationId, bookingId, ctx.now) : null;
  const s = target ? await ctx.services.catalog.service(target.serviceId) : null;
  const b = target ? await ctx.services.catalog.business(target.businessId) : null;
  if (!target || !s || !b) return null;
  const contact = target.contact.name && target.contact.email && target.contact.phone ? target.contact : {};
  return {
    slots: { categoryId: target.categoryId, businessId: target.businessId, serviceId: target.serviceId, ...contact },
    business: b.name,
    service: lang === "en" ? s.nameEn : s.nameSq,
  };
}

/**
 * "rezervo përsëri" (or a past booking's choice in "rezervimet e mia"): a booking with the same business
 * and service, and the details given then, so only the day and the time are asked.
 */
const start: Step = {
  async arrive(state, ctx) {
    const lang = state.lang;
    const arg = typeof state.data.arg === "string" ? state.data.arg : undefined;
    const before = await bookedBefore(arg, lang, ctx);
    if (!before) return { type: "flow", flow: "booking", say: [{ text: t(lang, "waitlist:againNone") }] };
    return {
      type: "flow", flow: "booking", step: "day",
      data: { ...before.slots, dayPage: 0 },
      say: [{ text: t(lang, "waitlist:againStart", { service: before.service, business: before.business }) }],
    };
  },
  async prompt(state) {
    return [{ text: t(state.lang, "waitlist:againNone"), choices: [{ id: "g.book", label: t(state.lang, "common:menu.book") }] }];
  },
  async handle() {
    return { type: "unknown" };
  },
};

/** Booking the same again. */
export const againFlow: Flow = { start: "start", data: z.object({}), steps: { start } };
