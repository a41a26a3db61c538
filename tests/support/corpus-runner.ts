// Runs the typed-conversation corpus (tests/fixtures/dialog/corpus.ts) against a running test server:
// one fresh web chat session per conversation (or a phone of its own on WhatsApp or SMS), typed messages
// only, the goal checked in the database after every turn. Used by `npm run eval:dialog` and tests/dialogs/typed-corpus.test.ts.
import { performance } from "node:perf_hooks";
import type { Reply } from "../../core/conversation/messages.ts";
import { zonedParts, zonedToUtc } from "../../core/clock.ts";
import { HOLDING_STATUSES } from "../../core/availability/service.ts";
import { hasKey, t } from "../../locales/i18n.ts";
import { fold } from "../../core/nlu/normalize.ts";
import { formatPhone, formatPrice } from "../../core/format.ts";
import { paymentText } from "../../core/payments/label.ts";
import type { Category, Conversation, Day, Goal, Slot } from "../fixtures/dialog/corpus.ts";
import { TIME_ZONE } from "../fixtures/dialog/corpus.ts";
import type { TestDatabase } from "./db.ts";
import type { TestServer } from "./server.ts";
import { WebChatClient } from "./webchat.ts";
import { FakeTwilio, TwilioWebhooks } from "../fakes/twilio.ts";
import { FakeTelegram, TelegramUpdates } from "../fakes/telegram.ts";
import { webhookSecret } from "../../bots/telegram/channel.ts";
import { smsText } from "../../bots/twilio/sms.ts";
import { startFakeSmtp, type FakeSmtp } from "../fakes/smtp.ts";
import type { FakeStripe } from "../fakes/stripe.ts";
import { fillDay } from "./waitlist.ts";
import { ReminderDispatcher } from "../../core/reminders/dispatch.ts";
import { createLogger } from "../../core/log.ts";

/** The Twilio account the conversations typed on WhatsApp and SMS go through (a fake API on 127.0.0.1). */
const TWILIO = { sid: `AC${"5c".repeat(16)}`, token: "typed-corpus-twilio-token", publicUrl: "https://rezervo.example.test" };
/** The Telegram bot the conversations typed on Telegram write to (webhook mode; a fake Bot API on 127.0.0.1). */
const TELEGRAM_TOKEN = "777001:typed-corpus-telegram-token";

/**
 * The server settings the typed conversations run under: a raised rate limit (a script types faster than
 * a person), reminders scheduled but not sent, and the waiting list on for joining (it keeps its jobs
 * through the database's URL) with no offers sent, so that nothing arrives between a script's messages.
 * With `stripe` (a set that pays online), the card and deposit businesses take payments through that fake.
 * With `phones` (a set typed on WhatsApp, SMS or Telegram), the server's Twilio channels, its Telegram bot
 * (by webhook) and its email send to those fakes, as a marketplace with all of them runs.
 */
export function typedCorpusEnv(db: TestDatabase, phones?: PhoneChannels, stripe?: FakeStripe): Record<string, string> {
  return {
    RATE_LIMIT_PER_MIN: "1000", REMINDERS: "schedule", WAITLIST: "schedule", DATABASE_URL: db.url,
    // Card and deposit businesses take their payments by Stripe Checkout; an unpaid hold is never swept meanwhile.
    ...(stripe ? { ...stripe.env(), PAYMENTS_POLL_MS: "3600000" } : {}),
    ...(phones ? {
      PUBLIC_URL: TWILIO.publicUrl, TWILIO_ACCOUNT_SID: TWILIO.sid, TWILIO_AUTH_TOKEN: TWILIO.token, TWILIO_API_URL: phones.twilio.url,
      TWILIO_SMS_FROM: "+355680000000", TWILIO_WHATSAPP_FROM: "whatsapp:+355680000001", SMTP_URL: phones.smtp.url,
      TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN, TELEGRAM_API_ROOT: phones.telegram.url,
    } : {}),
  };
}

/** A fake Twilio API, a fake Telegram Bot API and a fake SMTP server on 127.0.0.1, for the server of a set typed on WhatsApp, SMS or Telegram. */
export interface PhoneChannels {
  twilio: FakeTwilio;
  telegram: FakeTelegram;
  smtp: FakeSmtp;
  close(): Promise<void>;
}

/** Starts the fakes of {@link PhoneChannels} (before the server). */
export async function phoneChannels(): Promise<PhoneChannels> {
  const twilio = await new FakeTwilio(TWILIO.sid, TWILIO.token).start();
  const telegram = await new FakeTelegram().start();
  const smtp = await startFakeSmtp();
  return { twilio, telegram, smtp, close: async () => void (await Promise.all([twilio.close(), telegram.close(), smtp.close()])) };
}

/**
 * The sets with a conversation on WhatsApp, SMS or Telegram, or one proving a booking made elsewhere by a code sent by
 * email or SMS, need a server with Twilio and email ({@link phoneChannels}).
 */
export const onPhones = (set: Conversation[]) => set.some((c) => c.channel || c.earlier);

/** The sets whose customers pay online ("{pay}", a goal "paid") need a server with Stripe ({@link typedCorpusEnv}). */
export const paysOnline = (set: Conversation[]) => set.some((c) => c.goal.kind === "paid" || c.say.includes("{pay}"));

/** A phone of the conversation's own (from its id): its chat, customer record and proofs are its alone. */
function phoneOf(id: string): string {
  let h = 0;
  for (const ch of id) h = (h * 31 + ch.charCodeAt(0)) % 10_000_000;
  return `+35569${String(h).padStart(7, "0")}`;
}

/** A customer typing on WhatsApp or SMS: signed webhooks in, the messages the bot sent to the phone out. */
class PhoneChat {
  readonly phone: string;
  private readonly hooks: TwilioWebhooks;
  constructor(private readonly server: TestServer, private readonly fake: FakeTwilio, private readonly c: Conversation & { channel: "whatsapp" | "sms" }) {
    this.hooks = new TwilioWebhooks(server.url, TWILIO.publicUrl, TWILIO.token);
    this.phone = phoneOf(c.id);
  }

  /** The conversation of this phone, made before the first message when the script needs one (a booking made before). */
  async conversation(create: boolean): Promise<string> {
    const address = { channel: this.c.channel, externalId: this.phone };
    const row = await this.server.db.prisma.conversation.findUnique({ where: { channel_externalId: address }, select: { id: true } });
    if (row || !create) return row?.id ?? "";
    const id = (await this.server.runtime.conversations.start(address, { lang: this.c.lang })).conversationId;
    // The customer wrote earlier today (WhatsApp lets a business write freely for 24 hours after that).
    await this.server.db.prisma.conversation.update({ where: { id }, data: { lastInboundAt: this.server.runtime.clock() } });
    return id;
  }

