import type { Choice, Reply } from "../../core/conversation/messages.ts";
import { formatDateIn, formatLocalDate } from "../../core/format.ts";
import type { WaitlistPort } from "../../core/waitlist/port.ts";
import { formatHm } from "../../core/availability/wallclock.ts";
import { PARTS, type TimeWindow } from "../../core/waitlist/window.ts";
import { t, type Lang } from "../../locales/i18n.ts";
import type { TurnContext } from "../engine/types.ts";

/** The waitlist port; the flow cannot work without it. */
export function port(ctx: TurnContext): WaitlistPort {
  const w = ctx.services.waitlist;
  if (!w) throw new Error("waitlist port not registered");
  return w;
}

/** The id of the «Më njoftoni» choice before its argument: the global action that opens the waiting list. */
export const NOTIFY_CHOICE = "g.waitlist";

/**
 * The "Më njoftoni" choice for a full day of a service: a global action, so it works from the message
 * that says the day is full, whatever step follows it. The id carries the service and the day.
 */
export function notifyChoice(lang: Lang, serviceId: string, date: string): Choice {
  return { id: `${NOTIFY_CHOICE}:${serviceId}.${date.replace(/-/g, "")}`, label: t(lang, "waitlist:offerChoice") };
}

/** The service and day a "Më njoftoni" choice carries, or null. */
export function readNotifyArg(arg: unknown): { serviceId: string; date: string } | null {
  const m = typeof arg === "string" ? /^([A-Za-z0-9_-]+)\.(\d{4})(\d{2})(\d{2})$/.exec(arg) : null;
  return m ? { serviceId: m[1], date: `${m[2]}-${m[3]}-${m[4]}` } : null;
}

/** "pasdite", "pas orës 15:00", "nga ora 14:00 deri në 17:00", "në çdo orë" */
export function windowText(lang: Lang, w: TimeWindow): string {
  for (const part of ["any", "morning", "afternoon", "evening"] as const) {
    if (PARTS[part].fromMin === w.fromMin && PARTS[part].toMin === w.toMin) return t(lang, `waitlist:windowText.${part}`);
  }
  if (w.toMin >= 1440) return t(lang, "waitlist:windowText.after", { from: formatHm(w.fromMin) });
  if (w.fromMin <= 0) return t(lang, "waitlist:windowText.before", { to: formatHm(w.toMin) });
  return t(lang, "waitlist:windowText.range", { from: formatHm(w.fromMin), to: formatHm(w.toMin) });
}

/** What "rezervimet e mia" adds: the days waited for (each opens its entry, to leave) and booking again. */
export async function mineReplies(lang: Lang, ctx: TurnContext): Promise<Reply[]> {
  const w = ctx.services.waitlist;
  if (!w) return [];
  const out: Reply[] = [];
  const entries = await w.entries(ctx.conversationId, ctx.now);
  if (entries.length) {
    out.push({
      text: t(lang, "waitlist:waitingHead"),
      choices: entries.map((e) => ({
        id: `g.wl-entry:${e.id}`,
        label: t(lang, "waitlist:entryLabel", { day: formatLocalDate(lang, e.date), business: e.business.name }),
      })),
    });
  }
  const past = await w.pastBookings(ctx.conversationId, ctx.now, 3);
  if (past.length) {
    out.push({
      text: t(lang, "waitlist:againHead"),
      choices: past.map((b) => ({
        id: `g.again:${b.id}`,
        label: t(lang, "waitlist:againChoice", { service: lang === "en" ? b.service.nameEn : b.service.nameSq, business: b.business.name }),
      })),
    });
  }
  return out;
}

/** The day of an entry inside a sentence ("të enjten, 26 nëntor"). */
export const dayIn = (lang: Lang, date: string) => formatDateIn(lang, date, "acc");
