// Privacy rights: an export holds exactly the person's data and nobody else's; erasure leaves nothing of
// the person outside the anonymised booking rows; old transcripts are deleted by the retention purge.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ManageService } from "../../core/bookings/manage.ts";
import { createLogger } from "../../core/log.ts";
import { purgeExpired } from "../../core/privacy/retention.ts";
import { isOptedOut, optOutHash } from "../../core/optout/service.ts";
import { PrivacyService } from "../../core/privacy/service.ts";
import type { TicketsPort } from "../../core/tickets/port.ts";
import { createTestDatabase, type TestDatabase } from "../support/db.ts";
import { bookHaircut } from "../support/flows.ts";
import { fixedClock, startTestServer, type TestServer } from "../support/server.ts";
import type { WebChatClient } from "../support/webchat.ts";

// Wednesday 25 November 2026, 09:00 in Tirana.
const NOW = "2026-11-25T08:00:00Z";
const now = () => new Date(NOW);
const ARTA = { name: "Arta Hoxha", email: "arta.privacy@example.com", phone: "069 123 4567", e164: "+355691234567" };
const BESA = { name: "Besa Krasniqi", email: "besa.privacy@example.com", phone: "068 765 4321", e164: "+355687654321" };

/** Every row of every table of ours, as text, that contains one of the strings. */
async function rowsHolding(db: TestDatabase, needles: string[]): Promise<{ table: string; row: string }[]> {
  const tables = await db.prisma.$queryRaw<{ name: string }[]>`
    SELECT table_name AS name FROM information_schema.tables
     WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations'`;
  const found: { table: string; row: string }[] = [];
  for (const { name } of tables) {
    const rows = await db.prisma.$queryRawUnsafe<{ row: string }[]>(`SELECT t::text AS row FROM "${name}" t`);
    for (const r of rows) if (needles.some((n) => r.row.toLowerCase().includes(n.toLowerCase()))) found.push({ table: name, row: r.row });
  }
  return found;
}

