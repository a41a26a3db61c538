import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually, FakeSlack, SlackSigner } from "../fakes/slack.ts";
import { FakeTelegram, TelegramChat } from "../fakes/telegram.ts";
import { FakeTwilio, TwilioWebhooks } from "../fakes/twilio.ts";
import { startTestServer, type TestServer } from "../support/server.ts";

const SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
const CHANNEL = "C0SUPPORT";
const TG_TOKEN = "123456:TEST-slack-desk-token";
const TWILIO_SID = `AC${"2b".repeat(16)}`;
const TWILIO_TOKEN = "twilio-slack-desk-token";
const PUBLIC_URL = "https://rezervo.example.test";
const DAY = 24 * 60 * 60 * 1000;

// The server's clock is mutable so the 30-minute re-announce can be reached without waiting.
let now = new Date("2026-11-25T08:00:00Z");
const clock = () => new Date(now);

/** The Slack message of a ticket, by number, once it is posted. */
async function ticketTs(server: TestServer, n: number): Promise<{ id: string; ts: string }> {
  const t = await eventually(() => server.db.prisma.ticket.findFirst({ where: { number: n, slackTs: { not: null } } }), `ticket ${n} posted`);
  return { id: t.id, ts: t.slackTs! };
}

describe("Slack staff desk (Bolt, real signature checks, fake Web API) with a Telegram customer", () => {
  let slack: FakeSlack;
  let telegram: FakeTelegram;
  let server: TestServer;
  let signer: SlackSigner;
  beforeAll(async () => {
    slack = await new FakeSlack().start();
    slack.users.set("UARBEN", { real_name: "Arben Krasniqi", first_name: "Arben" });
    slack.users.set("UELIRA", { real_name: "Elira Doko", first_name: "Elira" });
    telegram = await new FakeTelegram().start();
    server = await startTestServer({
      clock,
      env: {
        SLACK_BOT_TOKEN: "xoxb-test-token",
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_SUPPORT_CHANNEL: CHANNEL,
        SLACK_API_URL: slack.apiUrl,
        TELEGRAM_BOT_TOKEN: TG_TOKEN,
        TELEGRAM_API_ROOT: telegram.url,
      },
    });
    signer = new SlackSigner(`${server.url}/webhooks/slack/events`, SECRET);
  });
  afterAll(async () => {
    await server?.close();
    await telegram?.close();
    await slack?.close();
  });


  it("refuses forged and stale signatures, answers URL verification", async () => {
    const forged = await signer.postJson({ type: "url_verification", challenge: "abc" }, { secret: "not-the-secret-at-all" });
    expect(forged.status).toBe(401);
    const stale = await signer.postJson({ type: "url_verification", challenge: "abc" }, { timestamp: Math.floor(Date.now() / 1000) - 3600 });
    expect(stale.status).toBe(401);
    const ok = await signer.postJson({ type: "url_verification", challenge: "abc" });
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.text)).toEqual({ challenge: "abc" });
  });

  it("a whole escalation: Telegram customer -> Slack thread -> staff reply on Telegram -> Take and Close", async () => {
    const chat = new TelegramChat(telegram, 8101);
    await chat.say("/start");
    await chat.press("Mbështetja");
    expect(chat.text()).toMatch(/mbështetjes/);
    await chat.press("Problem teknik");
    await chat.say("Nuk më vjen SMS-i me kodin kur hyj në llogari <!channel>");
    expect(chat.text()).toMatch(/T-1001/);
    expect(chat.text()).toMatch(/shkruani «menu»/);

    // The ticket is in the support channel with the customer's first name, channel, kind and transcript.
    const post = await eventually(() => slack.sent("chat.postMessage").find((c) => c.payload.channel === CHANNEL && !c.payload.thread_ts), "ticket post");
    const blocksText = JSON.stringify(post.payload.blocks);
    expect(post.token).toBe("xoxb-test-token");
    expect(blocksText).toContain("Kërkesë e re T-1001");
    expect(blocksText).toContain("Arta");
    expect(blocksText).not.toContain("Hoxha");
    expect(blocksText).toContain("telegram");
    expect(blocksText).toContain("Problem teknik");
    expect(blocksText).toContain("&lt;!channel&gt;"); // customer text cannot ping the channel
    expect(blocksText).toContain("Biseda e fundit");
    const buttons = post.payload.blocks.find((b: any) => b.type === "actions").elements.map((e: any) => e.text.text);
    expect(buttons).toEqual(["Merre", "Mbyll"]);
    const ticket = await server.db.prisma.ticket.findFirstOrThrow({ where: { number: 1001 } });
    expect(ticket.slackTs).toBeTruthy();
    const ts = ticket.slackTs!;

    // A button pressed on a message outside the support channel is refused.
    const outside = await signer.action({ channel: "C0RANDOM", user: "UELIRA", messageTs: ts, actionId: "ticket_take", value: ticket.id });
    expect(outside.status).toBe(200);
    await eventually(() => slack.sent("chat.postEphemeral").length > 0, "refusal");
    expect((await server.db.prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).status).toBe("open");

    // Take: the Slack message is updated and the customer is told who is on it.
    const take = await signer.action({ channel: CHANNEL, user: "UARBEN", messageTs: ts, actionId: "ticket_take", value: ticket.id });
    expect(take.status).toBe(200);
    const update = await eventually(() => slack.sent("chat.update").find((c) => JSON.stringify(c.payload.blocks).includes("Në trajtim nga Arben")), "update after take");
    expect(update.payload.ts).toBe(ts);
    await eventually(() => telegram.sent("sendMessage", 8101).some((m) => m.payload.text.includes("Arben nga mbështetja po merret me kërkesën tuaj (T-1001)")), "taken notice");

    // A staff reply in the thread reaches the customer on Telegram, once even when Slack retries the event.
    const reply = { type: "message", channel: CHANNEL, user: "UARBEN", text: "Përshëndetje! A e keni numrin e saktë &amp; të verifikuar?", ts: "1764100100.000001", thread_ts: ts };
    const first = await signer.event(reply);
    expect(first.status).toBe(200);
    await eventually(() => telegram.sent("sendMessage", 8101).some((m) => m.payload.text.includes("Arben nga mbështetja (T-1001): Përshëndetje! A e keni numrin e saktë & të verifikuar?")), "relayed reply");
    await signer.event(reply, { eventId: first.eventId, retry: 1 });
    await eventually(async () => (await server.db.prisma.ticketMessage.count({ where: { ticketId: ticket.id, author: "staff" } })) === 1, "one staff message");
    // Messages by the bot itself and top-level channel messages are not relayed.
    await signer.event({ type: "message", channel: CHANNEL, bot_id: "BBOT", text: "echo", ts: "1764100100.000002", thread_ts: ts });
    await signer.event({ type: "message", channel: CHANNEL, user: "UARBEN", text: "jo në fill", ts: "1764100100.000003" });

    // The customer's answer appears in the thread.
    const answered = await chat.say("Po, numri është i saktë.");
    expect(answered).toHaveLength(0);
    const inThread = await eventually(() => slack.sent("chat.postMessage").find((c) => c.payload.thread_ts === ts && String(c.payload.text).includes("Po, numri është i saktë.")), "customer message in thread");
    expect(inThread.payload.text).toMatch(/^Klienti:/);
    const relayed = telegram.sent("sendMessage", 8101).filter((m) => /jo në fill|echo/.test(m.payload.text));
    expect(relayed).toHaveLength(0);

    // Close: the Slack message shows who closed it, the customer learns how to reopen.
    await signer.action({ channel: CHANNEL, user: "UARBEN", messageTs: ts, actionId: "ticket_close", value: ticket.id });
    await eventually(() => slack.sent("chat.update").some((c) => JSON.stringify(c.payload.blocks).includes("Mbyllur nga Arben")), "update after close");
    const closedUpdate = slack.sent("chat.update").find((c) => JSON.stringify(c.payload.blocks).includes("Mbyllur nga Arben"))!;
    expect(closedUpdate.payload.blocks.some((b: any) => b.type === "actions")).toBe(false);
    await eventually(() => telegram.sent("sendMessage", 8101).some((m) => /e mbylli kërkesën T-1001.*7 ditëve/s.test(m.payload.text)), "closed notice");
    expect((await server.db.prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).status).toBe("closed");

    // A reply within 7 days reopens it and shows up in the thread.
    now = new Date("2026-11-28T08:00:00Z");
    await chat.say("Prapë nuk më vjen kodi.");
    expect(chat.text()).toMatch(/T-1001 u rihap/);
    expect((await server.db.prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).status).toBe("open");
    await eventually(() => slack.sent("chat.postMessage").some((c) => c.payload.thread_ts === ts && String(c.payload.text).includes("Prapë nuk më vjen kodi.")), "reopen in thread");

    // Still untaken 30 minutes later: announced again in the channel, once.
    now = new Date("2026-11-28T08:31:00Z");
    expect(await server.runtime.tickets.reannounceDue(clock())).toBe(1);
    expect(await server.runtime.tickets.reannounceDue(clock())).toBe(0);
    const again = slack.sent("chat.postMessage").filter((c) => c.payload.thread_ts === ts && String(c.payload.text).includes("30 minutash"));
    expect(again).toHaveLength(1);
    expect(String(again[0].payload.reply_broadcast)).toBe("true");

    // Closed again by staff; a reply more than 7 days later gets a polite no with a new request offered, and
    // nothing reaches the thread.
    await signer.action({ channel: CHANNEL, user: "UARBEN", messageTs: ts, actionId: "ticket_close", value: ticket.id });
    const closed = await eventually(async () => {
      const row = await server.db.prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } });
      return row.status === "closed" ? row : null;
    }, "closed again");
    now = new Date(closed.closedAt!.getTime() + 8 * DAY);
    const posts = slack.sent("chat.postMessage").length;
    await chat.say("Përshëndetje, a ka ndonjë lajm?");
    expect(chat.text()).toMatch(/Kërkesa T-1001 është mbyllur prej më shumë se 7 ditësh/);
    expect(chat.button("Hap një kërkesë të re").data).toBe("g.support");
    expect((await server.db.prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).status).toBe("closed");
    expect(await server.db.prisma.ticketMessage.count({ where: { ticketId: ticket.id, text: "Përshëndetje, a ka ndonjë lajm?" } })).toBe(0);
    expect(slack.sent("chat.postMessage")).toHaveLength(posts);
  });

  it("a staff reply in the thread of a closed ticket reaches the customer and reopens it, taken by that staff member", async () => {
    now = new Date("2026-12-10T08:00:00Z");
    const chat = new TelegramChat(telegram, 8102);
    await chat.say("/start");
    await chat.press("Mbështetja");
    await chat.press("Ndihmë e specializuar");
    await chat.say("Dua të di nëse sallonet pranojnë kartë dhuratë.");
    const n = Number(chat.text().match(/T-(\d+)/)![1]);
    const { id, ts } = await ticketTs(server, n);
    await chat.say("menu");
    await signer.action({ channel: CHANNEL, user: "UARBEN", messageTs: ts, actionId: "ticket_close", value: id });
    await eventually(() => slack.sent("chat.update").some((c) => c.payload.ts === ts && JSON.stringify(c.payload.blocks).includes("Mbyllur nga Arben")), "closed in Slack");

    // A day later another staff member adds an answer in the thread.
    now = new Date("2026-12-11T08:00:00Z");
    const updates = slack.sent("chat.update").length;
    await signer.event({ type: "message", channel: CHANNEL, user: "UELIRA", text: "Po, në shumicën e salloneve. Ju dërgoj listën.", ts: "1764200000.000001", thread_ts: ts });
    const got = await eventually(() => telegram.sent("sendMessage", 8102).find((m) => m.payload.text.includes("Elira nga mbështetja (T-")), "reply on Telegram");
    expect(got.payload.text).toContain("Po, në shumicën e salloneve. Ju dërgoj listën.");
    expect(got.payload.text).toMatch(new RegExp(`Kërkesa T-${n} u rihap`));
    // Outside the ticket chat on a button channel: the "my requests" button takes them back to it.
    const rows = got.payload.reply_markup?.inline_keyboard as { text: string; callback_data: string }[][];
    expect(rows.flat().map((b) => b.callback_data)).toContain("g.mytickets");

    const row = await server.db.prisma.ticket.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: "taken", takenBy: "Elira", closedAt: null });
    const update = await eventually(() => slack.sent("chat.update").slice(updates).find((c) => c.payload.ts === ts), "Slack message updated");
    expect(JSON.stringify(update.payload.blocks)).toContain("Në trajtim nga Elira");
    const buttons = update.payload.blocks.find((b: any) => b.type === "actions").elements.map((e: any) => e.text.text);
    expect(buttons).toEqual(["Mbyll"]);

    // The customer goes back in through "my requests" and answers in the thread.
    await chat.press("Kërkesat e mia");
    await chat.press(new RegExp(`^T-${n} · Ndihmë e specializuar · në trajtim`));
    await chat.say("Faleminderit, e pres listën.");
    await eventually(() => slack.sent("chat.postMessage").some((c) => c.payload.thread_ts === ts && String(c.payload.text).includes("Faleminderit, e pres listën.")), "answer in thread");
  });

  it("a staff reply the customer's chat does not take (they blocked the bot) is said so in the thread", async () => {
    now = new Date("2026-12-14T08:00:00Z");
    const chat = new TelegramChat(telegram, 8103);
    await chat.say("/start");
    await chat.press("Mbështetja");
    await chat.press("Ndihmë e specializuar");
    await chat.say("A keni sallone që punojnë të dielën?");
    const n = Number(chat.text().match(/T-(\d+)/)![1]);
    const { ts } = await ticketTs(server, n);
    telegram.failNext("sendMessage", 403, { description: "Forbidden: bot was blocked by the user" }, 5);
    await signer.event({ type: "message", channel: CHANNEL, user: "UARBEN", text: "Po, dy në Tiranë.", ts: "1764400000.000001", thread_ts: ts });
    const note = await eventually(() => slack.sent("chat.postMessage").find((c) => c.payload.thread_ts === ts && String(c.payload.text).includes("nuk arriti te klienti")), "not delivered, in the thread");
    expect(String(note.payload.text)).toContain(`T-${n}`);
  });
});

