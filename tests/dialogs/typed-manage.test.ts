import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bookHaircut, reachConfirm } from "../support/flows.ts";
import { fixedClock, startTestServer, type TestServer } from "../support/server.ts";
import { WebChatClient } from "../support/webchat.ts";

// Wednesday 25 November 2026, 09:00 in Tirana.
const NOW = "2026-11-25T08:00:00Z";

/** Transcripts of customers who type their answers: confirming, moving and cancelling bookings. */
describe("typed answers at the confirm steps", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ clock: fixedClock(NOW), env: { RATE_LIMIT_PER_MIN: "1000" } });
  });
  afterAll(async () => {
    await server?.close();
  });
  const bookingsOf = async (c: WebChatClient) => {
    const conv = await server.db.prisma.conversation.findFirstOrThrow({ where: { channel: "web", externalId: c.sessionId } });
    return server.db.prisma.booking.findMany({ where: { conversationId: conv.id } });
  };

  it("books on a typed «Po, konfirmoj» and drops the booking on a typed «jo»", async () => {
    const yes = await reachConfirm(server.url, { day: /26/, time: "11:00" });
    await yes.say("Po, konfirmoj");
    expect(yes.text()).toMatch(/Rezervimi u konfirmua/);
    expect((await bookingsOf(yes)).map((b) => b.status)).toEqual(["confirmed"]);

    const no = await reachConfirm(server.url, { day: /26/, time: "11:30" });
    await no.say("jo");
    expect(no.text()).toMatch(/rezervimi nuk u bë/);
    expect(await bookingsOf(no)).toEqual([]);
  });

  it("takes a typed «ok» as a yes", async () => {
    const c = await reachConfirm(server.url, { day: /26/, time: "12:00" });
    await c.say("ok");
    expect(c.text()).toMatch(/Rezervimi u konfirmua/);
  });

  it("cancels on a typed «po» and keeps the booking on a typed «jo, mbaje»", async () => {
    const { client, ref } = await bookHaircut(server.url, { day: /27/, time: "10:00" });
    await client.pick("Rezervimet e mia");
    await client.pick(/27 nëntor në 10:00/);
    await client.pick("Anulo");
    await client.say("jo, mbaje");
    expect(client.text()).toMatch(/rezervimi mbetet siç ishte/);
    expect((await server.db.prisma.booking.findUniqueOrThrow({ where: { ref } })).status).toBe("confirmed");
    await client.pick("Rezervimet e mia");
    await client.pick(/27 nëntor në 10:00/);
    await client.pick("Anulo");
    await client.say("po");
    expect(client.text()).toMatch(new RegExp(`Rezervimi ${ref} .* u anulua`));
    expect((await server.db.prisma.booking.findUniqueOrThrow({ where: { ref } })).status).toBe("cancelled");
  });
});
