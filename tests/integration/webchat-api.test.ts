import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock, startTestServer, type TestServer } from "../support/server.ts";
import { reachConfirm } from "../support/flows.ts";
import { WebChatClient } from "../support/webchat.ts";

const NOW = "2026-11-25T08:00:00Z"; // Wednesday 09:00 in Tirana

describe("web chat API", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ clock: fixedClock(NOW) });
  });
  afterAll(async () => {
    await server?.close();
  });

  const messagesOf = (id: string) => server.db.prisma.message.count({ where: { conversationId: id } });

  it("rejects a wrong token (401), an unknown session (404) and bad bodies (400), storing nothing", async () => {
    const c = new WebChatClient(server.url);
    await c.start();
    const before = await messagesOf(c.sessionId);

    const wrong = await c.post({ text: "tung" }, "not-the-token");
    expect(wrong.status).toBe(401);
    expect(wrong.json.message).toMatch(/leje/);

    const unknown = await new WebChatClient(server.url).post({ text: "tung" });
    expect(unknown.status).toBe(404);

    const malformed = await c.post("{not json");
    expect(malformed.status).toBe(400);
    expect(typeof malformed.json.message).toBe("string");

    const tooLong = await c.post({ text: "a".repeat(2001) });
    expect(tooLong.status).toBe(400);
    expect(tooLong.json.message).toMatch(/2000/);

    const neither = await c.post({ foo: 1 });
    expect(neither.status).toBe(400);

    expect(await messagesOf(c.sessionId)).toBe(before);
  });

  it("answers a retry with the same clientMessageId with the same replies and one effect", async () => {
    const c = await reachConfirm(server.url, { day: /26/, time: "11:00", phone: "069 222 3344" });
    const id = c.choiceId(/Konfirmo/);
    const [a, b] = await Promise.all([
      c.post({ choice: id, clientMessageId: "confirm-1" }),
      c.post({ choice: id, clientMessageId: "confirm-1" }),
    ]);
    const again = await c.post({ choice: id, clientMessageId: "confirm-1" });
    expect(a.status).toBe(200);
    expect(a.json.replies).toEqual(b.json.replies);
    expect(again.json.replies).toEqual(a.json.replies);
    const customer = await server.db.prisma.customer.findFirstOrThrow({ where: { phone: "+355692223344" } });
    expect(await server.db.prisma.booking.count({ where: { customerId: customer.id } })).toBe(1);
  });

  it("treats the confirm button of a finished booking as stale and never books twice", async () => {
    const c = await reachConfirm(server.url, { day: /26/, time: "12:00", phone: "069 333 4455" });
    const confirmId = c.choiceId(/Konfirmo/);
    await c.pick(/Konfirmo/);
    expect(c.text()).toMatch(/Rezervimi u konfirmua/);
    const late = await c.post({ choice: confirmId });
    expect(late.status).toBe(200);
    expect(late.json.replies[0].text).toMatch(/mesazh i mëparshëm/);
    const customer = await server.db.prisma.customer.findFirstOrThrow({ where: { phone: "+355693334455" } });
    expect(await server.db.prisma.booking.count({ where: { customerId: customer.id } })).toBe(1);
  });

  it("re-asks politely for a bad name, email and phone and keeps the step", async () => {
    const c = new WebChatClient(server.url);
    await c.start();
    await c.pick("Rezervo një termin");
    await c.pick("Berber");
    await c.pick(/Ardit/);
    await c.pick(/^Prerje flokësh ·/);
    await c.pick(/27/);
    await c.pick("10:00");
    await c.say("A1");
    expect(c.text()).toMatch(/1 deri në 4 fjalë, pa shifra/);
    await c.say("Besnik Çela");
    await c.say("besnik@");
    expect(c.text()).toMatch(/email-i e vlefshme/);
    await c.say("besnik@example.al");
    await c.say("12345");
    expect(c.text()).toMatch(/nuk është i vlefshëm/);
    await c.say("+355 68 765 4321");
    expect(c.text()).toMatch(/• Telefoni: \+355 68 765 4321/);
    expect(c.text()).toMatch(/Besnik Çela/);
  });

  it("goes back a step, switches language and restarts", async () => {
    const c = new WebChatClient(server.url);
    await c.start();
    await c.pick("Rezervo një termin");
    await c.pick("Berber");
    expect(c.text()).toMatch(/Zgjidhni biznesin/);
    await c.say("mbrapa");
    expect(c.text()).toMatch(/kategorinë/);
    await c.say("gjuha");
    expect(c.text()).toMatch(/Choose a category/);
    expect(c.last.flatMap((r) => r.choices ?? []).map((x) => x.label)).toContain("Barber");
    await c.say("restart");
    expect(c.text()).toMatch(/start over/);
    expect(c.last.flatMap((r) => r.choices ?? []).map((x) => x.label)).toContain("Book an appointment");
  });

  it("opens a business directly and offers only days with free slots", async () => {
    const c = new WebChatClient(server.url);
    const first = await c.start({ business: "berberi-ardit" });
    expect(c.text(first)).toMatch(/Berberi Ardit/);
    await c.pick(/^Prerje flokësh ·/);
    const days = c.last.flatMap((r) => r.choices ?? []).filter((x) => /\d/.test(x.label));
    expect(days.length).toBeGreaterThan(0);
    // Sundays are closed at this barber: no Sunday among the offered days.
    expect(days.some((d) => /^(die|Sun)/i.test(d.label))).toBe(false);
  });

  it("keeps the history for a reload, in order", async () => {
    const c = new WebChatClient(server.url);
    await c.start();
    await c.pick("Rezervo një termin");
    const res = await fetch(`${server.url}/api/chat/sessions/${c.sessionId}/messages`, { headers: { authorization: `Bearer ${c.token}` } });
    const { messages } = (await res.json()) as { messages: { direction: string; text: string }[] };
    expect(messages[0].direction).toBe("out");
    expect(messages[1]).toMatchObject({ direction: "in", text: "Rezervo një termin" });
    expect(messages.at(-1)?.text).toMatch(/kategorinë/);
  });
});
