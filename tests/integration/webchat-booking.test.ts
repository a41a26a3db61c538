import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock, startTestServer, type TestServer } from "../support/server.ts";
import { WebChatClient } from "../support/webchat.ts";

// Wednesday 25 November 2026, 09:00 in Tirana.
const NOW = "2026-11-25T08:00:00Z";

describe("web chat over HTTP, in Albanian", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ clock: fixedClock(NOW) });
  });
  afterAll(async () => {
    await server?.close();
  });

  it("books a haircut from the menu to the confirmation", async () => {
    const c = new WebChatClient(server.url);
    const first = await c.start({ lang: "sq" });
    expect(c.text(first)).toMatch(/Përshëndetje/);
    await c.pick("Rezervo një termin");
    expect(c.text()).toMatch(/kategorinë/);
    await c.pick("Berber");
    await c.pick(/Ardit/);
    expect(c.text()).toMatch(/Zgjidhni shërbimin/);
    await c.pick(/^Prerje flokësh ·/);
    expect(c.last.at(-1)?.kind).toBe("days");
    await c.pick(/26/); // Thursday 26 November
    expect(c.text()).toMatch(/Oraret e lira/);
    await c.pick("10:00");
    await c.say("Arta Hoxha");
    await c.say("arta@example.com");
    await c.say("069 123 4567");
    expect(c.text()).toMatch(/e enjte, 26 nëntor në 10:00/);
    expect(c.text()).toMatch(/\+355 69 123 4567/);
    await c.pick(/Konfirmo/);
    const done = c.text();
    expect(done).toMatch(/Rezervimi u konfirmua/);
    const ref = done.match(/RZ-[A-Z0-9]{6}/)?.[0];
    expect(ref).toBeDefined();

    const link = c.last.find((r) => r.link)?.link;
    expect(link?.label).toMatch(/kalendar/);
    const ics = await fetch(new URL(link!.url, server.url));
    expect(ics.status).toBe(200);
    const cal = await ics.text();
    expect(cal).toMatch(/BEGIN:VCALENDAR/);
    expect(cal).toMatch(/Berberi Ardit/);

    const booking = await server.db.prisma.booking.findUniqueOrThrow({ where: { ref: ref! }, include: { customer: true, business: true } });
    expect(booking.business.slug).toBe("berberi-ardit");
    expect(booking.start.toISOString()).toBe("2026-11-26T09:00:00.000Z");
    expect(booking.customer.phone).toBe("+355691234567");
    expect(booking.status).toBe("confirmed");
  });
});
