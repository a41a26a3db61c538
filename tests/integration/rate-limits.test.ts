import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createLimits, hashKey, type Limits } from "../../core/limits/index.ts";
import { createLogger } from "../../core/log.ts";
import { createTestDatabase, type TestDatabase } from "../support/db.ts";
import { reachConfirm } from "../support/flows.ts";
import { fixedClock, startTestServer, type TestServer } from "../support/server.ts";
import { WebChatClient } from "../support/webchat.ts";

const NOW = "2026-11-25T08:00:00Z"; // Wednesday 09:00 in Tirana
const log = createLogger("silent");
const PHONE = "+355691234567";

describe("per-chat limit over the web chat, two instances on one database", () => {
  // reachConfirm sends 9 messages; the 10th (Konfirmo) is over the limit.
  const LIMIT = 9;
  let a: TestServer;
  let b: TestServer;
  beforeAll(async () => {
    a = await startTestServer({ clock: fixedClock(NOW), env: { RATE_LIMIT_PER_MIN: String(LIMIT) } });
    b = await startTestServer({ db: a.db, clock: fixedClock(NOW), env: { RATE_LIMIT_PER_MIN: String(LIMIT) } });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it("answers 'slow down' after RATE_LIMIT_PER_MIN messages on either instance, and the refused message changes nothing", async () => {
    const prisma = a.db.prisma;
    const c = await reachConfirm(a.url, { day: /26/, time: "10:00", phone: "069 123 4567" });
    expect(await prisma.message.count({ where: { conversationId: c.sessionId, direction: "in" } })).toBe(LIMIT);
    const conv = await prisma.conversation.findUniqueOrThrow({ where: { id: c.sessionId } });
    const stored = await prisma.message.count({ where: { conversationId: c.sessionId } });
    const history = (await (await fetch(`${a.url}/api/chat/sessions/${c.sessionId}/messages`, { headers: { authorization: `Bearer ${c.token}` } })).json()) as unknown;

    // The same customer, now served by instance B: B sees A's count.
    const onB = new WebChatClient(b.url);
    Object.assign(onB, { sessionId: c.sessionId, token: c.token, last: c.last });
    const refused = await onB.post({ choice: c.choiceId(/Konfirmo/), clientMessageId: "confirm-over-limit" });
    expect(refused.status).toBe(200);
    expect(refused.json.rateLimited).toBe(true);
    expect(refused.json.retryAfterSec).toBeGreaterThan(0);
    expect(refused.json.retryAfterSec).toBeLessThanOrEqual(60);
    expect(refused.json.replies).toHaveLength(1);
    expect(refused.json.replies[0].text).toMatch(/shumë shpejt/);
    expect(refused.json.replies[0].choices ?? []).toHaveLength(0);

    // And back on A: still refused.
    const again = await c.post({ choice: c.choiceId(/Konfirmo/) });
    expect(again.json.rateLimited).toBe(true);

    // Nothing of the refused messages was handled: no booking, same state, same history.
    expect(await prisma.booking.count({ where: { conversationId: c.sessionId } })).toBe(0);
    const after = await prisma.conversation.findUniqueOrThrow({ where: { id: c.sessionId } });
    expect(after.version).toBe(conv.version);
    expect(after.state).toEqual(conv.state);
    expect(await prisma.message.count({ where: { conversationId: c.sessionId } })).toBe(stored);
    expect(await prisma.processedMessage.count({ where: { messageId: "confirm-over-limit" } })).toBe(0);
    const historyAfter = await (await fetch(`${b.url}/api/chat/sessions/${c.sessionId}/messages`, { headers: { authorization: `Bearer ${c.token}` } })).json();
    expect(historyAfter).toEqual(history);

    // Another chat is not affected.
    const other = new WebChatClient(b.url);
    await other.start({ lang: "en" });
    const replies = await other.pick(/Book an appointment/);
    expect(other.text(replies)).not.toMatch(/very fast/);
  });
});

describe("a chat's minute over the web chat", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ clock: fixedClock(NOW), env: { RATE_LIMIT_PER_MIN: "2" } });
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });
  afterAll(async () => {
    await server?.close();
  });

  it("refuses the third message of a minute, counts no more while refusing, and lets the chat write again a minute later", async () => {
    const c = new WebChatClient(server.url);
    await c.start({ lang: "en" });
    await c.pick(/Book an appointment/);
    await c.pick(/Barber/);
    const ardit = c.choiceId(/Ardit/);
    const refused = await c.post({ choice: ardit });
    expect(refused.json.rateLimited).toBe(true);
    expect(refused.json.replies[0].text).toMatch(/very fast/);
    expect(refused.json.retryAfterSec).toBeGreaterThan(0);
    expect(refused.json.retryAfterSec).toBeLessThanOrEqual(60);
    // The counter is rate-limiter-flexible's row ("chat:<hash>"), at 3 after the first refusal.
    const key = `chat:${hashKey("chat", "web", c.sessionId)}`;
    const counter = await server.db.prisma.rateLimit.findUniqueOrThrow({ where: { key } });
    expect(counter.points).toBe(3);
    // Refused again from this instance's memory: the count stays.
    expect((await c.post({ choice: ardit })).json.rateLimited).toBe(true);
    expect((await server.db.prisma.rateLimit.findUniqueOrThrow({ where: { key } })).points).toBe(3);

    // A minute later (the counters' clock is the system's) the window starts over.
    const now = Date.now.bind(Date);
    vi.spyOn(Date, "now").mockImplementation(() => now() + 61_000);
    const again = await c.post({ choice: ardit });
    expect(again.json.rateLimited).toBeUndefined();
    expect(again.json.replies.map((r: { text: string }) => r.text).join("\n")).not.toMatch(/very fast/);
    const restarted = await server.db.prisma.rateLimit.findUniqueOrThrow({ where: { key } });
    expect(restarted.points).toBe(1);
    expect(Number(restarted.expire)).toBeGreaterThan(Number(counter.expire));
    c.last = again.json.replies;
    await c.say("hello");
    expect((await c.say("hello again")).map((r) => r.text).join("\n")).toMatch(/very fast/);
  });
});

