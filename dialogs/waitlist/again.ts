import { z } from "zod";
import { t } from "../../locales/i18n.ts";
import type { Flow, Step } from "../engine/types.ts";
import { port } from "./common.ts";

/**
 * "rezervo përsëri" (or a past booking's choice in "rezervimet e mia"): a booking with the same business
 * and service, and the details given then, so only the day and the time are asked.
 */
const start: Step = {
  async arrive(state, ctx) {
    const lang = state.lang;
    const arg = typeof state.data.arg === "string" ? state.data.arg : undefined;
    const target = ctx.services.waitlist ? await port(ctx).again(ctx.conversationId, arg, ctx.now) : null;
    const s = target ? await ctx.services.catalog.service(target.serviceId) : null;
    const b = target ? await ctx.services.catalog.business(target.businessId) : null;
    if (!target || !s || !b) return { type: "flow", flow: "booking", say: [{ text: t(lang, "waitlist:againNone") }] };
    const contact = target.contact.name && target.contact.email && target.contact.phone ? target.contact : {};
    return {
      type: "flow", flow: "booking", step: "day",
      data: { categoryId: target.categoryId, businessId: target.businessId, serviceId: target.serviceId, dayPage: 0, ...contact },
      say: [{ text: t(lang, "waitlist:againStart", { service: lang === "en" ? s.nameEn : s.nameSq, business: b.name }) }],
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
