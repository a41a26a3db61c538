// The authorization matrix: for every way in, the owner of a booking (or ticket, or session) succeeds
// and a stranger is refused politely, with nothing changed. Access needs proof: contact details typed
// into a booking are data of that booking, never proof of who is typing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LinkSigner } from "../../core/bookings/ics.ts";
import type { ManagePort } from "../../core/bookings/port.ts";
import type { TicketsPort } from "../../core/tickets/port.ts";
import { ReminderDispatcher } from "../../core/reminders/dispatch.ts";
import { createLogger } from "../../core/log.ts";
import { eventually, FakeSlack, SlackSigner } from "../fakes/slack.ts";
import { fakeSmsSender, startFakeSmsProvider, type FakeSmsProvider } from "../fakes/reminders-sms.ts";
import { FakeTelegram, TelegramChat } from "../fakes/telegram.ts";
import { createTestDatabase, type TestDatabase } from "../support/db.ts";
import { bookHaircut } from "../support/flows.ts";
import { startTestServer, type TestServer } from "../support/server.ts";
import { WebChatClient } from "../support/webchat.ts";

// Wednesday 25 November 2026, 09:00 in Tirana; the clock can move.
let now = Date.parse("2026-11-25T08:00:00Z");
const clock = () => new Date(now);
const LINK_SECRET = "matrix-link-secret-0123456789abcdef";
const SLACK_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
const SUPPORT = "C0SUPPORT";
const OWNER = { name: "Arta Hoxha", email: "arta@example.com", phone: "069 123 4567" };
const OWNER_E164 = "+355691234567";