  async say(text: string): Promise<Reply[]> {
    const before = this.fake.to(this.phone).length;
    const params = this.hooks.inbound(this.c.channel, this.phone, text);
    if (this.c.channel === "whatsapp") {
      if (this.c.profile) params.ProfileName = this.c.profile;
      else delete params.ProfileName;
    }
    const res = await this.hooks.post(`/webhooks/twilio/${this.c.channel}`, params);
    if (res.status !== 200) throw new Error(`say: ${res.status} ${res.text}`);
    await this.server.runtime.features.twilio!.idle();
    // The turn's messages read as one text: a long answer may come in several SMS.
    const texts = this.fake.to(this.phone).slice(before).map((m) => m.params.Body ?? "");
    return texts.length ? [{ text: texts.join("\n") }] : [];
  }
}

/**
 * A customer typing in a private Telegram chat of its own (the chat id from the conversation's id): each
 * message is an update posted to the bot's webhook with its secret; the bot's answers are the messages it
 * sent to the chat (an inline keyboard's buttons as the reply's choices). The sender's profile is
 * `profile` ("First Last"), else «Klient», with the conversation's language as Telegram's language_code.
 */
class TelegramCustomer {
  readonly chatId: number;
  /** The phone the customer gives when booking (a reminded booking's contact). */
  readonly phone: string;
  private readonly updates: TelegramUpdates;
  constructor(private readonly server: TestServer, private readonly fake: FakeTelegram, c: Conversation) {
    this.phone = phoneOf(c.id);
    this.chatId = 700_000_000 + Number(this.phone.slice(-7));
    const [first, ...last] = (c.profile ?? "Klient").split(" ");
    this.updates = new TelegramUpdates(this.chatId, { id: this.chatId, is_bot: false, first_name: first, ...(last.length ? { last_name: last.join(" ") } : {}), language_code: c.lang });
  }

  /** The conversation of this chat, made before the first message when the script needs one. */
  async conversation(create: boolean): Promise<string> {
    const address = { channel: "telegram" as const, externalId: String(this.chatId) };
    const row = await this.server.db.prisma.conversation.findUnique({ where: { channel_externalId: address }, select: { id: true } });
    if (row || !create) return row?.id ?? "";
    return (await this.server.runtime.conversations.start(address, { lang: this.updates.from.language_code })).conversationId;
  }

  async say(text: string): Promise<Reply[]> {
    const before = this.fake.calls.length;
    const res = await fetch(`${this.server.url}/webhooks/telegram`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": webhookSecret(TELEGRAM_TOKEN) },
      body: JSON.stringify(this.updates.text(text)),
    });
    if (res.status !== 200) throw new Error(`say: ${res.status} ${await res.text()}`);
    const sent = this.fake.calls.slice(before).filter((m) => m.method === "sendMessage" && !m.failed && Number(m.payload.chat_id) === this.chatId);
    return sent.map((m) => {
      const buttons = ((m.payload.reply_markup?.inline_keyboard ?? []) as { text: string; callback_data: string }[][]).flat();
      return { text: String(m.payload.text ?? ""), ...(buttons.length ? { choices: buttons.map((b) => ({ id: b.callback_data, label: b.text })) } : {}) };
    });
  }
}

/** One customer message and what came of it. */
export interface TurnLog {
  text: string;
  ms: number;
  /** flow.step before and after the turn */
  before: string;
  after: string;
  /**
   * The bot did not take the message: its counters of misses or failed tries went up, nothing changed
   * (outside the main menu), or the flow was entered afresh (restarted under the customer: its step history shrank).
   */
  miss: boolean;
  reply: string;
}

/** The outcome of one conversation. */
export interface ConversationResult {
  id: string;
  category: Category;
  lang: "sq" | "en";
  ok: boolean;
  /** Customer messages sent until the goal held (only when ok). */
  turnsToGoal?: number;
  turns: TurnLog[];
  /** Where the bot first failed to take a message: step, message number (1-based) and text. */
  stuck?: { step: string; turn: number; text: string };
  /** What the database shows against the goal, when not ok. */
  reason?: string;
  lastReply: string;
}

const short = (s: string, n = 110) => {
  const one = s.replace(/\s+/g, " ").trim();
  return one.length > n ? `${one.slice(0, n - 1)}…` : one;
};
const replyText = (replies: Reply[]) => replies.map((r) => r.text ?? "").filter(Boolean).join(" | ");

interface StateView { flow: string; step: string; misses: number; attempts: number; data: string; history: number }

async function stateOf(server: TestServer, id: string): Promise<StateView> {
  const row = await server.db.prisma.conversation.findUnique({ where: { id }, select: { state: true } });
  const s = (row?.state ?? {}) as { flow?: string; step?: string; misses?: number; attempts?: number; data?: unknown; history?: unknown[] };
  return {
    flow: s.flow ?? "?", step: s.step ?? "?", misses: s.misses ?? 0, attempts: s.attempts ?? 0,
    data: JSON.stringify(s.data ?? {}), history: s.history?.length ?? 0,
  };
}

const local = (d: Date) => zonedParts(d, TIME_ZONE);
const HOUR = 3_600_000;

async function serviceId(server: TestServer, slot: Day): Promise<string> {
  const s = await server.db.prisma.service.findFirst({ where: { nameSq: slot.service, business: { slug: slot.business } }, select: { id: true } });
  if (!s) throw new Error(`corpus: no service "${slot.service}" at ${slot.business}`);
  return s.id;
}

/**
 * Checks that every slot the corpus books, moves to or starts from is open and free on the empty
 * calendar at `now`: a wrong day in a script is a mistake of the corpus, not of the dialog.
 */