describe("rate limits kept in PostgreSQL", () => {
  let db: TestDatabase;
  let one: Limits;
  let two: Limits;
  beforeAll(async () => {
    db = await createTestDatabase();
    one = await createLimits({ databaseUrl: db.url, messagesPerMinute: 3, log });
    two = await createLimits({ databaseUrl: db.url, messagesPerMinute: 3, log });
  });
  afterAll(async () => {
    await one?.close();
    await two?.close();
    await db?.close();
  });

  it("a chat limited on one instance is limited on the other; the notice is due once", async () => {
    expect(one.store).toBe("postgres");
    const chat = `chat-${randomUUID()}`;
    for (let i = 0; i < 3; i++) expect(await one.chat.consume("telegram", chat)).toEqual({ allowed: true });
    const first = await one.chat.consume("telegram", chat);
    expect(first).toMatchObject({ allowed: false, first: true });
    const onTwo = await two.chat.consume("telegram", chat);
    expect(onTwo).toMatchObject({ allowed: false, first: false });
    expect(await one.chat.consume("telegram", chat)).toMatchObject({ allowed: false, first: false });
    // Another chat, and the same id on another channel, count apart.
    expect(await two.chat.consume("telegram", `${chat}-x`)).toEqual({ allowed: true });
    expect(await two.chat.consume("sms", chat)).toEqual({ allowed: true });
  });

  it("throttles codes per target across conversations and instances, and per conversation", async () => {
    const c1 = randomUUID();
    const c2 = randomUUID();
    for (let i = 0; i < 3; i++) expect(await one.codes.consume({ conversationId: c1, target: PHONE })).toEqual({ allowed: true });
    // The target has had its 3 codes in 15 minutes: another conversation, on the other instance, writing the
    // number differently, is refused too.
    const blocked = await two.codes.consume({ conversationId: c2, target: "+355 69 123 4567" });
    expect(blocked).toMatchObject({ allowed: false, limit: "sendPerTarget" });
    expect(blocked.allowed === false && blocked.retryAfterSec).toBeGreaterThan(60);
    expect(blocked.allowed === false && blocked.retryAfterSec).toBeLessThanOrEqual(15 * 60);
    // The refusal cost c2 nothing: it may still send 5 codes to other targets, and not a 6th.
    for (let i = 0; i < 5; i++) expect(await two.codes.consume({ conversationId: c2, target: `c2-${i}@example.com` })).toEqual({ allowed: true });
    expect(await one.codes.consume({ conversationId: c2, target: "someone-else@example.com" })).toMatchObject({ allowed: false, limit: "sendPerConversation" });
    // An email is one target however it is written.
    const c3 = randomUUID();
    const c4 = randomUUID();
    for (let i = 0; i < 3; i++) expect((await one.codes.consume({ conversationId: c3, target: "Arta@Example.com" })).allowed).toBe(true);
    expect(await two.codes.consume({ conversationId: c4, target: " arta@example.com" })).toMatchObject({ allowed: false, limit: "sendPerTarget" });
  });

  it("stops wrong codes per conversation and per target, and forgets them after the right one", async () => {
    // One conversation typing wrong codes for different numbers: its own limit stops it.
    const c1 = randomUUID();
    for (let i = 0; i < 9; i++) expect(await one.codes.wrongAttempt({ conversationId: c1, target: `+35569777000${i}` })).toEqual({ allowed: true });
    expect(await one.codes.wrongAttempt({ conversationId: c1, target: "+355697770009" })).toMatchObject({ allowed: false, limit: "wrongPerConversation" });
    expect(await two.codes.checkAttempt({ conversationId: c1, target: "+355697770010" })).toMatchObject({ allowed: false, limit: "wrongPerConversation" });
    // Many conversations typing wrong codes for one number: the number's limit stops all of them.
    const target = "+355698880001";
    for (let i = 0; i < 10; i++) await (i % 2 ? one : two).codes.wrongAttempt({ conversationId: randomUUID(), target });
    const c2 = randomUUID();
    expect(await two.codes.checkAttempt({ conversationId: c2, target })).toMatchObject({ allowed: false, limit: "wrongPerTarget" });
    expect(await two.codes.checkAttempt({ conversationId: c2, target: "+355698880002" })).toEqual({ allowed: true });
    // The right code (typed in a conversation that was sent one) clears the number's and that conversation's count.
    await one.codes.succeeded({ conversationId: c1, target });
    expect(await two.codes.checkAttempt({ conversationId: c2, target })).toEqual({ allowed: true });
    expect(await two.codes.checkAttempt({ conversationId: c1, target: "+355697770010" })).toEqual({ allowed: true });
  });

  it("keeps no phone number or email in the counters", async () => {
    const rows = await db.prisma.rateLimit.findMany();
    expect(rows.length).toBeGreaterThan(0);
    // Each key is the counter's name and a hash: nothing a person could be recognised by.
    for (const r of rows) expect(r.key).toMatch(/^[a-z-]+:[0-9a-f]{40}$/);
  });
});
