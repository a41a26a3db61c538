// Two real `rezervo serve` processes on one database behind a round-robin balancer (each request to the
// next instance): a customer's turns alternate instances and the booking is made once; reminders due
// while both instances run their schedulers go out once each; a staff answer from Slack, delivered to
// the instance that did not open the ticket (and retried by Slack to the other), reaches the customer
// once. Both instances start together on a fresh database, as a first deploy with two replicas does.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { webhookSecret } from "../../bots/telegram/channel.ts";
import { createRuntime, type Runtime } from "../../bots/runtime.ts";
import { loadConfig } from "../../core/config.ts";
import type { Reply } from "../../core/conversation/messages.ts";
import { createLogger } from "../../core/log.ts";
import { demoCatalog } from "../../prisma/seed/catalog.ts";
import { eventually, FakeSlack, SlackSigner } from "../fakes/slack.ts";
import { FakeTelegram, TelegramUpdates } from "../fakes/telegram.ts";
import { createTestDatabase, type TestDatabase } from "../support/db.ts";
import { serve, type ServeProcess } from "../support/process.ts";
import { RoundRobin } from "../support/round-robin.ts";
import { WebChatClient } from "../support/webchat.ts";

const TG_TOKEN = "123456:TEST-scale-out-token";
const SLACK_SECRET = "scale-out-slack-signing-secret";
const SUPPORT = "C0SUPPORT";
const REMINDERS = 6;
// On PostgreSQL a web chat's live socket is reached from any instance (LISTEN/NOTIFY); the embedded
// server's notifications do not cross connections, so there a staff answer reaches the history only.
const sharedNotify = !!process.env.DATABASE_URL;