describe("authorization matrix: the owner succeeds, a stranger is refused and nothing changes", () => {
  let db: TestDatabase;
  let server: TestServer;
  let telegram: FakeTelegram;
  let slack: FakeSlack;
  let sms: FakeSmsProvider;
  let owner: WebChatClient;
  let ownerRef = "";
  let ownerBookingId = "";
  const manage = () => server.runtime.services.manage as ManagePort;
  const tickets = () => server.runtime.services.tickets as TicketsPort;
  const booking = (id: string) => db.prisma.booking.findUniqueOrThrow({ where: { id } });
  const convOf = async (c: WebChatClient) => c.sessionId;

  beforeAll(async () => {
    telegram = await new FakeTelegram().start();
    slack = await new FakeSlack().start();
    slack.users.set("UARBEN", { real_name: "Arben Krasniqi", first_name: "Arben" });
    sms = await startFakeSmsProvider();
    db = await createTestDatabase();
    server = await startTestServer({
      db, clock,
      env: {
        DATABASE_URL: db.url, RATE_LIMIT_PER_MIN: "1000", LINK_SECRET,
        TELEGRAM_BOT_TOKEN: "123456:TEST-matrix-token", TELEGRAM_API_ROOT: telegram.url,
        SLACK_BOT_TOKEN: "xoxb-test-token", SLACK_SIGNING_SECRET: SLACK_SECRET, SLACK_SUPPORT_CHANNEL: SUPPORT, SLACK_API_URL: slack.apiUrl,
      },
    });
    if (!server.runtime.notifier.has("sms")) server.runtime.notifier.register(fakeSmsSender(sms.url));
    ({ client: owner, ref: ownerRef } = await bookHaircut(server.url, { day: /26/, time: "10:00", ...OWNER }));
    ownerBookingId = (await db.prisma.booking.findUniqueOrThrow({ where: { ref: ownerRef } })).id;
  });
  afterAll(async () => {
    await server?.close();
    await db?.close();
    await telegram?.close();
    await slack?.close();
    await sms?.close();
  });

  it("web chat: typing the owner's phone into a booking shows the stranger only their own booking and changes nothing of the owner's", async () => {
    const { client: stranger } = await bookHaircut(server.url, { day: /26/, time: "11:00", name: "Mal Berisha", email: "mal@example.com", phone: OWNER.phone });
    await stranger.pick("Rezervimet e mia");
    expect(stranger.text()).toMatch(/Keni 1 rezervim të ardhshëm/);
    const labels = stranger.last.flatMap((r) => r.choices ?? []).map((c) => c.label).join("\n");
    expect(labels).toMatch(/11:00/);
    expect(labels).not.toMatch(/10:00/);

    // The owner's booking and its details are untouched; their chat offers their own details again.
    const mine = await db.prisma.booking.findUniqueOrThrow({ where: { ref: ownerRef }, include: { customer: true } });
    expect(mine).toMatchObject({ contactName: OWNER.name, contactEmail: OWNER.email, contactPhone: OWNER_E164 });
    expect(mine.customer).toMatchObject({ name: OWNER.name, email: OWNER.email });
    expect(await server.runtime.services.bookings.lastContact(await convOf(owner))).toEqual({ name: OWNER.name, email: OWNER.email, phone: OWNER_E164 });

    // The owner still sees exactly their booking.
    await owner.pick("Rezervimet e mia");
    const ownerLabels = owner.last.flatMap((r) => r.choices ?? []).map((c) => c.label).join("\n");
    expect(ownerLabels).toMatch(/10:00/);
    expect(ownerLabels).not.toMatch(/11:00/);
  });

  it("web chat: open, move, cancel and running late of the owner's booking are refused for a stranger", async () => {
    const stranger = new WebChatClient(server.url);
    await stranger.start({ lang: "sq" });
    await stranger.pick("Rezervimet e mia");
    // A forged button for the owner's booking, numbered like the stranger's current prompt.
    const prompt = stranger.choiceId(/telefon\/email tjetër/).split(".")[0];
    const forged = await stranger.post({ choice: `${prompt}.b:${ownerBookingId}` });
    expect(forged.status).toBe(200);
    expect(forged.json.replies.map((r: { text: string }) => r.text).join("\n")).toMatch(/nuk e gjej më|nuk u gjet|Nuk e gjeta|nuk e kuptova/i);
    expect(JSON.stringify(forged.json)).not.toMatch(new RegExp(ownerRef));

    const conv = stranger.sessionId;
    const m = manage();
    expect(await m.get(conv, ownerBookingId, clock())).toBeNull();
    expect(await m.reschedule(conv, ownerBookingId, new Date("2026-11-27T09:00:00Z"), clock())).toEqual({ ok: false, reason: "not_found" });
    expect(await m.cancel(conv, ownerBookingId, clock(), { acceptFee: true })).toEqual({ ok: false, reason: "not_found" });
    expect(await m.runningLate(conv, ownerBookingId, 10, clock())).toEqual({ ok: false, reason: "not_found" });
    const after = await booking(ownerBookingId);
    expect(after).toMatchObject({ status: "confirmed", lateMinutes: null, start: new Date("2026-11-26T09:00:00Z") });

    // The owner can.
    expect((await m.get(owner.sessionId, ownerBookingId, clock()))?.ref).toBe(ownerRef);
    expect(await m.runningLate(owner.sessionId, ownerBookingId, 5, clock())).toMatchObject({ ok: true });
    expect((await booking(ownerBookingId)).lateMinutes).toBe(5);
  });

  it("one-time codes: sent to the phone, the reply never says whether it has bookings, five wrong tries lock it, and one number cannot be sprayed", async () => {
    const stranger = new WebChatClient(server.url);
    await stranger.start({ lang: "sq" });
    await stranger.pick("Rezervimet e mia");
    await stranger.pick(/telefon\/email tjetër/);
    const unknownNumber = new WebChatClient(server.url);
    await unknownNumber.start({ lang: "sq" });
    await unknownNumber.pick("Rezervimet e mia");
    await unknownNumber.pick(/telefon\/email tjetër/);
    const before = sms.messages.length;
    await stranger.say(OWNER.phone);
    await unknownNumber.say("068 000 1122");
    // Same words whether the number has bookings or not.
    expect(stranger.text()).toBe(unknownNumber.text());
    await sms.waitFor((all) => all.length >= before + 2);
    const code = sms.messages.filter((x) => x.to === OWNER_E164).at(-1)!.body.match(/\d{6}/)![0];
    const wrong = code === "000000" ? "111111" : "000000";
    for (let i = 0; i < 5; i++) await stranger.say(wrong);
    expect(stranger.text()).toMatch(/provat|tentativ|shumë/i);
    // Even the right code no longer works once locked.
    await stranger.say(code);
    expect(await manage().get(stranger.sessionId, ownerBookingId, clock())).toBeNull();

    // Per target across conversations: a few codes to one number, then no more from anyone.
    const sent: string[] = [];
    for (let i = 0; i < 4; i++) {
      const c = new WebChatClient(server.url);
      await c.start({ lang: "sq" });
      await c.pick("Rezervimet e mia");
      await c.pick(/telefon\/email tjetër/);
      await c.say(OWNER.phone);
      sent.push(c.text());
    }
    expect(sent.at(-1)).toMatch(/shumë kode|më vonë/i);
    expect(sms.messages.filter((x) => x.to === OWNER_E164).length).toBeLessThanOrEqual(3);
  });

  it("one-time codes: the right code proves the phone, and then its bookings can be managed", async () => {
    now += 24 * 3600_000; // a day later: yesterday's throttles and codes are gone
    const phone = "067 555 0101";
    const { client: first } = await bookHaircut(server.url, { day: /27/, time: "10:00", name: "Dea Leka", email: "dea@example.com", phone });
    const bookingRef = first.text().match(/RZ-[A-Z0-9]{6}/)![0];
    const second = new WebChatClient(server.url);
    await second.start({ lang: "sq" });
    await second.pick("Rezervimet e mia");
    await second.pick(/telefon\/email tjetër/);
    const before = sms.messages.length;
    await second.say(phone);
    await sms.waitFor((all) => all.length > before);
    const code = sms.messages.at(-1)!.body.match(/\d{6}/)![0];
    await second.say(code);
    const labels = second.last.flatMap((r) => r.choices ?? []).map((c) => c.label).join("\n");
    expect(labels).toMatch(/27 nëntor në 10:00/);
    const id = (await db.prisma.booking.findUniqueOrThrow({ where: { ref: bookingRef } })).id;
    expect((await manage().get(second.sessionId, id, clock()))?.ref).toBe(bookingRef);
    // Typed straight under "no bookings here" (no button pressed), the phone gets its code just the same.
    const third = new WebChatClient(server.url);
    await third.start({ lang: "sq" });
    await third.say("rezervimet e mia");
    expect(third.text()).toMatch(/Nuk gjeta rezervime/);
    const sent = sms.messages.length;
    // «telefoni: …» is the number, not the button "another phone/email" its word would match.
    await third.say(`telefoni: ${phone}`);
    expect(third.text()).toMatch(/Ju dërguam një kod me SMS/);
    await sms.waitFor((all) => all.length > sent);
    await third.say(sms.messages.at(-1)!.body.match(/\d{6}/)![0]);
    expect(third.last.flatMap((r) => r.choices ?? []).map((c) => c.label).join("\n")).toMatch(/27 nëntor në 10:00/);
    now -= 24 * 3600_000;
  });

  it("one-time codes typed in words: the phone in a sentence, \"I didn't get it\" sends a new one (the old one no longer works), the code in a sentence", async () => {
    now += 2 * 24 * 3600_000; // two days later: earlier throttles and codes are gone
    const phone = "067 555 0202";
    const { client: first } = await bookHaircut(server.url, { day: /30/, time: "11:00", name: "Ilir Meta", email: "ilir@example.com", phone });
    const ref = first.text().match(/RZ-[A-Z0-9]{6}/)![0];
    const chat = new WebChatClient(server.url);
    await chat.start({ lang: "sq" });
    await chat.say("rezervimet e mia");
    const sent = sms.messages.length;
    await chat.say("e kam rezervuar me numrin 067 555 0202");
    expect(chat.text()).toMatch(/Ju dërguam një kod me SMS/);
    await sms.waitFor((all) => all.length > sent);
    const firstCode = sms.messages.at(-1)!.body.match(/\d{6}/)![0];
    await chat.say("s'më ka ardhur kodi");
    expect(chat.text()).toMatch(/Ju dërguam një kod të ri me SMS/);
    await sms.waitFor((all) => all.length > sent + 1);
    const secondCode = sms.messages.at(-1)!.body.match(/\d{6}/)![0];
    if (firstCode !== secondCode) {
      await chat.say(firstCode);
      expect(chat.text()).toMatch(/Kodi nuk është i saktë/);
    }
    await chat.say(`kodi është ${secondCode}`);
    expect(chat.text()).toMatch(/u verifikua/);
    expect(chat.last.flatMap((r) => r.choices ?? []).map((c) => c.label).join("\n")).toMatch(/30 nëntor në 11:00/);
    const id = (await db.prisma.booking.findUniqueOrThrow({ where: { ref } })).id;
    expect((await manage().get(chat.sessionId, id, clock()))?.ref).toBe(ref);
    now -= 2 * 24 * 3600_000;
  });

  it("Telegram: a typed phone or someone else's contact proves nothing; the sender's own contact does", async () => {
    const stranger = new TelegramChat(telegram, 7201, undefined, { id: 7201, first_name: "Mal" });
    await stranger.say("/start");
    await stranger.press("Rezervimet e mia");
    expect(stranger.text()).toMatch(/Nuk gjeta rezervime/);
    // Someone else's contact card (another user_id): not proof.
    await stranger.send(stranger.updates.raw({ contact: { phone_number: "355691234567", first_name: "Arta", user_id: 9999 } }));
    await stranger.press("Rezervimet e mia").catch(() => stranger.say("rezervimet e mia"));
    expect(stranger.text()).not.toMatch(/26 nëntor në 10:00/);
    expect(await manage().get((await db.prisma.conversation.findFirstOrThrow({ where: { channel: "telegram", externalId: "7201" } })).id, ownerBookingId, clock())).toBeNull();

    // The owner shares their own contact (user_id is the sender): the phone is proven.
    const ownerTg = new TelegramChat(telegram, 7202, undefined, { id: 7202, first_name: "Arta" });
    await ownerTg.say("/start");
    await ownerTg.send(ownerTg.updates.contact("355691234567"));
    await ownerTg.say("rezervimet e mia");
    expect(ownerTg.text()).toMatch(/rezervim/);
    const tgConv = (await db.prisma.conversation.findFirstOrThrow({ where: { channel: "telegram", externalId: "7202" } })).id;
    expect((await manage().get(tgConv, ownerBookingId, clock()))?.ref).toBe(ownerRef);
  });

  it("SMS replies: PO and JO act only on the bookings of the sender's own number", async () => {
    const due = ReminderDispatcher.dueAt(new Date("2026-11-26T09:00:00Z"), "24h");
    const d = new ReminderDispatcher({ prisma: db.prisma, notifier: server.runtime.notifier, log: createLogger("silent"), clock: () => due, maxAttempts: 1 });
    await d.run(ownerBookingId, "24h");
    const from = (phone: string, text: string, n: string) =>
      server.runtime.conversations.handle({ address: { channel: "sms", externalId: phone }, messageId: `SM-matrix-${n}`, content: { kind: "text", text } });
    await from("+355682223344", "JO", "1");
    expect((await booking(ownerBookingId)).status).toBe("confirmed");
    const yes = await from(OWNER_E164, "PO", "2");
    expect(yes.replies[0].text).toMatch(/E konfirmuat/);
    expect((await booking(ownerBookingId)).customerConfirmedAt).not.toBeNull();
  });

  it("calendar links: the signed link works; another booking's id or an expired signature gives 404", async () => {
    const link = manage().icsLink({ id: ownerBookingId, ref: ownerRef, start: new Date("2026-11-26T09:00:00Z") });
    expect((await fetch(`${server.url}${link}`)).status).toBe(200);
    const token = new URL(link, server.url).searchParams.get("token")!;
    const other = await db.prisma.booking.findFirstOrThrow({ where: { id: { not: ownerBookingId } } });
    expect((await fetch(`${server.url}/api/bookings/${other.ref}/ics?token=${token}`)).status).toBe(404);
    const expired = new LinkSigner(LINK_SECRET).sign(ownerBookingId, new Date(now - 1000));
    expect((await fetch(`${server.url}/api/bookings/${ownerRef}/ics?token=${expired}`)).status).toBe(404);
    const tampered = token.replace(/^[0-9a-z]+/, (exp) => (parseInt(exp, 36) + 86_400).toString(36));
    expect((await fetch(`${server.url}/api/bookings/${ownerRef}/ics?token=${tampered}`)).status).toBe(404);
  });

  it("tickets: a conversation sees and closes only its own; Slack actions count only from the support channel", async () => {
    const ticket = await tickets().open({ conversationId: owner.sessionId, kind: "technical", description: "Nuk më vjen SMS-ja", now: clock() });
    const stranger = new WebChatClient(server.url);
    await stranger.start({ lang: "sq" });
    expect(await tickets().listRecent(stranger.sessionId, clock())).toEqual([]);
    expect(await tickets().get(stranger.sessionId, ticket.id)).toBeNull();
    expect(await tickets().close(stranger.sessionId, ticket.id, clock())).toBeNull();
    expect(await tickets().reopen(stranger.sessionId, ticket.id, "hello", clock())).toBeNull();
    expect((await db.prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).status).toBe("open");
    expect((await tickets().get(owner.sessionId, ticket.id))?.label).toBe(ticket.label);

    const posted = await eventually(() => db.prisma.ticket.findFirst({ where: { id: ticket.id, slackTs: { not: null } } }), "ticket posted to Slack");
    const signer = new SlackSigner(`${server.url}/webhooks/slack/events`, SLACK_SECRET);
    const outside = await signer.action({ channel: "C0RANDOM", user: "UARBEN", messageTs: posted.slackTs!, actionId: "ticket_take", value: ticket.id });
    expect(outside.status).toBe(200);
    expect((await db.prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).status).toBe("open");
    const inside = await signer.action({ channel: SUPPORT, user: "UARBEN", messageTs: posted.slackTs!, actionId: "ticket_take", value: ticket.id });
    expect(inside.status).toBe(200);
    await eventually(async () => (await db.prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).status === "taken" || null, "ticket taken");
  });

  it("Stripe webhooks: a missing or forged signature is refused and changes nothing", async () => {
    const payload = JSON.stringify({ id: "evt_forged", type: "checkout.session.completed", data: { object: { id: "cs_forged", metadata: { bookingId: ownerBookingId } } } });
    for (const sig of [undefined, "t=1,v1=deadbeef"]) {
      const res = await fetch(`${server.url}/webhooks/stripe`, { method: "POST", headers: { "content-type": "application/json", ...(sig ? { "stripe-signature": sig } : {}) }, body: payload });
      expect([400, 401, 404]).toContain(res.status);
    }
    expect((await booking(ownerBookingId)).paymentStatus).toBe("on_site");
  });

  it("web chat sessions: session A's token can neither read nor write session B", async () => {
    const a = new WebChatClient(server.url);
    await a.start({ lang: "sq" });
    const read = await fetch(`${server.url}/api/chat/sessions/${owner.sessionId}/messages`, { headers: { authorization: `Bearer ${a.token}` } });
    expect([401, 403, 404]).toContain(read.status);
    const versionBefore = (await db.prisma.conversation.findUniqueOrThrow({ where: { id: owner.sessionId } })).version;
    const write = await fetch(`${server.url}/api/chat/sessions/${owner.sessionId}/messages`, {
      method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${a.token}` }, body: JSON.stringify({ text: "anulo" }),
    });
    expect([401, 403, 404]).toContain(write.status);
    expect((await db.prisma.conversation.findUniqueOrThrow({ where: { id: owner.sessionId } })).version).toBe(versionBefore);
  });
});

describe("authorization matrix: Teams with an app id", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ clock, env: { MICROSOFT_APP_ID: "00000000-0000-0000-0000-00000000abcd", MICROSOFT_APP_PASSWORD: "not-a-real-secret" } });
  });
  afterAll(async () => {
    await server?.close();
  });

  it("refuses an activity without a valid token and stores nothing", async () => {
    const activity = {
      type: "message", id: "m1", text: "rezervimet e mia", channelId: "msteams", serviceUrl: "http://127.0.0.1:9/",
      from: { id: "29:someone", aadObjectId: "11111111-2222-3333-4444-555555555555" }, recipient: { id: "28:bot" },
      conversation: { id: "a:teams-matrix" },
    };
    const res = await fetch(`${server.url}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(activity) });
    expect(res.status).toBe(401);
    expect(await server.db.prisma.conversation.count({ where: { channel: "teams" } })).toBe(0);
    expect(await server.db.prisma.proof.count({ where: { kind: "aad" } })).toBe(0);
  });
});
