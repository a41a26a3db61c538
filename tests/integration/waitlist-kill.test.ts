import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AvailabilityService } from "../../core/availability/service.ts";
import { prismaSql } from "../../core/db/sql.ts";
import { seedCatalog } from "../../core/catalog/seed.ts";
import { addDays, zonedParts } from "../../core/clock.ts";
import { OFFER_HOURS } from "../../core/waitlist/offers.ts";
import { SWEEP_JOB } from "../../core/waitlist/scheduler.ts";
import { demoCatalog } from "../../prisma/seed/catalog.ts";
import { createTestDatabase, type TestDatabase } from "../support/db.ts";
import { serve, type ServeProcess } from "../support/process.ts";
import { WebChatClient } from "../support/webchat.ts";
import { fillDay, waitForMessage, webHistory } from "../support/waitlist.ts";

const TZ = "Europe/Tirane";
const MONTHS = ["janar", "shkurt", "mars", "prill", "maj", "qershor", "korrik", "gusht", "shtator", "tetor", "nëntor", "dhjetor"];
/** "3 dhjetor" for 2026-12-03: how a customer types the day. */
const typed = (date: string) => `${Number(date.slice(8))} ${MONTHS[Number(date.slice(5, 7)) - 1]}`;

function kill(proc: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  return new Promise((resolve) => {
    if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
    proc.once("exit", () => resolve());
    proc.kill(signal);
  });
}

// The server runs on the real clock: offers are made from 08:00 to 22:00 in Tirana only.
const hour = zonedParts(new Date(), TZ).hour;
const offerHours = hour >= OFFER_HOURS.from && hour < OFFER_HOURS.to - 1;

