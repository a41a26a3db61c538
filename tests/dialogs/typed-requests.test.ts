import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock, startTestServer, type TestServer } from "../support/server.ts";
import { WebChatClient } from "../support/webchat.ts";

// Monday 30 November 2026, 08:00 in Tirana.
const NOW = "2026-11-30T07:00:00Z";

/** Typed requests the dialog used to misread: Gheg questions, business names that look like verbs, partial names. */
describe("typed booking requests, understood as a customer means them", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ clock: fixedClock(NOW), env: { RATE_LIMIT_PER_MIN: "1000" } });
  });
  afterAll(async () => {
    await server?.close();
  });

  async function open(lang: "sq" | "en" = "sq", business?: string): Promise<WebChatClient> {
    const c = new WebChatClient(server.url);
    await c.start({ lang, ...(business ? { business } : {}) });
    return c;
  }
  const bookingsOf = async (c: WebChatClient) =>
    server.db.prisma.booking.findMany({ where: { conversationId: c.sessionId }, select: { start: true, status: true, business: { select: { slug: true } }, service: { select: { nameSq: true } } } });
  const state = async (c: WebChatClient) => {
    const row = await server.db.prisma.conversation.findUniqueOrThrow({ where: { id: c.sessionId }, select: { state: true } });
    return row.state as { flow: string; step: string; data: Record<string, unknown> };
  };

  it("a Gheg question asking for an appointment («a mujm me lan nji termin … ?») books it instead of explaining how to book", async () => {
    const c = await open();
    await c.say("a mujm me lan nji termin per rruajtje te Arditi pasneser n'ora 11?");
    expect(c.text()).toMatch(/Berberi Ardit, Rruajtje me brisk, e mërkurë, 2 dhjetor, në orën 11:00 — e lirë\./);
    expect(c.text()).toMatch(/Si quheni/);
  });

  it("a question naming what to book («Can I book a pedicure at Sallon Elegance on Friday at 11?») books it", async () => {
    const c = await open("en");
    await c.say("Can I book a pedicure at Sallon Elegance on Friday at 11?");
    expect(c.text()).toMatch(/Sallon Elegance, Pedicure, Friday 4 December, at 11:00 — free\./);
    expect(c.text()).not.toMatch(/press “Book an appointment”/);
  });

  it("a business whose name looks like a verb («Lëvizja», «lëviz» = to move) is booked, and «lëviz» still moves a booking", async () => {
    const c = await open();
    await c.say("nje seance fizioterapie te Levizja nesër në 10");
    expect(c.text()).toMatch(/Qendra e Fizioterapisë Lëvizja, Seancë fizioterapie, e martë, 1 dhjetor, në orën 10:00 — e lirë\./);
    for (const m of ["Agron Duka", "agron.duka@gmail.com", "067 221 4455", "po"]) await c.say(m);
    expect(c.text()).toMatch(/Rezervimi u konfirmua/);
    await c.say("mund ta lëviz terminin?");
    expect(c.text()).toMatch(/Seancë fizioterapie te Qendra e Fizioterapisë Lëvizja: tani e keni të martën, 1 dhjetor, në orën 10:00/);
  });

  it("a business named by its own word («Marina»), though one letter from a kind of service («makina»)", async () => {
    const c = await open();
    await c.say("trajtim fytyre te Marina te shtunen ne 11");
    expect(c.text()).toMatch(/Marina Spa & Masazh, Trajtim fytyre, e shtunë, 5 dhjetor, në orën 11:00 — e lirë\./);
  });

  it("a service named by part of its name («a check-up» for «Dental check-up») in a one-shot request", async () => {
    const c = await open("en");
    await c.say("I want to book a check-up at Klinika Adriatik on Wednesday at 9");
    expect(c.text()).toMatch(/Klinika Dentare Adriatik, Dental check-up, Wednesday 2 December, at 09:00 — free\./);
  });

  it("«booking please» at the menu starts a booking; «my bookings» lists them", async () => {
    const c = await open("en");
    await c.say("booking please");
    expect(c.text()).toMatch(/Choose a category/);
    const d = await open("en");
    await d.say("bookings");
    expect(d.text()).not.toMatch(/Choose a category/);
    expect((await state(d)).flow).toBe("manage");
  });

  it("«po» at the name step is not taken as a name", async () => {
    const c = await open("sq", "berberi-ardit");
    await c.say("qethje nesër në 10");
    expect(c.text()).toMatch(/Si quheni/);
    await c.say("po");
    expect(c.text()).toMatch(/Shkruani emrin dhe mbiemrin: 1 deri në 4 fjalë/);
    expect(c.text()).not.toMatch(/Faleminderit, po/);
  });

  it("a person's name like a business's word with letters more («Albana Gega», «Alba») is a name: the business stays", async () => {
    const c = await open();
    await c.say("dua nje termin te Sallon Elegance te shtunen ne 10");
    expect(c.text()).toMatch(/Zgjidhni shërbimin:/);
    await c.say("Albana Gega");
    expect(c.text()).toMatch(/Faleminderit, Albana Gega\. Emrin e mbajta shënim/);
    expect(c.text()).toMatch(/Sallon Elegance — /);
    expect(c.text()).not.toMatch(/Autoservis Alba/);
  });

  it("a name and an email typed while the service is still asked for are kept, said, and not asked again", async () => {
    const c = await open();
    await c.say("dua nje termin te Sallon Adriana nesër në 10");
    expect(c.text()).toMatch(/Zgjidhni shërbimin:/);
    await c.say("qwxz zzkq"); // keyboard mashing is not a name
    expect(c.text()).toMatch(/nuk e kuptova/);
    await c.say("Elisa Brahimi");
    expect(c.text()).toMatch(/Faleminderit, Elisa Brahimi\. Emrin e mbajta shënim; më parë më duhet edhe kjo:\nSallon Adriana — .*\nZgjidhni shërbimin:/s);
    await c.say("elisa.brahimi@gmail.com");
    expect(c.text()).toMatch(/Email-in elisa\.brahimi@gmail\.com e mbajta shënim; më parë më duhet edhe kjo:/);
    await c.say("fenirim");
    expect(c.text()).toMatch(/^E martë, 1 dhjetor, në orën 10:00 — e lirë\./m);
    expect(c.text()).toMatch(/numrin tuaj të telefonit/);
    expect(c.text()).not.toMatch(/Si quheni/);
    await c.say("069 878 9696");
    expect(c.text()).toMatch(/Elisa Brahimi/);
    expect(c.text()).toMatch(/elisa\.brahimi@gmail\.com/);
    await c.say("po");
    expect(c.text()).toMatch(/Rezervimi u konfirmua/);
  });

  it("another service beside one's own booking keeps the details given then: the summary follows", async () => {
    const c = await open("sq", "berberi-ardit");
    for (const m of ["qethje nesër në 10", "Ana Leka", "ana.leka@gmail.com", "069 123 4567", "po"]) await c.say(m);
    await c.say("dua edhe një rruajtje të premten në 11");
    expect(c.text()).not.toMatch(/Si quheni\?/);
    expect(c.text()).toMatch(/Rruajtje me brisk[\s\S]*e premte, 4 dhjetor në 11:00[\s\S]*Ana Leka[\s\S]*ana\.leka@gmail\.com/);
    await c.say("po");
    expect(c.text()).toMatch(/Rezervimi u konfirmua/);
    expect((await bookingsOf(c)).length).toBe(2);
  });

  it("«po» to the offer of the details given before takes them; «jo» asks for the name without an error", async () => {
    const c = await open("sq", "berberi-ardit");
    for (const m of ["qethje nesër në 11", "Ana Leka", "ana.leka@gmail.com", "069 123 4567", "po"]) await c.say(m);
    // At another business: no booking there to go beside, so the name is asked, the details given before offered.
    await c.say("dua edhe një manikyr te Elegance të premten në 11");
    expect(c.last.flatMap((r) => r.choices ?? []).map((x) => x.label)).toContain("Përdor të dhënat e mëparshme (Ana Leka)");
    await c.say("po");
    expect(c.text()).not.toMatch(/1 deri në 4 fjalë/);
    expect(c.text()).toMatch(/Ana Leka/);
    expect(c.text()).toMatch(/ana\.leka@gmail\.com/);
    await c.say("po");
    expect(c.text()).toMatch(/Rezervimi u konfirmua/);
    expect((await bookingsOf(c)).length).toBe(2);

    await c.say("dua edhe një trajtim fytyre te Marina të shtunën në 12");
    await c.say("jo");
    expect(c.text()).not.toMatch(/1 deri në 4 fjalë/);
    expect(c.text()).toMatch(/Si quheni\?/);
    await c.say("Mira Leka");
    expect(c.text()).toMatch(/Faleminderit, Mira Leka/);
  });

  it("at the summary, «change the email to …» and «my name is actually …» change those details and show it again", async () => {
    const c = await open("en", "berberi-ardit");
    for (const m of ["haircut tomorrow at 16", "Ana Leka", "ana.leka@gmail.com", "069 123 4567"]) await c.say(m);
    expect(c.text()).toMatch(/Shall I confirm it\?/);
    await c.say("change the email to ana.l@gmail.com");
    expect(c.text()).toMatch(/Email: ana\.l@gmail\.com/);
    expect(c.text()).toMatch(/Shall I confirm it\?/);
    expect(c.last.at(-1)?.kind).not.toBe("slots");
    await c.say("and my name is actually Ana Lekaj");
    expect(c.text()).toMatch(/Name: Ana Lekaj/);
    await c.say("all good, book it");
    expect(c.text()).toMatch(/Booking confirmed/);
    const booked = await server.db.prisma.booking.findFirstOrThrow({ where: { conversationId: c.sessionId }, select: { contactEmail: true, contactName: true } });
    expect(booked).toEqual({ contactEmail: "ana.l@gmail.com", contactName: "Ana Lekaj" });
  });

  it("a free time typed at the list of the new day moves the booking at once, as pressing it does", async () => {
    const c = await open("sq", "berberi-ardit");
    for (const m of ["qethje nesër në 10", "Ana Leka", "ana.leka@gmail.com", "069 123 4567", "po"]) await c.say(m);
    await c.say("dua ta shtyj terminin");
    await c.say("të mërkurën");
    expect(c.text()).toMatch(/Oraret e lira për të mërkurën, 2 dhjetor/);
    await c.say("në 10");
    expect(c.text()).toMatch(/u zhvendos për të mërkurën, 2 dhjetor, në orën 10:00/);
    const [b] = await bookingsOf(c);
    expect(b.start.toISOString()).toBe("2026-12-02T09:00:00.000Z");
  });
});

