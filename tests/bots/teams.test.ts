import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../fakes/slack.ts";
import { FakeConnector, TeamsUser } from "../fakes/teams.ts";
import { fixedClock, startTestServer, type TestServer } from "../support/server.ts";

const NOW = "2026-11-25T08:00:00Z";

async function post(server: TestServer, activity: Record<string, unknown>, headers: Record<string, string> = {}) {
  const res = await fetch(`${server.url}/api/messages`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(activity) });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
}

function buttons(activity: any): { title: string; type: string; value: any }[] {
  return (activity.attachments ?? []).flatMap((a: any) => a.content?.buttons ?? []);
}

describe("Microsoft Teams / Bot Framework channel (Agents SDK, no app id: anonymous)", () => {
  let server: TestServer;
  let connector: FakeConnector;
  beforeAll(async () => {
    connector = await new FakeConnector().start();
    server = await startTestServer({ clock: fixedClock(NOW) });
  });
  afterAll(async () => {
    await server?.close();
    await connector?.close();
  });

  it("answers an expectReplies activity with the menu as hero-card buttons, and a pressed button moves on", async () => {
    const user = new TeamsUser(connector.url, "a:teams-conv-1");
    const first = await post(server, user.activity({ text: "Përshëndetje", deliveryMode: "expectReplies" }));
    expect(first.status).toBe(200);
    const replies = first.json.activities as any[];
    expect(replies.map((a) => a.text).join("\n")).toMatch(/Përshëndetje! Jam Rezervo/);
    const menu = buttons(replies.at(-1));
    expect(menu.map((b) => b.title)).toContain("Rezervo një termin");
    const book = menu.find((b) => b.title === "Rezervo një termin")!;
    expect(book.type).toBe("messageBack");

    const next = await post(server, user.activity({ text: book.title, value: book.value, deliveryMode: "expectReplies" }));
    expect(next.json.activities.map((a: any) => a.text).join("\n")).toMatch(/kategorinë/);
    expect(buttons(next.json.activities.at(-1)).map((b) => b.title)).toContain("Berber");

    // Nothing went to the connector: expectReplies returns everything in the response.
    expect(connector.posts).toHaveLength(0);
  });

  it("replies through the connector at serviceUrl, and staff replies reach the Teams user later", async () => {
    const user = new TeamsUser(connector.url, "a:teams-conv-2");
    const res = await post(server, user.activity({ text: "<at>Rezervo</at> menu" }));
    expect(res.status).toBe(200);
    await eventually(() => connector.posts.some((p) => p.conversationId === "a:teams-conv-2" && /Përshëndetje! Jam Rezervo/.test(p.activity.text)), "menu via connector");

    const conv = await server.db.prisma.conversation.findUniqueOrThrow({ where: { channel_externalId: { channel: "teams", externalId: "a:teams-conv-2" } } });
    const before = connector.posts.length;
    await server.runtime.notifier.sendToConversation(conv.id, [{ text: "Arben nga mbështetja (T-1001): Ju kemi rregulluar llogarinë." }], { purpose: "ticket-reply" });
    const sent = connector.posts.slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0].conversationId).toBe("a:teams-conv-2");
    expect(sent[0].activity.text).toBe("Arben nga mbështetja (T-1001): Ju kemi rregulluar llogarinë.");
  });
});

describe("Teams channel with an app id: tokens are required", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ clock: fixedClock(NOW), env: { MICROSOFT_APP_ID: "00000000-0000-0000-0000-00000000abcd", MICROSOFT_APP_PASSWORD: "not-a-real-secret" } });
  });
  afterAll(async () => {
    await server?.close();
  });

  it("refuses activities without a token or with a forged one", async () => {
    const user = new TeamsUser("http://127.0.0.1:9/", "a:teams-conv-3");
    const none = await post(server, user.activity({ text: "menu", deliveryMode: "expectReplies" }));
    expect(none.status).toBe(401);
    const forged = await post(server, user.activity({ text: "menu", deliveryMode: "expectReplies" }), { authorization: "Bearer eyJhbGciOiJub25lIn0.eyJhdWQiOiIwMDAwIn0." });
    expect(forged.status).toBe(401);
    expect(await server.db.prisma.conversation.count({ where: { channel: "teams" } })).toBe(0);
  });
});
