// An instance keeps the conversations whose last turn it saved and runs the next turn from that copy
// without loading it. Two instances on one database show that nothing is taken on trust: a copy that
// another instance made stale is noticed, a chat's rate limit counted elsewhere still holds, a session's
// token is still checked, and a turn that books does so only from the conversation as it still is.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/db.ts";
import { fixedClock, startTestServer, type TestServer } from "../support/server.ts";
import { WebChatClient } from "../support/webchat.ts";

const NOW = "2026-11-25T08:00:00Z"; // Wednesday 25 November 2026, 09:00 in Tirana
const LIMIT = 15;

describe("turns run from an instance's copy of the conversation", () => {
  let db: TestDatabase;
  let a: TestServer;
  let b: TestServer;

  /** The same web chat session, talking to another instance. */
  const on = (server: TestServer, c: WebChatClient) => Object.assign(new WebChatClient(server.url), { sessionId: c.sessionId, token: c.token });
  const copies = (s: TestServer) => ({ ...s.runtime.conversations.fromCopy });

  beforeAll(async () => {
    db = await createTestDatabase();
    const env = { RATE_LIMIT_PER_MIN: String(LIMIT) };
    a = await startTestServer({ db, clock: fixedClock(NOW), env });
    b = await startTestServer({ db, clock: fixedClock(NOW), env });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await db?.close();
  });

  it("runs plain steps from the copy, and loses nothing when a chat's turns alternate between instances", async () => {
    const ca = new WebChatClient(a.url);
    await ca.start();
    const cb = on(b, ca);
    const [a0, b0] = [copies(a), copies(b)];

    // On one instance, plain steps run from its copy.
    await ca.say("1");
    await ca.say("berber");
    expect(copies(a).saved - a0.saved).toBe(2);

    // Alternating: each instance's copy is stale (the other saved a turn since), so each turn is run again
    // on the loaded conversation, and every answer builds on the one before.
    const steps: [WebChatClient, string][] = [[cb, "berberi ardit"], [ca, "1"], [cb, "te premten"], [ca, "ora 3 pasdite"], [cb, "Dritan Hoxha"], [ca, "dritan.copies@example.al"], [cb, "+355 69 444 5566"]];
    for (const [c, text] of steps) await c.say(text);
    expect(cb.text()).toMatch(/e premte, 27 nëntor në 15:00/);
    expect(cb.text()).toMatch(/Dritan Hoxha/);
    expect(cb.text()).toMatch(/dritan\.copies@example\.al/);
    expect(copies(a).givenUp - a0.givenUp).toBeGreaterThanOrEqual(3);
    expect(copies(b).givenUp - b0.givenUp).toBeGreaterThanOrEqual(3);

    // The confirming turn books from the copy of the instance that saved the last turn: the booking
    // checks, where it is written, that the conversation is still as the copy has it. It books once.
    const savedBefore = copies(b).saved;
    await cb.say("Po, konfirmoj");
    expect(cb.text()).toMatch(/Rezervimi u konfirmua/);
    expect(copies(b).saved).toBe(savedBefore + 1);
    expect(await db.prisma.booking.count({ where: { customer: { email: "dritan.copies@example.al" } } })).toBe(1);
    // And the same chat goes on from the copy on the instance that booked.
    const before = copies(b).saved;
    await cb.say("menu");
    expect(copies(b).saved).toBe(before + 1);
  });

  /** A new chat on `server`, taken to the booking's summary at Berberi Ardit on Friday at `hour`, its last message sent as `lastId`. */
  async function toSummary(server: TestServer, hour: number, email: string, lastId: string): Promise<WebChatClient> {
    const c = new WebChatClient(server.url);
    await c.start();
    for (const text of ["1", "berber", "berberi ardit", "1", "te premten", `ora ${hour - 12} pasdite`, "Drita Kola", email]) await c.say(text);
    await c.say("+355 69 444 7788", lastId);
    expect(c.text()).toMatch(new RegExp(`e premte, 27 nëntor në ${hour}:00`));
    return c;
  }

  it("does not book from a copy that another instance made stale: the turn runs on the conversation as it is", async () => {
    const ca = await toSummary(a, 16, "drita.stale@example.al", "stale-last");
    // On the other instance the customer asks for another time: the conversation leaves the summary.
    const cb = on(b, ca);
    await cb.say("ndrysho orarin");
    expect(cb.text()).toMatch(/dit/i);
    // The first instance's copy still has the summary; the old "yes" sent there books nothing.
    const givenUp = copies(a).givenUp;
    await ca.say("Po, konfirmoj");
    expect(ca.text()).not.toMatch(/Rezervimi u konfirmua/);
    expect(copies(a).givenUp).toBe(givenUp + 1);
    expect(await db.prisma.booking.count({ where: { contactEmail: "drita.stale@example.al" } })).toBe(0);
  });

  it("does not book from a copy when the chat has used up its rate limit on another instance", async () => {
    const ca = await toSummary(a, 17, "drita.limit@example.al", "limit-last");
    // The last message replayed to the other instance until the chat is over its limit: each replay is
    // counted and changes nothing, so the first instance's copy is still current.
    const cb = on(b, ca);
    for (let i = 0; i < LIMIT && !(await cb.post({ text: "+355 69 444 7788", clientMessageId: "limit-last" })).json.rateLimited; i++);
    const yes = await ca.post({ text: "Po, konfirmoj", clientMessageId: "limit-yes" });
    expect(yes.status).toBe(200);
    expect(yes.json.rateLimited).toBe(true);
    expect(await db.prisma.booking.count({ where: { contactEmail: "drita.limit@example.al" } })).toBe(0);
  });

  it("still refuses a chat over its rate limit when the messages were counted by another instance", async () => {
    const ca = new WebChatClient(a.url);
    await ca.start();
    await ca.say("1", "flood-1");
    const asked = ca.text();
    // The same message replayed to the other instance: each replay is counted and changes nothing, so
    // the first instance's copy is still current when the chat has used up its limit.
    const cb = on(b, ca);
    for (let i = 1; i < LIMIT; i++) expect((await cb.post({ text: "1", clientMessageId: "flood-1" })).status).toBe(200);
    const over = await ca.post({ text: "berber", clientMessageId: "flood-2" });
    expect(over.status).toBe(200);
    expect(over.json.rateLimited).toBe(true);
    const conv = await db.prisma.conversation.findUniqueOrThrow({ where: { id: ca.sessionId } });
    expect(await db.prisma.processedMessage.count({ where: { conversationId: conv.id, messageId: "flood-2" } })).toBe(0);
    expect(asked).toMatch(/kategorinë/);
  });

  it("relays messages for an open ticket on the loaded conversation, never from a copy", async () => {
    const c = new WebChatClient(a.url);
    await c.start();
    await c.pick("Mbështetja");
    await c.pick("Problem teknik");
    await c.say("Nuk më vjen SMS-ja me kodin e verifikimit.");
    expect(c.text()).toMatch(/u regjistrua me numrin T-\d+/);
    const ticket = await db.prisma.ticket.findFirstOrThrow({ where: { conversationId: c.sessionId } });
    // The ticket relay writes (the message goes to the ticket and the staff desk): a turn from a copy
    // must not run it, so these turns are saved the usual way.
    const before = copies(a).saved;
    await c.say("E provova edhe me një numër tjetër.");
    await c.say("Asnjë SMS nuk erdhi.");
    expect(copies(a).saved).toBe(before);
    const texts = (await db.prisma.ticketMessage.findMany({ where: { ticketId: ticket.id, author: "customer" }, orderBy: { id: "asc" } })).map((m) => m.text);
    expect(texts.slice(-2)).toEqual(["E provova edhe me një numër tjetër.", "Asnjë SMS nuk erdhi."]);
  });

  it("checks a session's token on every turn, copy or not", async () => {
    const ca = new WebChatClient(a.url);
    await ca.start();
    await ca.say("1");
    const wrong = await ca.post({ text: "berber" }, "not-the-token");
    expect(wrong.status).toBe(401);
    const right = await ca.post({ text: "berber" });
    expect(right.status).toBe(200);
    expect(JSON.stringify(right.json.replies)).toMatch(/Berber/);
  });
});
