import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { zonedToUtc } from "../../core/clock.ts";
import { declineId } from "../../core/waitlist/notice.ts";
import { createTestDatabase, type TestDatabase } from "../support/db.ts";
import { startTestServer, type TestServer } from "../support/server.ts";
import { WebChatClient } from "../support/webchat.ts";
import { fillDay, waitForMessage, webHistory } from "../support/waitlist.ts";
import { fakeSmsSender, startFakeSmsProvider, type FakeSmsProvider } from "../fakes/reminders-sms.ts";

// Wednesday 25 November 2026, 09:00 in Tirana.
const START = Date.parse("2026-11-25T08:00:00Z");
const TZ = "Europe/Tirane";
const at = (date: string, hm: string) => zonedToUtc(date, hm, TZ);

describe("freed places offered to the waiting list in turn", () => {
  let db: TestDatabase;
  let a: TestServer;
  let b: TestServer;
  let sms: FakeSmsProvider;
  let serviceId: string;
  let now = START;
  const fills = new Map<string, { id: string; start: Date }[]>();
  const env = (db: TestDatabase) => ({ DATABASE_URL: db.url, RATE_LIMIT_PER_MIN: "1000", WAITLIST_POLL_MS: "200", WAITLIST_SWEEP_MS: "3600000" });

  beforeAll(async () => {
    db = await createTestDatabase();
    sms = await startFakeSmsProvider();
    // Two instances of the app on one database: every offer must still be made and sent once.
    a = await startTestServer({ db, clock: () => new Date(now), env: env(db) });
    b = await startTestServer({ db, clock: () => new Date(now), env: env(db) });
    for (const s of [a, b]) if (!s.runtime.notifier.has("sms")) s.runtime.notifier.register(fakeSmsSender(sms.url));
    serviceId = (await db.prisma.service.findFirstOrThrow({ where: { nameSq: "Prerje flokësh", business: { slug: "berberi-ardit" } } })).id;
    for (const day of ["2026-11-26", "2026-11-27", "2026-11-30", "2026-12-01"]) {
      fills.set(day, await fillDay(db.prisma, a.runtime.availability, serviceId, day, new Date(now)));
    }
  }, 60_000);
  afterAll(async () => {
    await b?.close();
    await a?.close();
    await sms?.close();
    await db?.close();
  });

  /** A web chat customer joins the waiting list of `day` (typed as `dayWords`) for any time. */
  async function join(server: TestServer, dayWords: string, who: { name: string; email: string; phone: string }, part = /Çdo orë/) {
    const c = new WebChatClient(server.url);
    await c.start({ lang: "sq" });
    await c.pick("Rezervo një termin");
    await c.pick("Berber");
    await c.pick(/Ardit/);
    await c.pick(/^Prerje flokësh ·/);
    await c.say(dayWords);
    await c.pick(/Më njoftoni/);
    await c.pick(part);
    await c.say(who.name);
    await c.say(who.email);
    await c.say(who.phone);
    expect(c.text()).toMatch(/U shtuat në listën e pritjes/);
    return c;
  }
  const cancelAt = async (day: string, hm: string) => {
    const f = fills.get(day)!.find((x) => x.start.getTime() === at(day, hm).getTime())!;
    expect(await a.runtime.features.manage!.manage.cancelById(f.id, new Date(now))).toBe(true);
  };
  const offersIn = async (c: WebChatClient) => (await webHistory(a.url, c)).filter((m) => /Lajm i mirë/.test(m.text));
  const quiet = (ms = 1500) => new Promise((r) => setTimeout(r, ms));

  it("offers a cancelled place to the first in line only, holds it from everyone else, and passes it on when declined", async () => {
    const day = "2026-11-26";
    const first = await join(a, "nesër", { name: "Arta Hoxha", email: "arta@example.com", phone: "069 123 4567" });
    const second = await join(b, "nesër", { name: "Besa Krasniqi", email: "besa@example.com", phone: "068 765 4321" });
    await cancelAt(day, "15:00");

    const [offer] = await waitForMessage(a.url, first, /Lajm i mirë/);
    expect(offer.text).toMatch(/U lirua një vend te Berberi Ardit për Prerje flokësh, të enjten, 26 nëntor, në orën 15:00\. Jua mbajmë deri në orën 09:15 \(15 minuta\)/);
    expect(offer.choices!.map((x) => x.label)).toEqual(["✅ Rezervo", "Jo, faleminderit"]);
    await quiet();
    expect(await offersIn(second)).toEqual([]);
    expect(await offersIn(first)).toHaveLength(1);
    // Held: nobody else can book it, not even by typing it.
    expect((await a.runtime.availability.slots(serviceId, day, new Date(now))).map((s) => s.time)).toEqual([]);
    const other = new WebChatClient(a.url);
    await other.start({ lang: "sq" });
    await other.pick("Rezervo një termin");
    await other.pick("Berber");
    await other.pick(/Ardit/);
    await other.pick(/^Prerje flokësh ·/);
    await other.say("nesër në 15:00");
    expect(other.text()).toMatch(/nuk ka më orare të lira/);

    const no = await first.post({ choice: declineId(offer.choices![0].id.split(":")[1]) });
    expect(no.json.replies[0].text).toMatch(/vendin ia ofrojmë tjetrit në radhë. Mbeteni në listën e pritjes për të enjten, 26 nëntor/);
    const [passed] = await waitForMessage(b.url, second, /Lajm i mirë/);
    expect(passed.text).toMatch(/në orën 15:00/);

    const yes = await second.post({ choice: passed.choices!.find((x) => /Rezervo/.test(x.label))!.id });
    expect(yes.json.replies[0].text).toMatch(/Rezervimi u konfirmua!/);
    expect(yes.json.replies[0].text).toMatch(/e enjte, 26 nëntor në 15:00/);
    const booked = await db.prisma.booking.findMany({ where: { conversationId: second.sessionId } });
    expect(booked.map((x) => [x.start.toISOString(), x.status, x.contactName, x.contactEmail, x.contactPhone])).toEqual([
      [at(day, "15:00").toISOString(), "confirmed", "Besa Krasniqi", "besa@example.com", "+355687654321"],
    ]);
    // Pressing again books nothing more; the place stays full for everyone.
    await second.post({ choice: passed.choices!.find((x) => /Rezervo/.test(x.label))!.id });
    expect(await db.prisma.booking.count({ where: { serviceId, start: at(day, "15:00"), status: "confirmed" } })).toBe(2);
    expect((await db.prisma.waitlistEntry.findFirstOrThrow({ where: { conversationId: second.sessionId } })).status).toBe("booked");
    expect((await db.prisma.waitlistEntry.findFirstOrThrow({ where: { conversationId: first.sessionId } })).status).toBe("waiting");
    // The customer who declined is not offered the same place again.
    await quiet();
    expect(await offersIn(first)).toHaveLength(1);
  }, 60_000);

  it("answers typed in words: a question has the offer said again and still open, a no passes it on, a yes books it (also after another question)", async () => {
    const day = "2026-12-02"; // Wednesday
    const filled = await fillDay(db.prisma, a.runtime.availability, serviceId, day, new Date(now));
    const first = await join(a, "2 dhjetor", { name: "Erjon Gjika", email: "erjon@example.com", phone: "069 321 0001" });
    const second = await join(a, "2 dhjetor", { name: "Rina Shala", email: "rina@example.com", phone: "069 321 0002" });
    const f = filled.find((x) => x.start.getTime() === at(day, "10:00").getTime())!;
    expect(await a.runtime.features.manage!.manage.cancelById(f.id, new Date(now))).toBe(true);
    await waitForMessage(a.url, first, /Lajm i mirë/);

    await first.say("sa kohë ma mbani?");
    expect(first.text()).toMatch(/Vendi që u lirua: Prerje flokësh te Berberi Ardit \(.+\), e mërkurë, 2 dhjetor në 10:00\. Çmimi: 800 lekë; pagesa: në vend, gjatë vizitës\. Jua mbajmë deri në orën 09:15\. Ta rezervoj\?/);
    await first.say("jo, ajo orë nuk më përshtatet");
    expect(first.text()).toMatch(/vendin ia ofrojmë tjetrit në radhë\. Mbeteni në listën e pritjes për të mërkurën, 2 dhjetor/);
    expect((await db.prisma.waitlistEntry.findFirstOrThrow({ where: { conversationId: first.sessionId } })).status).toBe("waiting");

    const [passed] = await waitForMessage(a.url, second, /Lajm i mirë/);
    expect(passed.text).toMatch(/në orën 10:00/);
    // Something else asked in between: the offer is no longer the question, but a yes at the menu can only be about it.
    await second.say("a keni parking?");
    expect(second.text()).not.toMatch(/Rezervimi u konfirmua/);
    await second.say("po po, e marr!");
    expect(second.text()).toMatch(/Rezervimi u konfirmua!/);
    const booked = await db.prisma.booking.findMany({ where: { conversationId: second.sessionId }, select: { start: true, status: true } });
    expect(booked).toEqual([{ start: at(day, "10:00"), status: "confirmed" }]);
    expect(await db.prisma.booking.count({ where: { conversationId: first.sessionId } })).toBe(0);
  }, 60_000);

  it("passes a place on when the hold runs out in silence; SMS «PO» takes it", async () => {
    const day = "2026-11-27";
    const silent = await join(a, "të premten", { name: "Drita Leka", email: "drita@example.com", phone: "067 111 2222" });
    // An SMS customer: the phone is the sender's own, only the name and email are asked.
    const phone = "+355692223333";
    const text = async (t: string) => (await a.runtime.conversations.handle({ address: { channel: "sms", externalId: phone }, messageId: `SM${Math.random()}`, content: { kind: "text", text: t } })).replies;
    await text("rezervo");
    for (const step of ["Berber", "Berberi Ardit", "Prerje flokësh", "të premten"]) await text(step);
    const offerWait = await text("Më njoftoni");
    expect(offerWait.map((r) => r.text).join("\n")).toMatch(/Cila pjesë e ditës/);
    await text("pasdite");
    await text("Gent Dervishi");
    const joined = await text("gent@example.com");
    expect(joined.map((r) => r.text).join("\n")).toMatch(/U shtuat në listën e pritjes/);

    await cancelAt(day, "14:00");
    const [offer] = await waitForMessage(a.url, silent, /Lajm i mirë/);
    expect(offer.text).toMatch(/të premten, 27 nëntor, në orën 14:00/);
    expect(sms.messages.filter((m) => m.to === phone && /Lajm i mire/.test(m.body))).toHaveLength(0);

    // 16 minutes of silence: the hold ends and the next in line is offered the place.
    now += 16 * 60_000;
    await a.runtime.features.waitlist!.scheduler.sweep();
    await sms.waitFor((m) => m.some((x) => x.to === phone && /Lajm i mire/.test(x.body)));
    const smsOffer = sms.messages.find((x) => x.to === phone && /Lajm i mire/.test(x.body))!;
    expect(smsOffer.body).toMatch(/te premten, 27 nentor, ne oren 14:00/);
    expect(smsOffer.body).toMatch(/Pergjigjuni PO per ta rezervuar ose JO/);
    const late = await silent.post({ choice: offer.choices![0].id });
    expect(late.json.replies[0].text).toMatch(/koha për këtë vend mbaroi/);

    const po = await text("PO");
    expect(po[0].text).toMatch(/Rezervimi u konfirmua!/);
    const bk = await db.prisma.booking.findFirstOrThrow({ where: { contactPhone: phone } });
    expect([bk.start.toISOString(), bk.contactName, bk.channel]).toEqual([at(day, "14:00").toISOString(), "Gent Dervishi", "sms"]);
    now = START;
  }, 60_000);

  it("offers nothing at night: the freed place waits for 08:00, and a place too soon to use is skipped", async () => {
    const day = "2026-12-01"; // Tuesday
    const c = await join(a, "1 dhjetor", { name: "Ilir Berisha", email: "ilir@example.com", phone: "069 444 5555" });
    now = Date.parse("2026-11-30T21:30:00Z"); // Monday 22:30 in Tirana
    // A scan already running read the day-time clock when it began: let it end before a place frees up.
    await quiet();
    await cancelAt(day, "09:00");
    await cancelAt(day, "18:00");
    await quiet();
    expect(await offersIn(c)).toEqual([]);
    const morning = await db.prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM agenda_jobs WHERE name = 'waitlist-scan' AND data->>'morning' = 'true'`;
    expect(morning[0].n).toBe(1);
    now = Date.parse("2026-12-01T07:00:00Z"); // 08:00: 09:00 would be gone before the hold ends and the notice
    await a.runtime.features.waitlist!.scheduler.sweep();
    const [offer] = await waitForMessage(a.url, c, /Lajm i mirë/);
    expect(offer.text).toMatch(/në orën 18:00/);
    now = START;
  }, 60_000);

  it("two instances looking at one freed place at once make one offer and send one message", async () => {
    const day = "2026-11-30";
    const c = await join(a, "të hënën", { name: "Mira Gjoka", email: "mira@example.com", phone: "069 666 7777" });
    const d = await join(b, "të hënën", { name: "Sokol Hysa", email: "sokol@example.com", phone: "069 888 9999" });
    const business = (await db.prisma.service.findUniqueOrThrow({ where: { id: serviceId } })).businessId;
    const f = fills.get(day)!.find((x) => x.start.getTime() === at(day, "12:00").getTime())!;
    // The place frees without telling anyone (as after a crash): both instances' sweeps and scans race.
    await db.prisma.booking.update({ where: { id: f.id }, data: { status: "cancelled" } });
    const scans = [a, b, a, b].map((s) => s.runtime.features.waitlist!.scheduler);
    await Promise.all([...scans.map((s) => s.runScan(business)), ...scans.map((s) => s.sweep())]);
    await waitForMessage(a.url, c, /Lajm i mirë/);
    await quiet();
    expect(await db.prisma.waitlistOffer.count({ where: { start: at(day, "12:00") } })).toBe(1);
    expect(await offersIn(c)).toHaveLength(1);
    expect(await offersIn(d)).toEqual([]);
    // Both instances accept at once for the customer: one booking.
    const id = (await offersIn(c))[0].choices![0].id;
    await Promise.all([c.post({ choice: id }), c.post({ choice: id })]);
    expect(await db.prisma.booking.count({ where: { serviceId, start: at(day, "12:00"), status: "confirmed" } })).toBe(2);
    expect(await db.prisma.booking.count({ where: { conversationId: c.sessionId } })).toBe(1);
  }, 60_000);
});