describe("privacy: export, erasure and retention", () => {
  let db: TestDatabase;
  let server: TestServer;
  let privacy: PrivacyService;
  let arta: WebChatClient;
  let besa: WebChatClient;
  let artaRef = "";
  let besaRef = "";

  beforeAll(async () => {
    db = await createTestDatabase();
    server = await startTestServer({ db, clock: fixedClock(NOW), env: { DATABASE_URL: db.url, RATE_LIMIT_PER_MIN: "1000" } });
    const manage = server.runtime.services.manage as unknown as ManageService;
    privacy = new PrivacyService({ prisma: db.prisma, log: createLogger("silent"), secret: "privacy-test-secret", cancel: (id, at) => manage.cancelById(id, at) });
    // Two customers at the same business on the same day.
    ({ client: arta, ref: artaRef } = await bookHaircut(server.url, { day: /26/, time: "10:00", ...ARTA }));
    ({ client: besa, ref: besaRef } = await bookHaircut(server.url, { day: /26/, time: "11:00", ...BESA }));
    await (server.runtime.services.tickets as TicketsPort).open({ conversationId: arta.sessionId, kind: "technical", description: `SMS nuk vjen te ${ARTA.e164}`, customerName: "Arta", now: now() });
    await db.prisma.optOut.create({ data: { phone: ARTA.e164, channel: "sms" } });
    const b = await db.prisma.booking.findUniqueOrThrow({ where: { ref: artaRef } });
    await db.prisma.waitlistEntry.create({
      data: { businessId: b.businessId, serviceId: b.serviceId, date: "2026-11-27", conversationId: arta.sessionId, contactName: ARTA.name, contactEmail: ARTA.email, contactPhone: ARTA.e164 },
    });
  });
  afterAll(async () => {
    await server?.close();
    await db?.close();
  });

  it("an export holds exactly the person's data and nobody else's", async () => {
    const data = await privacy.exportData(arta.sessionId, now());
    const text = JSON.stringify(data);
    expect(text).toContain(artaRef);
    expect(text).toContain(ARTA.email);
    expect(text).toContain(ARTA.e164);
    expect(text).toContain("SMS nuk vjen");
    expect(text).not.toContain(besaRef);
    expect(text).not.toContain(BESA.email);
    expect(text).not.toContain(BESA.e164);
    expect(text).not.toContain(BESA.name);
    const d = data as { bookings: { ref: string }[]; tickets: unknown[]; conversations: { messages: unknown[] }[]; optOuts: unknown[]; waitlist: { date: string }[] };
    expect(d.waitlist.map((w) => w.date)).toEqual(["2026-11-27"]);
    expect(d.bookings.map((b) => b.ref)).toEqual([artaRef]);
    expect(d.tickets).toHaveLength(1);
    expect(d.conversations[0].messages.length).toBeGreaterThan(5);
    expect(d.optOuts).toHaveLength(1);
  });

  it("a download link works for 24 hours, not when forged or another's", async () => {
    const link = privacy.exportLink(arta.sessionId, now());
    const token = new URL(link, "http://x").searchParams.get("token")!;
    expect(await privacy.openLink(token, now())).toEqual({ conversationId: arta.sessionId });
    expect(await privacy.openLink(token, new Date(now().getTime() + 25 * 3600_000))).toEqual({ error: "invalid" });
    const forged = `${Buffer.from(`${besa.sessionId}.${token.split(".")[0]}`).toString("base64url")}.${token.split(".")[1]}`;
    expect(await privacy.openLink(forged, now())).toEqual({ error: "invalid" });
  });

  it("erasure cancels future bookings and leaves nothing of the person outside the anonymised booking rows", async () => {
    const link = privacy.exportLink(arta.sessionId, now());
    const result = await privacy.erase(arta.sessionId, new Date(now().getTime() + 1000));
    expect(result).toMatchObject({ cancelled: 1, bookingsAnonymised: 1 });

    const booking = await db.prisma.booking.findUniqueOrThrow({ where: { ref: artaRef } });
    expect(booking).toMatchObject({ status: "cancelled", contactName: "", contactEmail: null, contactPhone: null, priceLek: 800 });
    expect(await rowsHolding(db, [ARTA.email, ARTA.e164, ARTA.name, "691234567"])).toEqual([]);
    // "STOP" still holds: the opt-out is kept as a hash.
    expect(await db.prisma.optOut.findUnique({ where: { phone: optOutHash(ARTA.e164) } })).not.toBeNull();
    expect(await isOptedOut(db.prisma, ARTA.e164, "sms")).toBe(true);
    // The old download link stops working; "my bookings" finds nothing.
    expect(await privacy.openLink(new URL(link, "http://x").searchParams.get("token")!, new Date(now().getTime() + 2000))).toEqual({ error: "erased" });
    expect(await server.runtime.services.manage!.upcoming(arta.sessionId, now())).toEqual([]);

    // Besa is untouched.
    const hers = await db.prisma.booking.findUniqueOrThrow({ where: { ref: besaRef } });
    expect(hers).toMatchObject({ status: "confirmed", contactName: BESA.name, contactEmail: BESA.email, contactPhone: BESA.e164 });
    expect((await rowsHolding(db, [BESA.email])).length).toBeGreaterThan(0);
  });

  it("the retention purge deletes only messages and marks older than the limit, in batches", async () => {
    const conv = besa.sessionId;
    const old = new Date(now().getTime() - 200 * 86_400_000);
    const recentBefore = await db.prisma.message.count();
    await db.prisma.message.createMany({ data: Array.from({ length: 25 }, (_, i) => ({ conversationId: conv, direction: "in", body: { kind: "text", text: `old ${i}` }, createdAt: old })) });
    await db.prisma.processedMessage.createMany({ data: Array.from({ length: 7 }, (_, i) => ({ channel: "web", messageId: `old-${i}`, conversationId: conv, replies: [], createdAt: old })) });
    const r = await purgeExpired(db.prisma, now(), { messageDays: 180, ticketDays: 730, batch: 10 });
    expect(r.messages).toBe(25);
    expect(r.processed).toBe(7);
    expect(r.ticketMessages).toBe(0);
    expect(await db.prisma.message.count()).toBe(recentBefore);
  });
});