describe("Slack staff desk with an SMS customer (numbered choices)", () => {
  let slack: FakeSlack;
  let twilio: FakeTwilio;
  let server: TestServer;
  let signer: SlackSigner;
  let sms: TwilioWebhooks;
  beforeAll(async () => {
    slack = await new FakeSlack().start();
    slack.users.set("UARBEN", { real_name: "Arben Krasniqi", first_name: "Arben" });
    twilio = await new FakeTwilio(TWILIO_SID, TWILIO_TOKEN).start();
    server = await startTestServer({
      clock,
      env: {
        SLACK_BOT_TOKEN: "xoxb-test-token", SLACK_SIGNING_SECRET: SECRET, SLACK_SUPPORT_CHANNEL: CHANNEL, SLACK_API_URL: slack.apiUrl,
        PUBLIC_URL, TWILIO_ACCOUNT_SID: TWILIO_SID, TWILIO_AUTH_TOKEN: TWILIO_TOKEN, TWILIO_API_URL: twilio.url, TWILIO_SMS_FROM: "+355680000000",
        TWILIO_WHATSAPP_FROM: "whatsapp:+355680000001",
      },
    });
    signer = new SlackSigner(`${server.url}/webhooks/slack/events`, SECRET);
    sms = new TwilioWebhooks(server.url, PUBLIC_URL, TWILIO_TOKEN);
  });
  afterAll(async () => {
    await server?.close();
    await twilio?.close();
    await slack?.close();
  });

  it("on SMS a staff reply carries no numbered choice; writing «kërkesat» leads back to the ticket", async () => {
    now = new Date("2026-12-12T08:00:00Z");
    const phone = "+355692220002";
    const channels = () => server.runtime.features.twilio!;
    const say = async (body: string) => {
      const before = twilio.messages.length;
      const res = await sms.post("/webhooks/twilio/sms", sms.inbound("sms", phone, body));
      expect(res.status).toBe(200);
      await channels().idle();
      return twilio.messages.slice(before).filter((m) => m.params.To === phone).map((m) => m.params.Body).join("\n");
    };
    const num = (text: string, label: RegExp) => {
      const line = text.split("\n").find((l) => /^\d+\. /.test(l) && label.test(l));
      if (!line) throw new Error(`no choice ${label} in:\n${text}`);
      return line.split(".")[0];
    };
    let text = await say("Pershendetje");
    text = await say(num(text, /Mbeshtetja/));
    text = await say(num(text, /Problem teknik/));
    text = await say("Nuk me vjen email-i i konfirmimit te rezervimit.");
    const n = Number(text.match(/T-(\d+)/)![1]);
    const { ts } = await ticketTs(server, n);
    // The customer leaves the ticket chat; the menu's numbers are what "1", "2" ... now mean.
    text = await say("menu");
    expect(text).toMatch(/^1\. Rezervo/m);

    const before = twilio.messages.length;
    await signer.event({ type: "message", channel: CHANNEL, user: "UARBEN", text: "Ju lutem kontrolloni edhe dosjen Spam.", ts: "1764300000.000001", thread_ts: ts });
    const relayed = await eventually(() => twilio.messages.slice(before).find((m) => m.params.To === phone && m.params.Body.includes("Spam")), "staff reply by SMS");
    expect(relayed.params.Body).toMatch(new RegExp(`Arben nga mbeshtetja \\(T-${n}\\)`));
    expect(relayed.params.Body).not.toMatch(/^\d+\. /m);
    expect(relayed.params.Body).toMatch(/shkruani "kerkesat"/);
    // "1" still means the menu's first choice, as the customer last saw it.
    const conv = await server.db.prisma.conversation.findFirstOrThrow({ where: { channel: "sms", externalId: phone } });
    expect((conv.state as { choices: { id: string }[] }).choices[0].id).toBe("g.book");

    text = await say("kerkesat");
    text = await say(num(text, new RegExp(`T-${n} · Problem teknik|T-${n} - Problem teknik`)));
    expect(text).toMatch(new RegExp(`kerkesen T-${n}`));
    expect(await say("E gjeta, faleminderit!")).toBe("");
    await eventually(() => slack.sent("chat.postMessage").some((c) => c.payload.thread_ts === ts && String(c.payload.text).includes("E gjeta, faleminderit!")), "SMS answer in thread");
  });

  it("a staff reply two days after a WhatsApp customer last wrote (WhatsApp would refuse it) goes by SMS to the same phone", async () => {
    now = new Date("2026-12-15T08:00:00Z");
    const phone = "+355692220003";
    const wa = async (body: string) => {
      const res = await sms.post("/webhooks/twilio/whatsapp", sms.inbound("whatsapp", phone, body));
      expect(res.status).toBe(200);
      await server.runtime.features.twilio!.idle();
      return twilio.messages.filter((m) => m.params.To === `whatsapp:${phone}`).map((m) => m.params.Body).join("\n");
    };
    await wa("Pershendetje, dua te flas me dike nga stafi per nje fature");
    let text = await wa("po");
    if (!/T-\d+/.test(text)) text = await wa("Dua faturen e vizites se kaluar ne DentaPlus");
    const n = Number(text.match(/T-(\d+)/g)!.at(-1)!.slice(2));
    const { ts } = await ticketTs(server, n);
    now = new Date("2026-12-17T09:00:00Z");
    const before = twilio.messages.length;
    await signer.event({ type: "message", channel: CHANNEL, user: "UARBEN", text: "Fatura ju dergohet sot me email.", ts: "1764500000.000001", thread_ts: ts });
    const relayed = await eventually(() => twilio.messages.slice(before).find((m) => m.params.To === phone && m.params.Body.includes("Fatura ju dergohet")), "staff reply by SMS");
    expect(relayed.params.From).toBe("+355680000000");
    expect(twilio.messages.slice(before).filter((m) => m.params.To === `whatsapp:${phone}`)).toEqual([]);
    expect(slack.sent("chat.postMessage").some((c) => c.payload.thread_ts === ts && String(c.payload.text).includes("nuk arriti"))).toBe(false);
  });
});