export async function checkCorpus(server: TestServer, corpus: Conversation[], now: Date): Promise<string[]> {
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const c of corpus) {
    if (ids.has(c.id)) problems.push(`${c.id}: duplicate id`);
    ids.add(c.id);
    if (!c.say.length) problems.push(`${c.id}: no messages`);
    const slots: Slot[] = [];
    if (c.setup) slots.push(c.setup);
    if (c.earlier) slots.push(c.earlier);
    if (c.earlier && c.setup) problems.push(`${c.id}: a booking made elsewhere is for a chat with nothing booked in it`);
    slots.push(...(c.more ?? []));
    if (c.more?.length && !c.setup) problems.push(`${c.id}: more bookings need a setup booking first`);
    if (c.goal.kind === "holds") slots.push(...c.goal.active);
    if (c.goal.kind === "answered") {
      const have = [c.setup, ...(c.more ?? [])].filter((x): x is Slot => !!x).map((x) => `${x.business} ${x.service} ${x.date} ${x.time}`);
      for (const x of [...c.goal.confirmed, ...c.goal.cancelled]) if (!have.includes(`${x.business} ${x.service} ${x.date} ${x.time}`)) problems.push(`${c.id}: ${x.business} ${x.date} ${x.time} is not a booking of the chat`);
    }
    if (c.goal.kind === "booked" || c.goal.kind === "again" || c.goal.kind === "paid") slots.push(c.goal);
    if (c.goal.kind === "again" && !c.setup) problems.push(`${c.id}: a second booking needs a setup booking`);
    if (c.goal.kind === "left" && !c.waits) problems.push(`${c.id}: leaving the waiting list needs a place on it (waits)`);
    if (c.goal.kind === "declined" && !c.offered) problems.push(`${c.id}: declining needs a place offered (offered)`);
    if (c.offered && !(c.waits && (c.full ?? []).some((f) => f.business === c.waits!.business && f.service === c.waits!.service && f.date === c.waits!.date))) {
      problems.push(`${c.id}: a place offered needs a place on the waiting list (waits) for a day filled (full)`);
    }
    if (c.goal.kind === "erased" && !c.setup) problems.push(`${c.id}: erasing needs data: a setup booking`);
    if ((c.goal.kind === "late" || c.goal.kind === "channels" || c.goal.kind === "confirmed") && !c.setup && !c.earlier) problems.push(`${c.id}: ${c.goal.kind} needs a setup booking`);
    if (c.reminded) {
      if (!c.setup) problems.push(`${c.id}: a reminder answered needs a setup booking`);
      else {
        // The reminder went out at its due time, before now, and is the last one sent: now is before the
        // 2 h reminder's time (for "24h") and before the start.
        const ahead = zonedToUtc(c.setup.date, c.setup.time, TIME_ZONE).getTime() - now.getTime();
        const [from, to] = c.reminded === "24h" ? [2 * HOUR, 24 * HOUR] : [0, 2 * HOUR];
        if (!(ahead > from && ahead <= to)) problems.push(`${c.id}: ${c.setup.date} ${c.setup.time}: its ${c.reminded} reminder is not the last one sent by now`);
        // The other bookings are reminded too, each by its reminder sent last by now (24 h or 2 h).
        for (const m of c.more ?? []) {
          const left = zonedToUtc(m.date, m.time, TIME_ZONE).getTime() - now.getTime();
          if (!(left > 0 && left <= 24 * HOUR)) problems.push(`${c.id}: ${m.date} ${m.time}: no reminder of it is sent by now`);
        }
      }
    }
    if (c.goal.kind === "moved") {
      const base = c.setup ?? c.earlier ?? null;
      if (base) slots.push({ ...base, date: c.goal.date, time: c.goal.time });
    }
    const full = c.full ?? [];
    if (c.goal.kind === "waiting") {
      const g = c.goal;
      if (!full.some((f) => f.business === g.business && f.service === g.service && f.date === g.date)) problems.push(`${c.id}: the waiting list's day ${g.date} is not one of the days filled`);
    }
    for (const f of full) {
      try {
        if (!(await server.runtime.availability.slots(await serviceId(server, f), f.date, now)).length) problems.push(`${c.id}: ${f.business} ${f.service} ${f.date} has no free place to fill`);
      } catch (err) {
        problems.push(`${c.id}: ${(err as Error).message}`);
      }
    }
    // The place offered is one of a full day's: its booking is cancelled before the first message.
    const isOffered = (s: Slot) => !!c.offered && !!c.waits && s.business === c.waits.business && s.service === c.waits.service &&
      s.date === c.waits.date && s.time === c.offered;
    if (c.offered && c.waits) slots.push({ ...c.waits, time: c.offered });
    for (const s of slots) {
      if (!isOffered(s) && full.some((f) => f.business === s.business && f.date === s.date)) problems.push(`${c.id}: ${s.business} ${s.date} ${s.time} is on a day filled before the conversation`);
      try {
        const free = await server.runtime.availability.slots(await serviceId(server, s), s.date, now);
        const at = zonedToUtc(s.date, s.time, TIME_ZONE).getTime();
        if (!free.some((x) => x.start.getTime() === at)) problems.push(`${c.id}: ${s.business} ${s.service} ${s.date} ${s.time} is not a free slot`);
      } catch (err) {
        problems.push(`${c.id}: ${(err as Error).message}`);
      }
    }
  }
  return problems;
}

type BookingRow = { id: string; status: string; start: Date; business: { slug: string }; service: { nameSq: string } };

const describe = (b: BookingRow) => {
  const p = local(b.start);
  return `${b.business.slug} ${b.service.nameSq} ${p.date} ${p.time} (${b.status})`;
};

