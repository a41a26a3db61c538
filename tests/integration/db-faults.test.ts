// The database going away under a running app: a turn caught by a lost connection is run again
// transparently; what still cannot be handled is answered 503 with Retry-After and the polite message in
// the customer's language (never 500), webhooks answer non-2xx so the platform delivers again, and
// every conversation goes on once the database is back.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { webhookSecret } from "../../bots/telegram/channel.ts";
import { createPrisma, openPool, parseDatabaseUrl } from "../../core/db/client.ts";
import { FakeTelegram, TelegramChat } from "../fakes/telegram.ts";
import { FakeTwilio, TwilioWebhooks } from "../fakes/twilio.ts";
import { createTestDatabase, type TestDatabase } from "../support/db.ts";
import { fixedClock, startTestServer, type TestServer } from "../support/server.ts";
import { TcpProxy } from "../support/tcp-proxy.ts";
import { WebChatClient } from "../support/webchat.ts";

// Wednesday 25 November 2026, 09:00 in Tirana.
const NOW = "2026-11-25T08:00:00Z";
const TG_TOKEN = "123456:TEST-faults-token";
const SID = `AC${"2b".repeat(16)}`;
const TW_TOKEN = "twilio-faults-auth-token";
const PUBLIC_URL = "https://rezervo.example.test";

