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
    expect(client.text()).toMatch(/Të anulojmë rezervimin e së premtes, 27 nëntor, në orën 10:00 te Berberi Ardit\? Anulimi është falas/);
    await client.say("po");
    expect(client.text()).toMatch(new RegExp(`Rezervimi ${ref} i së premtes, 27 nëntor, në orën 10:00 te Berberi Ardit u anulua\\.`));
    expect((await server.db.prisma.booking.findUniqueOrThrow({ where: { ref } })).status).toBe("cancelled");
  });
});

describe("moving and cancelling by typing", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ clock: fixedClock(NOW), env: { RATE_LIMIT_PER_MIN: "1000" } });
  });
  afterAll(async () => {
    await server?.close();
  });
  const startOf = async (ref: string) => (await server.db.prisma.booking.findUniqueOrThrow({ where: { ref } })).start.toISOString();
  const statusOf = async (ref: string) => (await server.db.prisma.booking.findUniqueOrThrow({ where: { ref } })).status;

  it("moves the only booking without a list: typed day and time, said back, then moved", async () => {
    const { client: c, ref } = await bookHaircut(server.url, { day: /26/, time: "10:00" });
    await c.say("dua ta shtyj terminin");
    expect(c.text()).toMatch(/Prerje flokësh te Berberi Ardit: tani e keni të enjten, 26 nëntor, në orën 10:00/);
    expect(c.text()).not.toMatch(/Cilin rezervim/);
    await c.say("të premten në 14:00");
    expect(c.text()).toMatch(/Ta zhvendosim rezervimin e së enjtes, 26 nëntor, në orën 10:00 te Berberi Ardit \(Prerje flokësh\) për të premten, 27 nëntor, në orën 14:00\?/);
    expect(await startOf(ref)).toBe("2026-11-26T09:00:00.000Z"); // nothing moved before the yes
    await c.say("po");
    expect(c.text()).toMatch(new RegExp(`Rezervimi ${ref} te Berberi Ardit u zhvendos për të premten, 27 nëntor, në orën 14:00\\.`));
    expect(await startOf(ref)).toBe("2026-11-27T13:00:00.000Z");
  });

  it("takes the new time said in the move request itself, and «nesër» then «në 12» at the steps", async () => {
    const { client: c, ref } = await bookHaircut(server.url, { day: /26/, time: "15:00" });
    await c.say("shtyje për të hënën në 11");
    expect(c.text()).toMatch(/për të hënën, 30 nëntor, në orën 11:00\?/);
    await c.say("jo");
    expect(c.text()).toMatch(/Zgjidhni ditën e re/);
    await c.say("nesër");
    expect(c.text()).toMatch(/Oraret e lira për të enjten, 26 nëntor/);
    expect(c.last.flatMap((r) => r.choices ?? []).map((x) => x.label)).not.toContain("15:00"); // its own time
    // A time typed at the day's list is that time pressed: moved at once, and said.
    await c.say("në 12");
    expect(c.text()).toMatch(new RegExp(`Rezervimi ${ref} te Berberi Ardit u zhvendos për të enjten, 26 nëntor, në orën 12:00\\.`));
    expect(await startOf(ref)).toBe("2026-11-26T11:00:00.000Z");
  });

  it("says when the day has passed or the business is closed, and offers the nearest times when taken", async () => {
    const { client: c, ref } = await bookHaircut(server.url, { day: /26/, time: "16:00" });
    await c.say("I need to move my appointment");
    await c.say("dje në 10");
    expect(c.text()).toMatch(/Dita që shkruat, e martë, 24 nëntor, ka kaluar/);
    expect(c.last.at(-1)?.kind).toBe("days");
    await c.say("të dielën");
    expect(c.text()).toMatch(/Berberi Ardit nuk punon të dielën, 29 nëntor\. Ditët e para me orare të lira: e hënë, 30 nëntor;/);
    await c.say("e enjte ne 21:00"); // after closing time
    expect(c.text()).toMatch(/Ora 21:00 e së enjtes, 26 nëntor, nuk është e lirë/);
    expect(c.text()).toMatch(/Oraret e lira më të afërta/);
    await c.pick(/26 nëntor në 19:30/);
    expect(c.text()).toMatch(/u zhvendos për të enjten, 26 nëntor, në orën 19:30/);
    expect(await startOf(ref)).toBe("2026-11-26T18:30:00.000Z");
  });

  it("finds the booking named in words among several, for moving, cancelling and on its own page", async () => {
    const { client: c, ref: ardit } = await bookHaircut(server.url, { day: /26/, time: "17:00", name: "Besa Kola" });
    await c.pick("Rezervo një termin");
    await c.pick("Berber");
    await c.pick(/Kalaja/);
    await c.pick(/^Prerje flokësh ·/);
    await c.pick(/27/);
    await c.pick("10:00");
    await c.pick(/Përdor të dhënat e mëparshme/);
    await c.say("po");
    const kalaja = c.text().match(/RZ-[A-Z0-9]{4}/)![0];

    await c.say("dua ta ndryshoj orarin");
    expect(c.text()).toMatch(/Cilin rezervim doni të zhvendosni/);
    await c.say("atë të premten"); // names the booking; the new day is still to be asked
    expect(c.text()).toMatch(/Prerje flokësh te Berber Kalaja: tani e keni të premten, 27 nëntor, në orën 10:00\. Zgjidhni ditën e re/);
    await c.say("menu");

    await c.say("dua ta anuloj rezervimin");
    expect(c.text()).toMatch(/Cilin rezervim doni të anuloni/);
    await c.say("atë të premten");
    expect(c.text()).toMatch(/Të anulojmë rezervimin .*Berber Kalaja/);
    await c.say("po");
    expect(await statusOf(kalaja)).toBe("cancelled");
    expect(await statusOf(ardit)).toBe("confirmed");

    await c.say("rezervimet e mia");
    await c.say("ai i ardit");
    expect(c.text()).toMatch(new RegExp(`Rezervimi ${ardit}`));
    await c.say("anuloje");
    expect(c.text()).toMatch(/Të anulojmë rezervimin .*Berberi Ardit/);
    await c.say("po, anuloje");
    expect(await statusOf(ardit)).toBe("cancelled");
  });

  it("acts on «a mund ta ndryshoj orarin?» from a customer with a booking instead of explaining how", async () => {
    const { client: c } = await bookHaircut(server.url, { day: /27/, time: "15:00" });
    await c.say("a mund ta ndryshoj orarin?");
    expect(c.text()).toMatch(/tani e keni të premten, 27 nëntor, në orën 15:00/);
  });
});