describe.skipIf(!process.env.DATABASE_URL || !offerHours)("a server killed (SIGKILL) between an offer and its answer (PostgreSQL)", () => {
  let db: TestDatabase;
  let dir: string;
  let env: Record<string, string>;
  let serviceId: string;
  const running: ServeProcess[] = [];
  const start = async () => {
    const p = await serve(env);
    running.push(p);
    return p;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "rezervo-wl-kill-"));
    db = await createTestDatabase();
    await seedCatalog(db.prisma, demoCatalog);
    env = { DATABASE_URL: db.url, DATA_DIR: dir, RATE_LIMIT_PER_MIN: "1000", WAITLIST_POLL_MS: "200", WAITLIST_SWEEP_MS: "1500" };
    serviceId = (await db.prisma.service.findFirstOrThrow({ where: { nameSq: "Prerje flokësh", business: { slug: "berberi-ardit" } } })).id;
  }, 60_000);
  afterAll(async () => {
    for (const p of running) await kill(p.proc, "SIGKILL");
    await db?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The next open days of the barber (from the day after tomorrow), each filled by other customers. */
  async function fullDay(skip: number) {
    const availability = new AvailabilityService(prismaSql(db.prisma));
    const today = zonedParts(new Date(), TZ).date;
    let found = 0;
    for (let i = 2; i < 14; i++) {
      const day = addDays(today, i);
      if (!(await availability.slots(serviceId, day, new Date())).length) continue;
      if (found++ < skip) continue;
      return { day, fills: await fillDay(db.prisma, availability, serviceId, day, new Date()) };
    }
    throw new Error("no open day for the barber in the next two weeks");
  }

  async function wait(url: string, day: string, who: { name: string; email: string; phone: string }) {
    const c = new WebChatClient(url);
    await c.start({ lang: "sq" });
    await c.pick("Rezervo një termin");
    await c.pick("Berber");
    await c.pick(/Ardit/);
    await c.pick(/^Prerje flokësh ·/);
    await c.say(typed(day));
    await c.pick(/Më njoftoni/);
    await c.pick(/Çdo orë/);
    await c.say(who.name);
    await c.say(who.email);
    await c.say(who.phone);
    expect(c.text()).toMatch(/U shtuat në listën e pritjes/);
    return c;
  }
  const offersIn = async (url: string, c: WebChatClient) => (await webHistory(url, c)).filter((m) => /Lajm i mirë/.test(m.text));
  const quiet = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it("after a restart, accepting the offer books the place exactly once; no second offer is made for it", async () => {
    const { day, fills } = await fullDay(0);
    const first = await start();
    const c = await wait(first.url, day, { name: "Arta Hoxha", email: "arta@example.com", phone: "069 123 4567" });
    const freed = fills[fills.length - 1];
    // The place frees without telling the process (as a cancel by another instance): the sweep finds it.
    const taken = () => db.prisma.booking.count({ where: { serviceId, start: freed.start, status: { not: "cancelled" } } });
    const full = await taken();
    await db.prisma.booking.update({ where: { id: freed.id }, data: { status: "cancelled" } });
    const [offer] = await waitForMessage(first.url, c, /Lajm i mirë/);
    expect(await db.prisma.waitlistOffer.count({ where: { start: freed.start } })).toBe(1);
    await kill(first.proc, "SIGKILL");

    const second = await start();
    // Several sweeps of the new process: the open offer is still the only one, its message was not sent again.
    await quiet(4000);
    expect(await db.prisma.waitlistOffer.count({ where: { start: freed.start } })).toBe(1);
    expect(await offersIn(second.url, c)).toHaveLength(1);
    const again = new WebChatClient(second.url);
    again.sessionId = c.sessionId;
    again.token = c.token;
    const id = offer.choices!.find((x) => /Rezervo/.test(x.label))!.id;
    const [yes, twice] = await Promise.all([again.post({ choice: id }), again.post({ choice: id })]);
    expect([yes.json.replies[0].text, twice.json.replies[0].text].join("\n")).toMatch(/Rezervimi u konfirmua!/);
    const mine = await db.prisma.booking.findMany({ where: { conversationId: c.sessionId } });
    expect(mine.map((b) => [b.start.toISOString(), b.status, b.contactName])).toEqual([[freed.start.toISOString(), "confirmed", "Arta Hoxha"]]);
    expect(await taken()).toBe(full);
    await quiet(2000);
    expect(await db.prisma.waitlistOffer.count({ where: { start: freed.start } })).toBe(1);
    await kill(second.proc, "SIGTERM");
  }, 300_000);

  it("when the hold ran out while no process was running (killed in its sweep), the next in line gets the place, once", async () => {
    const { day, fills } = await fullDay(1);
    const first = await start();
    const early = await wait(first.url, day, { name: "Drita Leka", email: "drita@example.com", phone: "067 111 2222" });
    const late = await wait(first.url, day, { name: "Besa Krasniqi", email: "besa@example.com", phone: "068 765 4321" });
    const freed = fills[fills.length - 1];
    const taken = () => db.prisma.booking.count({ where: { serviceId, start: freed.start, status: { not: "cancelled" } } });
    const full = await taken();
    await db.prisma.booking.update({ where: { id: freed.id }, data: { status: "cancelled" } });
    const [offer] = await waitForMessage(first.url, early, /Lajm i mirë/);
    await kill(first.proc, "SIGKILL");
    // The worst moment to die: in the middle of the sweep, which is left locked by the dead worker.
    expect(await db.prisma.$executeRaw`UPDATE agenda_jobs SET locked_at = now() WHERE name = ${SWEEP_JOB}`).toBe(1);
    // The hold ends while nothing runs.
    await db.prisma.waitlistOffer.updateMany({ where: { start: freed.start }, data: { heldUntil: new Date(Date.now() - 1000) } });

    const second = await start();
    const [passed] = await waitForMessage(second.url, late, /Lajm i mirë/);
    expect(passed.text).toContain(offer.text.match(/në orën \d{2}:\d{2}/)![0]);
    const gone = await Object.assign(new WebChatClient(second.url), { sessionId: early.sessionId, token: early.token }).post({ choice: offer.choices![0].id });
    expect(gone.json.replies[0].text).toMatch(/koha për këtë vend mbaroi/);
    const taker = Object.assign(new WebChatClient(second.url), { sessionId: late.sessionId, token: late.token });
    const yes = await taker.post({ choice: passed.choices!.find((x) => /Rezervo/.test(x.label))!.id });
    expect(yes.json.replies[0].text).toMatch(/Rezervimi u konfirmua!/);
    await quiet(3000);
    expect((await db.prisma.waitlistOffer.findMany({ where: { start: freed.start }, orderBy: { createdAt: "asc" } })).map((o) => o.status)).toEqual(["expired", "accepted"]);
    expect(await taken()).toBe(full);
    expect(await db.prisma.booking.count({ where: { conversationId: early.sessionId } })).toBe(0);
    expect(await offersIn(second.url, early)).toHaveLength(1);
    expect(await offersIn(second.url, late)).toHaveLength(1);
    await kill(second.proc, "SIGTERM");
  }, 300_000);
});