describe("a database that goes away and comes back", () => {
  let base: TestDatabase;
  let proxy: TcpProxy;
  let server: TestServer;
  let telegram: FakeTelegram;
  let twilio: FakeTwilio;
  let hooks: TwilioWebhooks;

  beforeAll(async () => {
    base = await createTestDatabase();
    const target = new URL(base.url);
    proxy = await new TcpProxy(target.hostname, Number(target.port || 5432)).start();
    const url = proxy.through(base.url);
    const prisma = createPrisma(url);
    telegram = await new FakeTelegram().start();
    twilio = await new FakeTwilio(SID, TW_TOKEN).start();
    server = await startTestServer({
      clock: fixedClock(NOW),
      db: { prisma, url, close: () => prisma.$disconnect() },
      env: {
        TELEGRAM_BOT_TOKEN: TG_TOKEN, TELEGRAM_API_ROOT: telegram.url, PUBLIC_URL,
        TWILIO_ACCOUNT_SID: SID, TWILIO_AUTH_TOKEN: TW_TOKEN, TWILIO_API_URL: twilio.url, TWILIO_SMS_FROM: "+355680000000",
        REMINDERS: "off",
      },
    });
    hooks = new TwilioWebhooks(server.url, PUBLIC_URL, TW_TOKEN);
  });
  afterAll(async () => {
    proxy?.restore();
    await server?.close();
    await proxy?.close();
    await base?.close();
    await telegram?.close();
    await twilio?.close();
  });

  it("answers 503 with Retry-After and the customer's language, webhooks non-2xx, and every chat goes on afterwards", async () => {
    const web = new WebChatClient(server.url);
    await web.start({ lang: "en" });
    await web.pick("Book an appointment");
    expect(web.text()).toMatch(/category/i);

    const tgPost = (update: unknown) =>
      fetch(`${server.url}/webhooks/telegram`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": webhookSecret(TG_TOKEN) },
        body: JSON.stringify(update),
      });
    const tg = new TelegramChat(telegram, 9101, async (u) => {
      expect((await tgPost(u)).status).toBe(200);
    });
    await tg.say("/start");
    expect(tg.text()).toMatch(/Rezervo/);

    const phone = "+355691239876";
    expect((await hooks.post("/webhooks/twilio/sms", hooks.inbound("sms", phone, "Pershendetje"))).status).toBe(200);
    await server.runtime.features.twilio!.idle();

    proxy.cut();

    const refused = await web.post({ text: "Barber", clientMessageId: "web-after-cut" });
    expect(refused.status).toBe(503);
    expect(refused.json.message).toMatch(/send it again in a few seconds/);
    const raw = await fetch(`${server.url}/api/chat/sessions/${web.sessionId}/messages`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${web.token}` },
      body: JSON.stringify({ text: "Barber", clientMessageId: "web-after-cut" }),
    });
    expect(raw.status).toBe(503);
    expect(Number(raw.headers.get("retry-after"))).toBeGreaterThan(0);

    const tgUpdate = tg.updates.text("Rezervo një termin");
    const tgRes = await tgPost(tgUpdate);
    expect(tgRes.status).toBe(503);

    const smsParams = hooks.inbound("sms", phone, "1");
    expect((await hooks.post("/webhooks/twilio/sms", smsParams)).status).toBe(503);

    expect((await fetch(`${server.url}/readyz`)).status).toBe(503);

    proxy.restore();

    // The same messages delivered again are handled once, at the step each chat was at.
    const again = await web.post({ text: "Barber", clientMessageId: "web-after-cut" });
    expect(again.status).toBe(200);
    web.last = again.json.replies;
    await web.pick(/Ardit/);
    expect(web.text()).toMatch(/service/i);

    await tg.send(tgUpdate);
    expect(tg.text()).toMatch(/kategori/i);

    const before = twilio.messages.length;
    expect((await hooks.post("/webhooks/twilio/sms", smsParams)).status).toBe(200);
    await server.runtime.features.twilio!.idle();
    expect(twilio.messages.slice(before).map((m) => m.params.Body).join("\n")).toMatch(/kategori/i);
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
  }, 120_000);
});

describe.skipIf(!process.env.DATABASE_URL)("connections killed under load (PostgreSQL)", () => {
  let base: TestDatabase;
  let server: TestServer;
  const app = `rezervo-faults-${randomBytes(4).toString("hex")}`;

  beforeAll(async () => {
    base = await createTestDatabase();
    // The app's connections carry a name of their own, so only they are terminated (not other tests').
    const u = new URL(base.url);
    u.searchParams.set("application_name", app);
    const prisma = createPrisma(u.toString());
    server = await startTestServer({ clock: fixedClock(NOW), db: { prisma, url: u.toString(), close: () => prisma.$disconnect() }, env: { REMINDERS: "off", RATE_LIMIT_PER_MIN: "1000" } });
  });
  afterAll(async () => {
    await server?.close();
    await base?.close();
  });

  it("gives no 500 while the backends are terminated again and again, and every customer finishes booking", async () => {
    const statuses: number[] = [];
    /** Posts until answered 200/201; a 503 is retried after a pause, as the client would (Retry-After). */
    async function until(fn: () => Promise<{ status: number; json: any }>): Promise<any> {
      for (let i = 0; i < 100; i++) {
        const r = await fn();
        statuses.push(r.status);
        if (r.status === 200 || r.status === 201) return r.json;
        if (r.status !== 503) throw new Error(`answered ${r.status}: ${JSON.stringify(r.json)}`);
        await new Promise((res) => setTimeout(res, 100));
      }
      throw new Error("still unavailable");
    }
    async function customer(k: number, day: RegExp): Promise<string> {
      const c = new WebChatClient(server.url);
      const start = await until(async () => {
        const res = await fetch(`${server.url}/api/chat/sessions`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ lang: "sq" }) });
        return { status: res.status, json: await res.json() };
      });
      Object.assign(c, { sessionId: start.sessionId, token: start.token, last: start.replies });
      let seq = 0;
      const send = async (body: Record<string, string>) => {
        const id = `${day.source}-k${k}-${seq++}`;
        c.last = (await until(() => c.post({ ...body, clientMessageId: id }))).replies;
      };
      await send({ choice: c.choiceId("Rezervo një termin") });
      await send({ choice: c.choiceId("Berber") });
      await send({ choice: c.choiceId(/Ardit/) });
      await send({ choice: c.choiceId(/^Prerje flokësh ·/) });
      await send({ choice: c.choiceId(day) });
      const time = `${10 + k}:00`;
      for (let page = 0; !c.last.some((r) => r.choices?.some((x) => x.label === time)) && page < 5; page++) await send({ choice: c.choiceId(/Më shumë orare/) });
      await send({ choice: c.choiceId(time) });
      await send({ text: `${["Arta", "Besa", "Drita", "Erion", "Gent"][k]} Hoxha` });
      await send({ text: `klient${k}@example.com` });
      await send({ text: `069 123 45${String(k).padStart(2, "0")}` });
      await send({ choice: c.choiceId(/Konfirmo/) });
      const ref = c.text().match(/RZ-[A-Z0-9]{6}/)?.[0];
      if (!ref) throw new Error(`customer ${k} did not book: ${c.text()}`);
      return ref;
    }

    const admin = new pg.Client({ connectionString: parseDatabaseUrl(base.url).connectionString });
    await admin.connect();
    let stop = false;
    let terminated = 0;
    const killer = (async () => {
      while (!stop) {
        const r = await admin.query(
          "SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND application_name = $1",
          [app],
        );
        terminated += r.rows.filter((x: { ok: boolean }) => x.ok).length;
        await new Promise((res) => setTimeout(res, 150));
      }
    })();
    let refs: string[];
    try {
      refs = [];
      for (const day of [/26/, /27/]) refs.push(...(await Promise.all([0, 1, 2, 3, 4].map((k) => customer(k, day)))));
    } finally {
      stop = true;
      await killer;
      await admin.end();
    }

    expect(terminated).toBeGreaterThan(0);
    expect(statuses.filter((s) => s !== 200 && s !== 201 && s !== 503)).toEqual([]);
    expect(new Set(refs).size).toBe(10);
    const bookings = await base.prisma.booking.findMany({ where: { ref: { in: refs } }, select: { start: true, contactName: true } });
    expect(bookings).toHaveLength(10);
    expect(await base.prisma.booking.count()).toBe(10);
  }, 240_000);
});

describe.skipIf(!process.env.DATABASE_URL)("a connection dropped while it is checked out (PostgreSQL)", () => {
  it("fails the holder's next statement and is dropped on release, without ending the process", async () => {
    const base = await createTestDatabase();
    const app = `rezervo-held-${randomBytes(4).toString("hex")}`;
    const u = new URL(parseDatabaseUrl(base.url).connectionString);
    u.searchParams.set("application_name", app);
    const idle: Error[] = [];
    const pool = openPool({ connectionString: u.toString(), max: 2 }, (err) => idle.push(err));
    const admin = new pg.Client({ connectionString: parseDatabaseUrl(base.url).connectionString });
    await admin.connect();
    try {
      // Held between statements, as a transaction holds its connection, by a holder that does not listen
      // for the connection's errors: pg emits the drop on the client, where nobody else hears it.
      const held = await pool.connect();
      await held.query("SELECT 1");
      const { rows } = await admin.query("SELECT count(*)::int AS n FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1) t", [app]);
      expect(rows[0].n).toBe(1);
      await new Promise((r) => setTimeout(r, 300));
      await expect(held.query("SELECT 1")).rejects.toThrow();
      held.release();
      // The pool goes on with a new connection.
      expect((await pool.query<{ one: number }>("SELECT 1 AS one")).rows[0].one).toBe(1);
      expect(pool.totalCount).toBe(1);
      expect(idle).toEqual([]);
    } finally {
      await admin.end();
      await pool.end();
      await base.close();
    }
  });
});