/** Whether the goal holds now; when not, what the database shows. */
async function checkGoal(server: TestServer, convId: string, goal: Goal, replies: string[], channel?: Conversation["channel"], earlierId?: string): Promise<{ ok: boolean; reason: string }> {
  const prisma = server.db.prisma;
  // This conversation's bookings, and the one made elsewhere before it (counted as its first).
  const mine = earlierId ? { OR: [{ conversationId: convId }, { id: earlierId }] } : { conversationId: convId };
  if (goal.kind === "ticket") {
    const tickets = await prisma.ticket.findMany({ where: { conversationId: convId }, select: { kind: true, description: true } });
    const fits = (x: { kind: string; description: string }) => (!goal.type || x.kind === goal.type) &&
      (goal.about ?? []).every((w) => fold(x.description).includes(fold(w)));
    return { ok: tickets.some(fits), reason: tickets.length ? `tickets: ${tickets.map((x) => `${x.kind} «${short(x.description, 60)}»`).join("; ")}` : "no ticket opened" };
  }
  if (goal.kind === "late" || goal.kind === "channels") {
    const first = await prisma.booking.findFirst({
      where: mine, orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { lateMinutes: true, customer: { select: { notifyChannels: true } } },
    });
    if (goal.kind === "late") return { ok: first?.lateMinutes === goal.minutes, reason: first ? `late: ${first.lateMinutes ?? "not told"}` : "no booking" };
    const have = [...(first?.customer?.notifyChannels ?? [])].sort();
    const want = [...goal.channels].sort();
    return { ok: have.length === want.length && have.every((c, i) => c === want[i]), reason: `channels: ${have.join(", ") || "the default"}` };
  }
  if (goal.kind === "waiting") return checkWaiting(server, convId, goal);
  if (goal.kind === "left") {
    const entries = await prisma.waitlistEntry.findMany({ where: { conversationId: convId }, select: { status: true } });
    return { ok: entries.length > 0 && entries.every((e) => e.status === "left"), reason: entries.length ? `waiting list: ${entries.map((e) => e.status).join(", ")}` : "no waiting list" };
  }
  if (goal.kind === "declined") {
    const offers = await prisma.waitlistOffer.findMany({ where: { entry: { conversationId: convId } }, select: { status: true } });
    const waiting = await prisma.waitlistEntry.count({ where: { conversationId: convId, status: "waiting" } });
    const held = await prisma.booking.count({ where: { conversationId: convId, status: { in: HOLDING_STATUSES } } });
    const ok = offers.some((o) => o.status === "declined") && waiting === 1 && held === 0;
    return { ok, reason: `offers: ${offers.map((o) => o.status).join(", ") || "none"}; ${waiting ? "still waiting" : "not waiting"}; ${held} booking(s) held` };
  }
  if (goal.kind === "confirmed") {
    const first = await prisma.booking.findFirst({
      where: mine, orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { status: true, customerConfirmedAt: true },
    });
    const ok = !!first?.customerConfirmedAt && HOLDING_STATUSES.includes(first.status);
    return { ok, reason: first ? `booking ${first.status}, ${first.customerConfirmedAt ? "confirmed by the customer" : "not confirmed by the customer"}` : "no booking" };
  }
  if (goal.kind === "answered") {
    const all = await prisma.booking.findMany({
      where: mine, orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { status: true, start: true, customerConfirmedAt: true, business: { select: { slug: true } }, service: { select: { nameSq: true } } },
    });
    const key = (x: { business: string; service: string; date: string; time: string }) => `${x.business} ${x.service} ${x.date} ${x.time}`;
    const of = (b: (typeof all)[number]) => key({ business: b.business.slug, service: b.service.nameSq, ...local(b.start) });
    const same = (have: string[], want: Slot[]) => have.length === want.length && [...have].sort().every((k, i) => k === want.map(key).sort()[i]);
    const yes = all.filter((b) => HOLDING_STATUSES.includes(b.status) && b.customerConfirmedAt).map(of);
    const no = all.filter((b) => b.status === "cancelled").map(of);
    return { ok: same(yes, goal.confirmed) && same(no, goal.cancelled), reason: `confirmed: ${yes.join("; ") || "none"}; cancelled: ${no.join("; ") || "none"}` };
  }
  if (goal.kind === "erased") {
    const conv = await prisma.conversation.findUnique({ where: { id: convId }, select: { erasedAt: true } });
    return { ok: !!conv?.erasedAt, reason: "the data was not erased" };
  }
  const rows: BookingRow[] = await prisma.booking.findMany({
    where: mine,
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, status: true, start: true, business: { select: { slug: true } }, service: { select: { nameSq: true } } },
  });
  const active = rows.filter((b) => HOLDING_STATUSES.includes(b.status));
  const shows = rows.length ? `bookings: ${rows.map(describe).join("; ")}` : "no booking";
  if (goal.kind === "paid") {
    const paid = await prisma.booking.findMany({ where: { id: { in: active.map((b) => b.id) } }, select: { status: true, paymentStatus: true } });
    const b = active[0];
    const p = b ? local(b.start) : null;
    const ok = active.length === 1 && b.business.slug === goal.business && b.service.nameSq === goal.service && p!.date === goal.date && p!.time === goal.time &&
      paid[0]?.status === "confirmed" && ["paid", "deposit_paid"].includes(paid[0]?.paymentStatus ?? "");
    return { ok, reason: `${shows}${paid[0] ? `; payment: ${paid[0].paymentStatus}` : ""}` };
  }
  if (goal.kind === "holds") {
    const key = (x: { business: string; service: string; date: string; time: string }) => `${x.business} ${x.service} ${x.date} ${x.time}`;
    const have = active.map((b) => key({ business: b.business.slug, service: b.service.nameSq, ...local(b.start) })).sort();
    const want = goal.active.map(key).sort();
    return { ok: have.length === want.length && have.every((k, i) => k === want[i]), reason: shows };
  }
  if (goal.kind === "cancelled") {
    return { ok: rows.length > 0 && active.length === 0, reason: shows };
  }
  if (goal.kind === "moved") {
    const first = rows[0];
    const p = first ? local(first.start) : null;
    const ok = !!first && active.length === 1 && active[0].id === first.id && p!.date === goal.date && p!.time === goal.time;
    return { ok, reason: shows };
  }
  if (goal.kind === "again") {
    const first = rows[0];
    const others = active.filter((b) => b.id !== first?.id);
    const ok = !!first && active.some((b) => b.id === first.id) && others.length === 1 && others[0].business.slug === goal.business &&
      others[0].service.nameSq === goal.service && local(others[0].start).date === goal.date && local(others[0].start).time === goal.time;
    return { ok, reason: shows };
  }
  const hit = active.length === 1 && active[0].business.slug === goal.business && active[0].service.nameSq === goal.service &&
    local(active[0].start).date === goal.date && local(active[0].start).time === goal.time;
  const missingFaq = (goal.faq ?? []).filter((id) => !faqAnswered(id, replies, channel));
  if (hit && missingFaq.length === 0) return { ok: true, reason: "" };
  return { ok: false, reason: [missingFaq.length ? `FAQ not answered: ${missingFaq.join(", ")}` : "", hit ? "" : shows].filter(Boolean).join("; ") };
}