describe("privacy in the chat: my data, download, erase", () => {
  let db: TestDatabase;
  let server: TestServer;

  beforeAll(async () => {
    db = await createTestDatabase();
    server = await startTestServer({ db, clock: fixedClock(NOW), env: { DATABASE_URL: db.url, RATE_LIMIT_PER_MIN: "1000", LINK_SECRET: "privacy-chat-link-secret-123" } });
  });
  afterAll(async () => {
    await server?.close();
    await db?.close();
  });

  it("typed at any step, 'të dhënat e mia' offers download and erase; the link gives the JSON; erase needs a yes and then nothing is left", async () => {
    const { client: c, ref } = await bookHaircut(server.url, { day: /26/, time: "10:00", ...ARTA });
    // In the middle of another booking, at its first step.
    await c.pick("Rezervo një termin").catch(() => c.say("dua te rezervoj"));
    await c.say("të dhënat e mia");
    const labels = c.last.flatMap((r) => r.choices ?? []).map((x) => x.label);
    expect(labels.some((l) => l.includes("Shkarko"))).toBe(true);
    expect(labels.some((l) => l.includes("Fshi"))).toBe(true);
    expect(c.text()).toMatch(/Ruajmë vetëm/);

    await c.pick(/Shkarko/);
    const link = c.last.find((r) => r.link)?.link;
    expect(link?.url).toMatch(/\/api\/privacy\/export\?token=/);
    const res = await fetch(`${server.url}${link!.url}`);
    expect(res.status).toBe(200);
    const data = (await res.json()) as { bookings: { ref: string }[] };
    expect(data.bookings.map((b) => b.ref)).toEqual([ref]);
    expect((await fetch(`${server.url}/api/privacy/export?token=forged.token`)).status).toBe(404);

    // Typed in a sentence, «a copy» is the download; something else typed there is read as anywhere else.
    await c.say("çfarë të dhënash keni për mua?");
    await c.say("dua një kopje të tyre");
    expect(c.last.find((r) => r.link)?.link?.url).toMatch(/\/api\/privacy\/export\?token=/);
    await c.say("my data");
    await c.say("ku janë rezervimet e mia?");
    expect(c.text()).not.toMatch(/nuk mund të bëhet tani/);
    await c.say("my data");
    await c.pick(/Fshi/);
    expect(c.text()).toMatch(/nuk kthehet mbrapsht/);
    await c.say("jo");
    expect(c.text()).toMatch(/nuk fshimë asgjë/);
    expect((await db.prisma.booking.findUniqueOrThrow({ where: { ref } })).status).toBe("confirmed");

    await c.say("te dhenat e mia");
    await c.pick(/Fshi/);
    await c.pick(/Po, fshiji/);
    expect(c.text()).toMatch(/u fshinë/);
    expect((await db.prisma.booking.findUniqueOrThrow({ where: { ref } })).status).toBe("cancelled");
    expect((await fetch(`${server.url}${link!.url}`)).status).toBe(410);
    await c.say("rezervimet e mia");
    expect(c.text()).toMatch(/Nuk gjeta rezervime/);
  });

  it("typed at the erase question: a yes with more to say erases nothing; a plain «po, fshijini» erases", async () => {
    const CELA = { name: "Cela Dervishi", email: "cela.privacy@example.com", phone: "067 222 3344", e164: "+355672223344" };
    const { client: c, ref } = await bookHaircut(server.url, { day: /27/, time: "11:00", ...CELA });
    await c.say("të dhënat e mia");
    await c.pick(/Fshi/);
    await c.say("po, por më parë më thoni çfarë ndodh me rezervimet e mia");
    expect(c.text()).not.toMatch(/u fshinë/);
    expect((await db.prisma.booking.findUniqueOrThrow({ where: { ref } })).status).toBe("confirmed");
    await c.say("te dhenat e mia");
    await c.pick(/Fshi/);
    await c.say("po, fshijini");
    expect(c.text()).toMatch(/u fshinë/);
    expect((await db.prisma.booking.findUniqueOrThrow({ where: { ref } })).status).toBe("cancelled");
  });

  it("asked to erase («fshini llogarinë time», \"forget everything about me\"), the erase question comes at once; the booking stays until the yes", async () => {
    const DRINI = { name: "Drini Kola", email: "drini.privacy@example.com", phone: "067 222 5566", e164: "+355672225566" };
    const { client: c, ref } = await bookHaircut(server.url, { day: /27/, time: "12:00", ...DRINI });
    await c.say("fshini llogarinë time");
    expect(c.text()).toMatch(/Të fshijmë të dhënat tuaja\?/);
    expect(c.text()).not.toMatch(/Të anulojmë rezervimin/);
    await c.say("jo");
    expect((await db.prisma.booking.findUniqueOrThrow({ where: { ref } })).status).toBe("confirmed");
    await c.say("I want you to forget everything about me");
    expect(c.text()).toMatch(/Të fshijmë të dhënat tuaja\?|Erase your data\?/);
    await c.say("po");
    expect(c.text()).toMatch(/u fshinë|was erased/);
    expect((await db.prisma.booking.findUniqueOrThrow({ where: { ref } })).status).toBe("cancelled");
  });
});