describe("two instances behind a round-robin balancer", () => {
  let db: TestDatabase;
  let dir: string;
  let telegram: FakeTelegram;
  let slack: FakeSlack;
  let lb: RoundRobin;
  let servers: ServeProcess[] = [];
  let env: Record<string, string>;

  beforeAll(async () => {
    db = await createTestDatabase();
    dir = mkdtempSync(join(tmpdir(), "rezervo-scale-"));
    telegram = await new FakeTelegram().start();
    slack = await new FakeSlack().start();
    slack.users.set("UARBEN", { real_name: "Arben Krasniqi", first_name: "Arben" });
    // The balancer's address is the public URL (Telegram's webhook, calendar links); its backends are
    // set once the instances have their ports.
    const backends: string[] = [];
    lb = await new RoundRobin(backends).start();
    env = {
      DATABASE_URL: db.url,
      DATA_DIR: dir,
      PUBLIC_URL: lb.url,
      LINK_SECRET: "scale-out-link-secret-0123456789",
      RATE_LIMIT_PER_MIN: "1000",
      TELEGRAM_BOT_TOKEN: TG_TOKEN,
      TELEGRAM_API_ROOT: telegram.url,
      SLACK_BOT_TOKEN: "xoxb-scale-out",
      SLACK_SIGNING_SECRET: SLACK_SECRET,
      SLACK_SUPPORT_CHANNEL: SUPPORT,
      SLACK_API_URL: slack.apiUrl,
      REMINDERS_POLL_MS: "250",
      REMINDERS_LOCK_MS: "10000",
      DIGEST: "off",
      // Small pools: the test server's connections are shared with the rest of the suite.
      DATABASE_POOL_MAX: "4",
      REMINDERS_POOL_MAX: "2",
    };
    servers = await Promise.all([serve(env), serve(env)]);
    backends.push(...servers.map((s) => s.url));
  }, 120_000);

  afterAll(async () => {
    await Promise.all(servers.map(async (s) => {
      if (s.proc.exitCode !== null) return;
      s.proc.kill("SIGTERM");
      await s.exited;
    }));
    await lb?.close();
    await telegram?.close();
    await slack?.close();
    await db?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The first choice of the last reply of a kind ("days", "slots"). */
  const firstOf = (c: WebChatClient, kind: string) => {
    const r = [...c.last].reverse().find((x) => x.kind === kind);
    if (!r?.choices?.length) throw new Error(`no ${kind} in ${c.text()}`);
    return r.choices[0];
  };

  /** The second day offered (the first may be today). */
  const laterDay = (c: WebChatClient) => {
    const r = [...c.last].reverse().find((x) => x.kind === "days");
    const day = r?.choices?.[1];
    if (!day) throw new Error(`no second day in ${c.text()}`);
    return day.label;
  };

  /** A web chat customer through the balancer, up to the confirm step of the first free haircut. */
  async function toConfirm(slot?: { day: string; time: string }) {
    const c = new WebChatClient(lb.url);
    await c.start({ lang: "sq" });
    await c.pick("Rezervo një termin");
    await c.pick("Berber");
    await c.pick(/Ardit/);
    await c.pick(/^Prerje flokësh ·/);
    // Not today: a time of today shown a moment before the hour's notice runs out could not be booked
    // a moment later (the test runs on the real clock).
    const day = slot?.day ?? laterDay(c);
    await c.pick(day);
    for (let page = 0; slot && !c.last.some((r) => r.choices?.some((x) => x.label === slot.time)) && page < 6; page++) await c.pick(/Më shumë orare/);
    const time = slot?.time ?? firstOf(c, "slots").label;
    await c.pick(time);
    await c.say("Arta Hoxha");
    await c.say("arta@example.com");
    await c.say("069 123 4567");
    expect(c.choiceId(/Konfirmo/)).toBeTruthy();
    return { c, day, time };
  }

  it("has the demo catalog once after both instances started together on the empty database", async () => {
    expect(await db.prisma.business.count()).toBe(demoCatalog.businesses.length);
    const services = await db.prisma.service.findMany({ select: { businessId: true, nameSq: true } });
    expect(services.length).toBe(demoCatalog.businesses.reduce((n, b) => n + b.services.length, 0));
    expect(new Set(services.map((x) => `${x.businessId}|${x.nameSq}`)).size).toBe(services.length);
  });

  it("books once while the customer's turns alternate instances, even when the confirm is sent to both", async () => {
    const from = lb.log.length;
    const { c } = await toConfirm();
    // Every request of this customer went to the other instance than the one before.
    const route = lb.log.slice(from).map((r) => r.backend);
    expect(route.length).toBeGreaterThan(8);
    route.forEach((b, i) => i && expect(b).not.toBe(route[i - 1]));

    // The confirm, sent twice at once with the same client message id (a retry of a lost answer): one
    // request reaches each instance, one booking is made and both answers carry its reference.
    const confirm = { choice: c.choiceId(/Konfirmo/), clientMessageId: "confirm-1" };
    const answers = await Promise.all([c.post(confirm), c.post(confirm)]);
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    expect(new Set(lb.backendsOf("POST", /\/messages$/).slice(-2)).size).toBe(2);
    const refs = answers.map((a) => (a.json.replies as Reply[]).map((r) => r.text).join("\n").match(/RZ-[A-Z0-9]{6}/)?.[0]);
    expect(refs[0]).toBeTruthy();
    expect(refs[1]).toBe(refs[0]);
    const bookings = await db.prisma.booking.findMany({ where: { conversationId: c.sessionId } });
    expect(bookings.map((b) => [b.ref, b.status])).toEqual([[refs[0], "confirmed"]]);

    // The calendar link signed by one instance opens on both.
    const link = (answers[0].json.replies as Reply[]).find((r) => r.link?.url.includes("/ics"))?.link?.url;
    expect(link).toBeTruthy();
    const ics = await Promise.all([fetch(link!), fetch(link!)]);
    expect(ics.map((r) => r.status)).toEqual([200, 200]);
    expect(await ics[0].text()).toMatch(/BEGIN:VCALENDAR/);
  }, 60_000);

  it("gives a contested place to one of two customers confirming at once on different instances", async () => {
    const first = await toConfirm();
    const second = await toConfirm({ day: first.day, time: first.time });
    const answers = await Promise.all([first.c.pick(/Konfirmo/), second.c.pick(/Konfirmo/)]);
    expect(new Set(lb.backendsOf("POST", /\/messages$/).slice(-2)).size).toBe(2);
    const texts = answers.map((a) => a.map((r) => r.text).join("\n"));
    const won = texts.map((t) => /RZ-[A-Z0-9]{6}/.test(t));
    expect(won.filter(Boolean)).toHaveLength(1);
    expect(texts[won.indexOf(false)]).toMatch(/sapo u rezervua nga dikush tjetër/);
    const confirmed = await db.prisma.booking.count({ where: { conversationId: { in: [first.c.sessionId, second.c.sessionId] }, status: "confirmed" } });
    expect(confirmed).toBe(1);
  }, 60_000);

  it("sends each reminder once while both instances run the scheduler", async () => {
    // A Telegram customer, through the webhook (Telegram posts to the public URL: the balancer).
    const chat = new TelegramUpdates(7301);
    const res = await fetch(`${lb.url}/webhooks/telegram`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": webhookSecret(TG_TOKEN) },
      body: JSON.stringify(chat.text("/start")),
    });
    expect(res.status).toBe(200);
    const conv = await eventually(() => db.prisma.conversation.findFirst({ where: { channel: "telegram", externalId: "7301" } }), "telegram conversation");

    // Bookings whose 2 h reminders fall due one after another from a few seconds from now, scheduled by
    // a runtime in this process that sends nothing (as the instance that took a booking schedules it).
    const rt = await schedulerOnly();
    const refs: string[] = [];
    try {
      const service = await db.prisma.service.findFirstOrThrow({ where: { business: { slug: "berberi-ardit" } } });
      const customer = await db.prisma.customer.create({ data: { name: "Besa Krasniqi" } });
      const t0 = Date.now();
      for (let i = 0; i < REMINDERS; i++) {
        const start = new Date(t0 + 2 * 3600_000 + 2500 + i * 200);
        const ref = `RZ-S${String(i).padStart(3, "0")}`;
        const b = await db.prisma.booking.create({
          data: {
            ref, businessId: service.businessId, serviceId: service.id, customerId: customer.id, contactName: "Besa Krasniqi",
            start, end: new Date(start.getTime() + 30 * 60_000), priceLek: service.priceLek, channel: "telegram", conversationId: conv.id,
          },
        });
        expect(await rt.features.manage!.scheduler!.schedule(b.id)).toBe(1); // the 24 h one is past
        refs.push(ref);
      }
    } finally {
      await rt.close();
    }
    const reminded = () => telegram.sent("sendMessage", 7301).map((m) => String(m.payload.text)).filter((t) => /RZ-S\d{3}/.test(t));
    await eventually(() => reminded().length >= REMINDERS, "every reminder", 30_000);
    await new Promise((r) => setTimeout(r, 1000)); // several more polls by both instances
    const perRef = refs.map((ref) => reminded().filter((t) => t.includes(ref)).length);
    expect(perRef).toEqual(Array(REMINDERS).fill(1));
    const rows = await db.prisma.reminder.findMany({ where: { booking: { ref: { in: refs } } } });
    expect(rows.map((r) => r.status)).toEqual(Array(REMINDERS).fill("sent"));
  }, 60_000);

  it("relays a staff answer from Slack once, to the customer whose ticket another instance opened", async () => {
    const c = new WebChatClient(lb.url);
    await c.start({ lang: "sq" });
    // The customer's live connection, on whichever instance the balancer gives it.
    const ws = new WebSocket(`${lb.url.replace("http", "ws")}/api/chat/ws?sessionId=${c.sessionId}&token=${c.token}`);
    const live: Reply[] = [];
    await new Promise<void>((resolve, reject) => {
      ws.on("message", (d) => {
        const msg = JSON.parse(String(d)) as { type: string; replies?: Reply[] };
        if (msg.type === "ready") resolve();
        if (msg.type === "replies") live.push(...msg.replies!);
      });
      ws.on("error", reject);
    });
    await c.pick("Mbështetja");
    await c.pick("Problem teknik");
    const opened = lb.log.length;
    await c.say("Nuk më vjen SMS-i me kodin");
    expect(c.text()).toMatch(/T-\d{4}/);
    const openedOn = lb.log[opened].backend;
    const ticket = await db.prisma.ticket.findFirstOrThrow({ where: { conversationId: c.sessionId } });
    expect(c.text()).toContain(`T-${ticket.number}`);
    const { slackTs: ts } = await eventually(() => db.prisma.ticket.findFirst({ where: { id: ticket.id, slackTs: { not: null } } }), "ticket posted to Slack");

    // Slack posts the staff answer to the other instance, then retries it to the one that opened the ticket.
    const reply = { type: "message", channel: SUPPORT, user: "UARBEN", text: "Përshëndetje! Po e shikojmë tani.", ts: "1764100200.000001", thread_ts: ts };
    const other = new SlackSigner(`${servers[1 - openedOn].url}/webhooks/slack/events`, SLACK_SECRET);
    const same = new SlackSigner(`${servers[openedOn].url}/webhooks/slack/events`, SLACK_SECRET);
    const first = await other.event(reply);
    expect(first.status).toBe(200);
    await same.event(reply, { eventId: first.eventId, retry: 1 });

    const relayed = (texts: string[]) => texts.filter((t) => t.includes("Arben nga mbështetja") && t.includes("Po e shikojmë tani"));
    const history = async () => {
      const res = await fetch(`${lb.url}/api/chat/sessions/${c.sessionId}/messages`, { headers: { authorization: `Bearer ${c.token}` } });
      const json = (await res.json()) as { messages: { direction: string; text: string }[] };
      return json.messages.filter((m) => m.direction === "out").map((m) => m.text);
    };
    await eventually(async () => relayed(await history()).length > 0, "staff answer in the chat history");
    if (sharedNotify) await eventually(() => relayed(live.map((r) => r.text)).length > 0, "staff answer on the live connection");
    await new Promise((r) => setTimeout(r, 1000)); // time for a second relay, if one were coming
    expect(relayed(await history())).toHaveLength(1);
    const liveCount = relayed(live.map((r) => r.text)).length;
    if (sharedNotify) expect(liveCount).toBe(1);
    else expect(liveCount).toBeLessThanOrEqual(1);
    expect(await db.prisma.ticketMessage.count({ where: { ticketId: ticket.id, author: "staff" } })).toBe(1);
    ws.close();
  }, 60_000);

  /** A runtime in this process that schedules reminders but sends none (the terminal chat's role). */
  async function schedulerOnly(): Promise<Runtime> {
    const config = loadConfig({ DATABASE_URL: db.url, LOG_LEVEL: "silent", NODE_ENV: "test", DIGEST: "off", WAITLIST: "off" });
    return createRuntime({ config, log: createLogger("silent"), prisma: db.prisma, databaseUrl: db.url, role: "chat", closeDb: async () => {} });
  }
});