/** The conversation waits for the goal's day (the part of the day asked for, when given), and holds no booking. */
async function checkWaiting(server: TestServer, convId: string, goal: Extract<Goal, { kind: "waiting" }>): Promise<{ ok: boolean; reason: string }> {
  const prisma = server.db.prisma;
  const entries = await prisma.waitlistEntry.findMany({
    where: { conversationId: convId, status: "waiting" },
    select: { date: true, fromMin: true, toMin: true, serviceId: true },
  });
  const names = new Map((await prisma.service.findMany({
    where: { id: { in: entries.map((e) => e.serviceId) } }, select: { id: true, nameSq: true, business: { select: { slug: true } } },
  })).map((s) => [s.id, `${s.business.slug} ${s.nameSq}`]));
  const hhmm = (min: number) => `${String(Math.floor(min / 60)).padStart(2, "0")}:${String(min % 60).padStart(2, "0")}`;
  const held = await prisma.booking.count({ where: { conversationId: convId, status: { in: HOLDING_STATUSES } } });
  const ok = held === 0 && entries.length === 1 && entries.some((e) => names.get(e.serviceId) === `${goal.business} ${goal.service}` &&
    e.date === goal.date && (!goal.from || hhmm(e.fromMin) === goal.from) && (!goal.to || hhmm(e.toMin) === goal.to));
  const shows = entries.length
    ? `waiting: ${entries.map((e) => `${names.get(e.serviceId)} ${e.date} ${hhmm(e.fromMin)}-${hhmm(e.toMin)}`).join("; ")}`
    : "not on a waiting list";
  return { ok, reason: held ? `${shows}; ${held} booking(s) held` : shows };
}

/** The questions of a conversation (`asks`) whose reply does not show what they ask for, described. */
async function unansweredAsks(server: TestServer, c: Conversation, turns: TurnLog[]): Promise<string[]> {
  // The business and service asked about: the goal's booking, else the one made before the conversation.
  const g = (c.goal.kind === "booked" || c.goal.kind === "paid" ? c.goal : c.setup ?? {}) as Partial<Slot>;
  const service = g.business && g.service
    ? await server.db.prisma.service.findFirst({ where: { nameSq: g.service, business: { slug: g.business } }, include: { business: true } })
    : null;
  const out: string[] = [];
  for (const a of c.asks ?? []) {
    const turn = turns[a.at - 1];
    if (!turn) {
      out.push(`message ${a.at} was not sent`);
      continue;
    }
    const reply = turn.reply;
    const b = service?.business;
    const has = (text: string) => shows(reply, text, c.channel);
    const shown = a.shows === "phone" ? !!b && has(formatPhone(b.phone))
      : a.shows === "address" ? !!b && has(b.address)
      : a.shows === "price" ? !!service && has(formatPrice(c.lang, service.priceLek))
      : a.shows === "minutes" ? !!service && new RegExp(`\\b${service.durationMin} minut`).test(reply)
      : a.shows === "hours" ? (c.channel === "sms" ? /\d{2}:\d{2}-\d{2}:\d{2}/ : /\d{2}:\d{2}–\d{2}:\d{2}/).test(reply) || has(`: ${t(c.lang, "common:closedDay")}.`)
      // How the business is paid: for the service booked, or for the business as a whole when the question named no service.
      : a.shows === "payment" ? !!b && !!service && [service.priceLek, Number.MAX_SAFE_INTEGER].some((price) => has(paymentText(c.lang, b, price, !!server.runtime.services.payments)))
      : faqAnswered(a.shows.slice(4), [reply], c.channel);
    if (!shown) out.push(`message ${a.at} «${short(turn.text, 40)}» not answered with the ${a.shows}: «${short(reply, 90)}»`);
  }
  return out;
}

/** The answer of FAQ entry `id` (its locale text, either language) is among the bot's replies. */
function faqAnswered(id: string, replies: string[], channel?: Conversation["channel"]): boolean {
  const answers = (["sq", "en"] as const).filter((l) => hasKey(l, `faq:answers.${id}`)).map((l) => t(l, `faq:answers.${id}`));
  return answers.length > 0 && replies.some((r) => answers.some((a) => shows(r, a, channel)));
}

/**
 * A reply shows a text as the channel writes it: by SMS without ë and ç and with plain quotes (GSM-7),
 * and on WhatsApp and SMS with line breaks where a long text was split into messages.
 */
function shows(reply: string, text: string, channel?: Conversation["channel"]): boolean {
  if (!channel) return reply.includes(text);
  const flat = (x: string) => x.replace(/\s+/g, " ").trim();
  return flat(reply).includes(flat(channel === "sms" ? smsText(text) : text));
}

/** Options for {@link runCorpus}. */
export interface RunOptions {
  now: Date;
  /** Stop starting new conversations after this many ms (the rest count as not run, i.e. failed). */
  budgetMs?: number;
  /** Longest wait for one reply. */
  turnTimeoutMs?: number;
  onResult?: (r: ConversationResult) => void;
  /** For conversations on WhatsApp or SMS: the fake Twilio API the server sends through (see phoneChannels). */
  twilio?: FakeTwilio;
  /** For conversations with a booking made elsewhere: the fake mail server its one-time codes reach. */
  smtp?: FakeSmtp;
  /** For conversations on Telegram: the fake Bot API the server's bot talks to (see phoneChannels). */
  telegram?: FakeTelegram;
  /** For conversations that pay online ("{pay}"): the fake Stripe API the server's payments use. */
  stripe?: FakeStripe;
}

/** Runs every conversation, one after the other, each in a fresh web chat session (or from a phone of its own). */
export async function runCorpus(server: TestServer, corpus: Conversation[], opts: RunOptions): Promise<ConversationResult[]> {
  const results: ConversationResult[] = [];
  const began = performance.now();
  for (const c of corpus) {
    if (opts.budgetMs && performance.now() - began > opts.budgetMs) {
      results.push({ id: c.id, category: c.category, lang: c.lang, ok: false, turns: [], reason: "not run: time budget used up", lastReply: "" });
      continue;
    }
    const r = await runOne(server, c, opts);
    results.push(r);
    opts.onResult?.(r);
  }
  return results;
}

