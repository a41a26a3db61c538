// Rate limits kept in Redis (REDIS_URL). Redis runs at 127.0.0.1:6379 here and in CI; without it the
// file is skipped on a developer's machine, never in CI.
import { randomBytes, randomUUID } from "node:crypto";
import { connect } from "node:net";
import { createClient } from "redis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLimits, type Limits } from "../../core/limits/index.ts";
import { createLogger } from "../../core/log.ts";
import { fixedClock, startTestServer, type TestServer } from "../support/server.ts";
import { WebChatClient } from "../support/webchat.ts";

const REDIS_URL = "redis://127.0.0.1:6379";
const NOW = "2026-11-25T08:00:00Z";
const log = createLogger("silent");

function reachable(): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    const socket = connect({ host: "127.0.0.1", port: 6379, timeout: 1000 });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
    socket.once("timeout", () => done(false));
  });
}

const up = await reachable();
if (!up && process.env.CI) throw new Error(`Redis is not reachable at ${REDIS_URL}; CI must start it`);

describe.skipIf(!up)("rate limits kept in Redis", () => {
  const prefix = `rezervo-test-${randomBytes(6).toString("hex")}`;
  let one: Limits;
  let two: Limits;
  let server: TestServer;
  beforeAll(async () => {
    one = await createLimits({ redisUrl: REDIS_URL, redisKeyPrefix: prefix, messagesPerMinute: 3, log });
    two = await createLimits({ redisUrl: REDIS_URL, redisKeyPrefix: prefix, messagesPerMinute: 3, log });
    server = await startTestServer({ clock: fixedClock(NOW), env: { REDIS_URL, REDIS_KEY_PREFIX: `${prefix}-app`, RATE_LIMIT_PER_MIN: "2" } });
  });
  afterAll(async () => {
    await one?.close();
    await two?.close();
    await server?.close();
    const client = createClient({ url: REDIS_URL });
    await client.connect();
    try {
      for await (const keys of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 100 })) if (keys.length) await client.del(keys);
    } finally {
      await client.close();
    }
  });

  it("shares a chat's count between two instances", async () => {
    expect(one.store).toBe("redis");
    const chat = randomUUID();
    for (let i = 0; i < 3; i++) expect(await one.chat.consume("whatsapp", chat)).toEqual({ allowed: true });
    expect(await two.chat.consume("whatsapp", chat)).toMatchObject({ allowed: false, first: true });
    expect(await one.chat.consume("whatsapp", chat)).toMatchObject({ allowed: false, first: false });
    expect(await one.chat.consume("whatsapp", `${chat}-x`)).toEqual({ allowed: true });
  });

  it("throttles codes per target across conversations and instances", async () => {
    const target = "+355691112233";
    for (let i = 0; i < 3; i++) expect(await one.codes.consume({ conversationId: randomUUID(), target })).toEqual({ allowed: true });
    const refused = await two.codes.consume({ conversationId: randomUUID(), target: "+355 69 111 2233" });
    expect(refused).toMatchObject({ allowed: false, limit: "sendPerTarget" });
    const conv = randomUUID();
    for (let i = 0; i < 5; i++) expect(await two.codes.consume({ conversationId: conv, target: `r${i}@example.com` })).toEqual({ allowed: true });
    expect(await one.codes.consume({ conversationId: conv, target: "r9@example.com" })).toMatchObject({ allowed: false, limit: "sendPerConversation" });
  });

  it("the app with REDIS_URL asks a fast web chat to slow down and keeps the counts in Redis", async () => {
    const c = new WebChatClient(server.url);
    await c.start({ lang: "en" });
    await c.pick(/Book an appointment/);
    await c.pick(/Barber/);
    const refused = await c.post({ choice: c.choiceId(/Ardit/) });
    expect(refused.json.rateLimited).toBe(true);
    expect(refused.json.replies[0].text).toMatch(/very fast/);
    expect(await server.db.prisma.rateLimit.count()).toBe(0);
    const client = createClient({ url: REDIS_URL });
    await client.connect();
    try {
      const keys: string[] = [];
      for await (const batch of client.scanIterator({ MATCH: `${prefix}-app:chat:*`, COUNT: 100 })) keys.push(...batch);
      expect(keys).toHaveLength(1);
      expect(keys[0]).not.toContain(c.sessionId);
    } finally {
      await client.close();
    }
  });
});