/** The router bug: a booking request typed in the middle of a booking used to start again at the business step. */
describe("a booking request typed in the middle of a booking", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ clock: fixedClock(NOW), env: { RATE_LIMIT_PER_MIN: "1000" } });
  });
  afterAll(async () => {
    await server?.close();
  });

  it("keeps the business and service already chosen, and takes the day it names", async () => {
    const c = new WebChatClient(server.url);
    await c.start({ lang: "sq" });
    // Only Berberi Ardit has the children's haircut: it is chosen with the service, said with its city.
    await c.say("rezervim per femijen tim");
    expect(c.text()).toMatch(/^Berberi Ardit \(Tiranë\), Prerje për fëmijë\./m);
    expect(c.last.at(-1)?.kind).toBe("days");
    await c.say("ardit");
    expect(c.text()).not.toMatch(/Zgjidhni biznesin/);
    expect(c.last.at(-1)?.kind).toBe("days");
    // The customer says the service again, then a day: still Berberi Ardit, still the children's haircut.
    await c.say("per femije");
    expect(c.text()).not.toMatch(/Zgjidhni biznesin/);
    expect(c.last.at(-1)?.kind).toBe("days");
    await c.say("dua nje prerje per femije te shtunen");
    expect(c.text()).toMatch(/Oraret e lira për të shtunën, 5 dhjetor/);
    await c.say("ne 10");
    for (const m of ["Lindita Sula", "lindita.sula@gmail.com", "068 808 9090", "po"]) await c.say(m);
    const b = await server.db.prisma.booking.findFirstOrThrow({ where: { conversationId: c.sessionId }, select: { start: true, service: { select: { nameSq: true } }, business: { select: { slug: true } } } });
    expect([b.business.slug, b.service.nameSq, b.start.toISOString()]).toEqual(["berberi-ardit", "Prerje për fëmijë", "2026-12-05T09:00:00.000Z"]);
  });

  it("another service of the same business replaces the chosen one; another business starts with that business", async () => {
    const c = new WebChatClient(server.url);
    await c.start({ lang: "sq", business: "berberi-ardit" });
    await c.say("qethje");
    await c.say("të enjten");
    expect(c.last.at(-1)?.kind).toBe("slots");
    await c.say("dua rruajtje me brisk ne 11");
    expect(c.text()).toMatch(/Rruajtje me brisk, e enjte, 3 dhjetor, në orën 11:00 — e lirë\./);
    await c.say("dua nje manikyr te Sallon Elegance");
    expect(c.text()).toMatch(/Sallon Elegance — Rruga Myslym Shyri 45, Tiranë\.\nZgjidhni shërbimin:|Sallon Elegance, Manikyr\./);
    expect(c.text()).not.toMatch(/Zgjidhni biznesin/);
  });
});