async function runOne(server: TestServer, c: Conversation, opts: RunOptions): Promise<ConversationResult> {
  const prisma = server.db.prisma;
  if (c.channel === "telegram" ? !opts.telegram : c.channel && !opts.twilio) throw new Error(`${c.id} is typed on ${c.channel}: the server needs it (phoneChannels, typedCorpusEnv)`);
  const phone = c.channel === "telegram" ? new TelegramCustomer(server, opts.telegram!, c) : c.channel ? new PhoneChat(server, opts.twilio!, { ...c, channel: c.channel }) : undefined;
  const client = phone ?? new WebChatClient(server.url);
  const turns: TurnLog[] = [];
  const seen: string[] = [];
  let convId = "";
  /** The bookings that filled this conversation's full days. */
  const fills: string[] = [];
  /** The booking made elsewhere before the conversation (`earlier`), and the one-time codes sent for it. */
  let earlierId: string | undefined;
  /** The chat's bookings whose reminder was sent before the first message (`reminded`). */
  const toRemind: { id: string; start: Date; kind: "24h" | "2h" }[] = [];
  const codes = new CodeReader(server, c, opts);
  let result: ConversationResult;
  try {
    if (client instanceof WebChatClient) {
      const greeting = await client.start({ lang: c.start?.lang ?? c.lang, ...(c.start?.business ? { business: c.start.business } : {}) });
      convId = client.sessionId;
      seen.push(...greeting.map((r) => r.text ?? ""));
    } else {
      // On a phone the customer writes first; a chat with something made before has talked earlier.
      convId = await client.conversation(!!(c.setup || c.waits));
    }
    for (const [i, s] of (c.setup ? [c.setup, ...(c.more ?? [])] : []).entries()) {
      // A booking to be reminded is made with the customer's own phone on the chat's channel; the others are the web's.
      const own = c.reminded ? { phone: phoneOf(c.id), channel: c.channel ?? ("web" as const) } : { phone: "+355691234567", channel: "web" as const };
      const booked = await server.runtime.bookings.book({
        serviceId: await serviceId(server, s),
        start: zonedToUtc(s.date, s.time, TIME_ZONE),
        contact: { name: "Klient Rezervo", email: `${c.id}@example.al`, phone: own.phone },
        channel: own.channel,
        conversationId: convId,
        requestKey: i ? `corpus-setup:${convId}:${i}` : `corpus-setup:${convId}`,
        lang: c.lang,
        now: opts.now,
      });
      if (!booked.ok) throw new Error(`setup booking ${s.date} ${s.time} not free`);
      if (c.reminded) toRemind.push({ id: booked.booking.id, start: booked.booking.start, kind: i ? (booked.booking.start.getTime() - opts.now.getTime() <= 2 * HOUR ? "2h" : "24h") : c.reminded });
    }
    // Reminders go out in the order they were due, each joining the question of those not yet answered.
    toRemind.sort((a, b) => ReminderDispatcher.dueAt(a.start, a.kind).getTime() - ReminderDispatcher.dueAt(b.start, b.kind).getTime());
    for (const r of toRemind) await remind(server, convId, r);
    if (c.earlier) {
      // Made in another web chat session with this customer's email and phone, before this conversation.
      const other = await server.runtime.conversations.start({ channel: "web", externalId: `earlier-${c.id}` }, { lang: c.lang });
      const booked = await server.runtime.bookings.book({
        serviceId: await serviceId(server, c.earlier),
        start: zonedToUtc(c.earlier.date, c.earlier.time, TIME_ZONE),
        contact: { name: "Klient Rezervo", email: `${c.id}@example.al`, phone: phoneOf(c.id) },
        channel: "web",
        conversationId: other.conversationId,
        requestKey: `corpus-earlier:${c.id}`,
        lang: c.lang,
        now: opts.now,
      });
      if (!booked.ok) throw new Error(`earlier booking ${c.earlier.date} ${c.earlier.time} not free`);
      earlierId = booked.booking.id;
    }
    if (c.waits) {
      const sid = await serviceId(server, c.waits);
      const svc = await prisma.service.findUniqueOrThrow({ where: { id: sid }, select: { businessId: true } });
      await prisma.waitlistEntry.create({
        data: { businessId: svc.businessId, serviceId: sid, date: c.waits.date, conversationId: convId, contactName: "Klient Rezervo", contactEmail: `${c.id}@example.al`, contactPhone: "+355691234567", lang: c.lang },
      });
    }
    for (const f of c.full ?? []) fills.push(...(await fillDay(prisma, server.runtime.availability, await serviceId(server, f), f.date, opts.now)).map((b) => b.id));
    if (c.offered && c.waits) await offerPlace(server, convId, c.waits, c.offered, fills);
    let state = await stateOf(server, convId);
    let goal = await checkGoal(server, convId, c.goal, seen, c.channel, earlierId);
    let turnsToGoal: number | undefined;
    // A conversation with questions to check goes on at least until they are asked.
    const lastAsk = Math.max(0, ...(c.asks ?? []).map((a) => a.at));
    for (let i = 0; i < c.say.length && (!goal.ok || i < lastAsk); i++) {
      const text = await codes.fill(c.say[i]);
      const t0 = performance.now();
      const replies = text === "{pay}"
        ? await payOnline(server, convId, opts.stripe)
        : await withTimeout(client.say(text), opts.turnTimeoutMs ?? 15_000, `reply to «${text}»`);
      const ms = performance.now() - t0;
      seen.push(...replies.map((r) => r.text ?? ""));
      if (!convId && phone) convId = await phone.conversation(false);
      const next = await stateOf(server, convId);
      // Staying at the main menu is only a miss when the bot says so (a greeting is answered with the menu).
      const sameStep = next.flow === state.flow && next.step === state.step && next.flow !== "menu";
      const answeredFaq = c.goal.kind === "booked" && (c.goal.faq ?? []).some((id) => faqAnswered(id, replies.map((r) => r.text ?? ""), c.channel));
      const miss = !answeredFaq && (next.misses > state.misses || next.attempts > state.attempts ||
        (sameStep && next.data === state.data) || (next.flow === state.flow && next.flow !== "menu" && next.history < state.history));
      turns.push({ text, ms, before: `${state.flow}.${state.step}`, after: `${next.flow}.${next.step}`, miss, reply: replyText(replies) });
      state = next;
      goal = await checkGoal(server, convId, c.goal, seen, c.channel, earlierId);
      if (goal.ok && turnsToGoal === undefined) turnsToGoal = i + 1;
    }
    // The questions asked on the way were answered with what they ask for.
    if (goal.ok && c.asks?.length) {
      const unanswered = await unansweredAsks(server, c, turns);
      if (unanswered.length) goal = { ok: false, reason: unanswered.join("; ") };
    }
    const firstMiss = turns.findIndex((x) => x.miss);
    result = {
      id: c.id, category: c.category, lang: c.lang, ok: goal.ok, turnsToGoal, turns,
      ...(goal.ok ? {} : { reason: goal.reason }),
      ...(firstMiss >= 0 && !goal.ok ? { stuck: { step: turns[firstMiss].before, turn: firstMiss + 1, text: turns[firstMiss].text } } : {}),
      lastReply: turns.at(-1)?.reply ?? "",
    };
  } catch (err) {
    result = { id: c.id, category: c.category, lang: c.lang, ok: false, turns, reason: `error: ${(err as Error).message}`, lastReply: turns.at(-1)?.reply ?? "" };
  }
  // Release what this conversation holds and the days filled for it, so the next one sees the empty calendar.
  if (convId) {
    await prisma.booking.updateMany({ where: { conversationId: convId, status: { in: HOLDING_STATUSES } }, data: { status: "cancelled", cancelledAt: opts.now } });
    await prisma.waitlistEntry.updateMany({ where: { conversationId: convId, status: "waiting" }, data: { status: "ended" } });
    await prisma.waitlistOffer.updateMany({ where: { entry: { conversationId: convId }, status: "open" }, data: { status: "expired" } });
  }
  if (fills.length || earlierId) await prisma.booking.updateMany({ where: { id: { in: [...fills, ...(earlierId ? [earlierId] : [])] }, status: { in: HOLDING_STATUSES } }, data: { status: "cancelled", cancelledAt: opts.now } });
  return result;
}

