// The work after a booking (its reminders, here) is written with the booking and done off the turn. A
// booking committed by an instance that stopped before that work ran still gets it: the next instance's
// sweep does it, once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bookHaircut } from "../support/flows.ts";
import { createTestDatabase, type TestDatabase } from "../support/db.ts";
import { fixedClock, startTestServer, type TestServer } from "../support/server.ts";

// Wednesday 25 November 2026, 09:00 in Tirana: the haircut on Thursday 26 gets both reminders.
const NOW = "2026-11-25T08:00:00Z";

async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("the work after a booking", () => {
  let db: TestDatabase;
  let server: TestServer | undefined;
  beforeAll(async () => {
    db = await createTestDatabase();
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await db?.close();
  });

  const start = () => startTestServer({ db, clock: fixedClock(NOW), env: { DATABASE_URL: db.url, REMINDERS: "schedule", REMINDERS_POLL_MS: "250" } });

  it("is done right after the confirmation, once", async () => {
    server = await start();
    const { ref } = await bookHaircut(server.url, { day: /26/, time: "11:00", phone: "069 765 4321", email: "besa@example.com" });
    const booking = await db.prisma.booking.findUniqueOrThrow({ where: { ref } });
    // Done rows go: they hold the request's contact details.
    expect(await until(() => db.prisma.outbox.count({ where: { bookingId: booking.id } }), (n) => n === 0)).toBe(0);
    const reminders = await db.prisma.reminder.findMany({ where: { bookingId: booking.id }, orderBy: { kind: "asc" } });
    expect(reminders.map((r) => [r.kind, r.status])).toEqual([["24h", "scheduled"], ["2h", "scheduled"]]);
  }, 60_000);

  it("left undone by an instance that stopped after the commit, is done by the next instance's sweep", async () => {
    const { ref } = await bookHaircut(server!.url, { day: /26/, time: "12:00", phone: "069 765 4322", email: "dita@example.com" });
    const booking = await db.prisma.booking.findUniqueOrThrow({ where: { ref } });
    await until(() => db.prisma.outbox.count({ where: { bookingId: booking.id } }), (n) => n === 0);
    await server!.close();
    server = undefined;
    // As if the instance had stopped between the commit and the work: the booking is there, its work is not.
    await db.prisma.reminder.deleteMany({ where: { bookingId: booking.id } });
    await db.prisma.$executeRawUnsafe(`DELETE FROM "agendaJobs" WHERE data->>'bookingId' = $1`, booking.id).catch(() => 0);
    await db.prisma.outbox.create({ data: { kind: "booked", bookingId: booking.id, payload: { serviceId: booking.serviceId, start: booking.start.toISOString(), contact: { name: "Dita", email: "dita@example.com", phone: "+355697654322" }, channel: "web", conversationId: booking.conversationId, requestKey: booking.requestKey, lang: "sq", now: NOW } } });

    server = await start();
    expect(await until(() => db.prisma.outbox.count({ where: { bookingId: booking.id } }), (n) => n === 0)).toBe(0);
    const reminders = await db.prisma.reminder.findMany({ where: { bookingId: booking.id }, orderBy: { kind: "asc" } });
    expect(reminders.map((r) => [r.kind, r.status])).toEqual([["24h", "scheduled"], ["2h", "scheduled"]]);
  }, 60_000);
});
