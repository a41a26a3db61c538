import { randomUUID } from "node:crypto";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { AvailabilityService } from "../../core/availability/service.ts";
import type { Reply } from "../../core/conversation/messages.ts";
import type { WebChatClient } from "./webchat.ts";

/**
 * Books every free place of a service's day for other customers, so the day is full; returns the bookings.
 * `keep`: the start of a place left free (a booking that would take it is not made).
 */
export async function fillDay(prisma: PrismaClient, availability: AvailabilityService, serviceId: string, date: string, now: Date, keep?: Date) {
  const service = await prisma.service.findUniqueOrThrow({ where: { id: serviceId } });
  const other = await prisma.customer.create({ data: { name: "Klient Tjetër", phone: "+355690009999" } });
  const made: { id: string; start: Date }[] = [];
  const kept = async () => (await availability.slots(serviceId, date, now)).some((s) => s.start.getTime() === keep!.getTime());
  for (let round = 0; round < 10; round++) {
    const free = (await availability.slots(serviceId, date, now)).filter((s) => s.start.getTime() !== keep?.getTime());
    let added = 0;
    for (const s of free) {
      const b = await prisma.booking.create({
        data: {
          ref: `RZ-F${randomUUID().slice(0, 8).toUpperCase()}`,
          businessId: service.businessId, serviceId, customerId: other.id, contactName: "Klient Tjetër", contactPhone: "+355690009999",
          start: s.start, end: s.end, priceLek: service.priceLek, channel: "web",
        },
      });
      if (keep && !(await kept())) {
        await prisma.booking.delete({ where: { id: b.id } });
        continue;
      }
      made.push({ id: b.id, start: b.start });
      added++;
    }
    if (!added) break;
  }
  return made;
}

/** The bot's messages in a web chat's history (what the widget shows, bot-initiated ones included). */
export async function webHistory(baseUrl: string, c: WebChatClient): Promise<Reply[]> {
  const res = await fetch(`${baseUrl}/api/chat/sessions/${c.sessionId}/messages`, { headers: { authorization: `Bearer ${c.token}` } });
  const json = (await res.json()) as { messages: { direction: string; text: string; choices?: Reply["choices"] }[] };
  return json.messages.filter((m) => m.direction === "out").map((m) => ({ text: m.text, ...(m.choices ? { choices: m.choices } : {}) }));
}

/** Waits until the history has a message matching `re`; returns the matching messages. */
export async function waitForMessage(baseUrl: string, c: WebChatClient, re: RegExp, ms = 20_000): Promise<Reply[]> {
  const until = Date.now() + ms;
  for (;;) {
    const found = (await webHistory(baseUrl, c)).filter((m) => re.test(m.text));
    if (found.length) return found;
    if (Date.now() > until) throw new Error(`no message ${re} in the history`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