/**
 * A script's `{email}`, `{phone}` (the customer's details of a booking made elsewhere) and `{code}` (the
 * last one-time code the bot sent to either, by the fake mail server or the fake Twilio API).
 */
class CodeReader {
  private readonly email: string;
  private readonly phone: string;
  constructor(private readonly server: TestServer, private readonly c: Conversation, private readonly opts: RunOptions) {
    this.email = `${c.id}@example.al`;
    this.phone = phoneOf(c.id);
  }

  /** The last code sent to the customer's email or phone (the SMS queued by the last turn delivered first). */
  private async lastCode(): Promise<string> {
    await this.server.runtime.features.twilio?.idle();
    const codeIn = (text: string) => /Rezervo[^\d]{0,40}(\d{6})\b/.exec(text.replace(/=\r?\n/g, ""))?.[1];
    for (let waited = 0; waited <= 3000; waited += 50) {
      const mails = (this.opts.smtp?.messages ?? []).filter((m) => m.to.includes(this.email)).map((m) => ({ at: m.at, code: codeIn(m.raw) }));
      const texts = (this.opts.twilio?.to(this.phone) ?? []).map((m) => ({ at: m.at, code: codeIn(m.params.Body ?? "") }));
      const last = [...mails, ...texts].filter((x) => x.code).sort((a, b) => a.at - b.at).at(-1);
      if (last?.code) return last.code;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error("{code}: no one-time code was sent to the customer's email or phone");
  }

  async fill(text: string): Promise<string> {
    let out = text.replaceAll("{email}", this.email).replaceAll("{phone}", this.phone.replace(/^\+355/, "0"));
    if (out.includes("{code}")) out = out.replaceAll("{code}", await this.lastCode());
    return out;
  }
}

/**
 * "{pay}": the customer pays on the payment page of the chat's newest unpaid booking (its open Stripe Checkout
 * session completes) and Stripe delivers the signed webhook; what the bot then sent to the chat is the answer.
 */
async function payOnline(server: TestServer, convId: string, stripe?: FakeStripe): Promise<Reply[]> {
  if (!stripe) throw new Error("{pay}: the server has no Stripe (typedCorpusEnv with a FakeStripe, RunOptions.stripe)");
  const prisma = server.db.prisma;
  const mine = new Set((await prisma.booking.findMany({ where: { conversationId: convId }, select: { id: true } })).map((b) => b.id));
  const open = [...stripe.sessions.values()].filter((s) => s.status === "open" && mine.has(String(s.metadata?.bookingId ?? ""))).at(-1);
  if (!open) throw new Error("{pay}: no payment page is open for this chat's bookings");
  const last = await prisma.message.findFirst({ where: { conversationId: convId }, orderBy: { id: "desc" }, select: { id: true } });
  const paid = stripe.event("checkout.session.completed", stripe.pay(open.id));
  const res = await fetch(`${server.url}/webhooks/stripe`, { method: "POST", headers: { "content-type": "application/json", "stripe-signature": stripe.sign(paid.payload) }, body: paid.payload });
  if (res.status !== 200) throw new Error(`{pay}: the webhook was answered ${res.status}`);
  const sent = await prisma.message.findMany({ where: { conversationId: convId, direction: "out", id: { gt: last?.id ?? 0n } }, orderBy: { id: "asc" }, select: { body: true } });
  return sent.map((m) => ({ text: String((m.body as { text?: string } | null)?.text ?? "") }));
}

/**
 * Frees the place at `time` on the waiting list's day (the booking that filled it is cancelled) and has the
 * waiting list look for the next in line, as its job does: the offer goes to this chat by its usual message.
 */
async function offerPlace(server: TestServer, convId: string, day: Day, time: string, fills: string[]): Promise<void> {
  const prisma = server.db.prisma;
  const wl = server.runtime.features.waitlist;
  if (!wl) throw new Error("the waiting list is off");
  const start = zonedToUtc(day.date, time, TIME_ZONE);
  const svc = await prisma.service.findUniqueOrThrow({ where: { id: await serviceId(server, day) }, select: { businessId: true, durationMin: true } });
  const end = new Date(start.getTime() + svc.durationMin * 60_000);
  // The day was filled at every start: the booking at the place's time is cancelled, then those over its
  // time (later ones first) until it is free, so that it is the place the waiting list finds.
  const over = await prisma.booking.findMany({ where: { id: { in: fills }, start: { lt: end }, end: { gt: start } }, select: { id: true, start: true } });
  const rank = (d: Date) => (d.getTime() === start.getTime() ? 0 : d > start ? 1 : 2);
  over.sort((x, y) => rank(x.start) - rank(y.start) || (rank(x.start) === 2 ? y.start.getTime() - x.start.getTime() : x.start.getTime() - y.start.getTime()));
  const isFree = async () => (await server.runtime.availability.slots(await serviceId(server, day), day.date, server.runtime.clock())).some((x) => x.start.getTime() === start.getTime());
  for (const b of over) {
    if (await isFree()) break;
    await prisma.booking.update({ where: { id: b.id }, data: { status: "cancelled", cancelledAt: server.runtime.clock() } });
  }
  if (!(await isFree())) throw new Error(`${day.date} ${time} could not be freed`);
  // Places freed with it (an earlier start the cancelled bookings also covered) are filled again.
  fills.push(...(await fillDay(prisma, server.runtime.availability, await serviceId(server, day), day.date, server.runtime.clock(), start)).map((b) => b.id));
  await wl.scheduler.runScan(svc.businessId);
  const offer = await prisma.waitlistOffer.findFirst({ where: { entry: { conversationId: convId }, status: "open", start }, select: { id: true } });
  if (!offer) {
    const all = await prisma.waitlistOffer.findMany({ where: { entry: { conversationId: convId } }, select: { start: true, status: true } });
    throw new Error(`the place at ${day.date} ${time} was not offered to this chat (offers: ${all.map((o) => `${local(o.start).date} ${local(o.start).time} ${o.status}`).join(", ") || "none"})`);
  }
  const conv = await prisma.conversation.findUniqueOrThrow({ where: { id: convId }, select: { state: true } });
  const pending = (conv.state as { pending?: { by?: string } }).pending;
  if (!pending?.by) throw new Error("the offer is not the chat's question");
}

/**
 * The reminder job sent the booking's reminder at its due time (before the conversation; the customer
 * answers it now), through the app's notifier: it asks PO / JO in the chat.
 */
async function remind(server: TestServer, convId: string, r: { id: string; start: Date; kind: "24h" | "2h" }): Promise<void> {
  const { id: bookingId, kind } = r;
  const due = ReminderDispatcher.dueAt(r.start, kind);
  const dispatcher = new ReminderDispatcher({ prisma: server.db.prisma, notifier: server.runtime.notifier, log: createLogger("silent"), clock: () => due, maxAttempts: 1 });
  const out = await dispatcher.run(bookingId, kind);
  if (out.kind !== "done" || !out.sent) throw new Error(`the ${kind} reminder was not sent: ${JSON.stringify(out)}`);
  await server.runtime.features.twilio?.idle();
  const conv = await server.db.prisma.conversation.findUniqueOrThrow({ where: { id: convId }, select: { state: true } });
  if ((conv.state as { pending?: { by?: string } }).pending?.by !== "reminder") throw new Error("the reminder is not the chat's question");
}

async function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([p, new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`timeout: ${what}`)), ms); })]);
  } finally {
    clearTimeout(timer);
  }
}

