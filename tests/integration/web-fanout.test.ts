import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Reply } from "../../core/conversation/messages.ts";
import { createTestDatabase, type TestDatabase } from "../support/db.ts";
import { startTestServer, type TestServer } from "../support/server.ts";
import { WebChatClient } from "../support/webchat.ts";

// Two instances on one PostgreSQL: a message the bot starts on one reaches a web chat customer whose
// live connection is on the other. (The embedded database serves a single process.)
describe.runIf(!!process.env.DATABASE_URL)("web chat across two instances", () => {
  let db: TestDatabase;
  let a: TestServer;
  let b: TestServer;
  beforeAll(async () => {
    db = await createTestDatabase();
    const env = { DATABASE_URL: db.url, REMINDERS: "off" };
    a = await startTestServer({ db, env });
    b = await startTestServer({ db, env });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await db?.close();
  });

  it("delivers a staff message sent from instance B to the socket held by instance A", async () => {
    const c = new WebChatClient(a.url);
    await c.start();
    const got = new Promise<Reply[]>((resolve) => {
      const off = a.runtime.hub.subscribe(c.sessionId, (replies) => {
        off();
        resolve(replies);
      });
    });
    await b.runtime.notifier.sendToConversation(c.sessionId, [{ text: "Arben nga mbështetja: termini juaj u konfirmua." }], { purpose: "staff" });
    const replies = await Promise.race([got, new Promise<null>((r) => setTimeout(() => r(null), 5000))]);
    expect(replies?.[0].text).toMatch(/Arben nga mbështetja/);
    const history = await db.prisma.message.count({ where: { conversationId: c.sessionId, direction: "out" } });
    expect(history).toBeGreaterThanOrEqual(2);
  });
});