// ------------------------------------------------------------------------------------------ figures

const median = (xs: number[]) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const percentile = (xs: number[], p: number) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

/** A rate: completed of all. */
export interface Rate { ok: number; n: number; pct: number }
const rate = (rs: ConversationResult[]): Rate => {
  const ok = rs.filter((r) => r.ok).length;
  return { ok, n: rs.length, pct: rs.length ? Math.round((1000 * ok) / rs.length) / 10 : 0 };
};

/** The figures of a run. */
export interface Summary {
  completion: Rate;
  /** Median customer messages until the booking existed, over completed booking conversations. */
  medianTurnsToBook: number;
  /** Same, for one-shot requests only (target: <= 6). */
  medianTurnsOneShot: number;
  categories: Record<string, Rate>;
  turnMs: { median: number; p95: number; max: number; turns: number };
  failures: { id: string; stuck: string; lastReply: string; reason: string }[];
}

const CATEGORY_LABELS: [string, (r: ConversationResult) => boolean][] = [
  ["one-shot booking", (r) => r.category === "oneshot"],
  ["step-by-step", (r) => r.category === "steps"],
  ["FAQ + book", (r) => r.category === "faq-book"],
  ["move", (r) => r.category === "move"],
  ["cancel", (r) => r.category === "cancel"],
  ["ticket", (r) => r.category === "ticket"],
  ["book again", (r) => r.category === "again"],
  ["waiting list", (r) => r.category === "waitlist"],
  ["one's data", (r) => r.category === "privacy"],
  ["running late", (r) => r.category === "late"],
  ["reminder channels", (r) => r.category === "reminders"],
  ["Albanian (all)", (r) => r.lang === "sq"],
  ["English (all)", (r) => r.lang === "en"],
];

/** Completion, turns to book, per-category rates, turn times and the failures. */
export function summarise(results: ConversationResult[]): Summary {
  const bookingKinds = new Set<Category>(["oneshot", "steps", "faq-book"]);
  const toBook = results.filter((r) => r.ok && bookingKinds.has(r.category)).map((r) => r.turnsToGoal ?? 0);
  const oneShot = results.filter((r) => r.ok && r.category === "oneshot").map((r) => r.turnsToGoal ?? 0);
  const ms = results.flatMap((r) => r.turns.map((x) => x.ms));
  return {
    completion: rate(results),
    medianTurnsToBook: median(toBook),
    medianTurnsOneShot: median(oneShot),
    categories: Object.fromEntries(CATEGORY_LABELS.map(([label, pick]) => [label, rate(results.filter(pick))])),
    turnMs: { median: round1(median(ms)), p95: round1(percentile(ms, 95)), max: round1(ms.length ? Math.max(...ms) : NaN), turns: ms.length },
    failures: results.filter((r) => !r.ok).map((r) => ({
      id: r.id,
      stuck: r.stuck ? `${r.stuck.step} at message ${r.stuck.turn} «${short(r.stuck.text, 60)}»` : r.turns.length ? `ended at ${r.turns.at(-1)!.after}` : "-",
      lastReply: short(r.lastReply),
      reason: r.reason ?? "",
    })),
  };
}

const round1 = (x: number) => Math.round(x * 10) / 10;
const fmtRate = (r: Rate) => `${r.ok}/${r.n} (${r.pct.toFixed(1)}%)`;
const fmtNum = (x: number) => (Number.isFinite(x) ? String(x) : "-");

/** The report as lines of text. */
export function report(s: Summary): string[] {
  const lines = [
    `completion:              ${fmtRate(s.completion)}  (goal >= 95%)`,
    `median messages to book: ${fmtNum(s.medianTurnsToBook)}  (one-shot: ${fmtNum(s.medianTurnsOneShot)}; goal <= 6)`,
    "per category:",
    ...Object.entries(s.categories).filter(([, r]) => r.n > 0).map(([k, r]) => `  ${`${k}:`.padEnd(22)}${fmtRate(r)}`),
    `time per turn:           median ${s.turnMs.median} ms, p95 ${s.turnMs.p95} ms, max ${s.turnMs.max} ms (${s.turnMs.turns} turns)`,
  ];
  if (s.failures.length) {
    lines.push(`failed (${s.failures.length}):`);
    for (const f of s.failures) {
      lines.push(`  ${f.id.padEnd(9)} stuck: ${f.stuck}`);
      lines.push(`  ${"".padEnd(9)} bot:   ${f.lastReply || "-"}`);
      if (f.reason) lines.push(`  ${"".padEnd(9)} db:    ${f.reason}`);
    }
  }
  return lines;
}
