import { addDays, zonedParts, zonedToUtc } from "../../core/clock.ts";
import type { Config } from "../../core/config.ts";
import type { Logger } from "../../core/log.ts";
import type { NotUnderstoodEvent } from "../../core/observer.ts";
import { Mailer } from "../../core/reminders/mailer.ts";
import type { Contribution, FeatureModule, Kernel } from "../module.ts";
import { maskUnmatched } from "./mask.ts";
import { digestFigures, digestText, type DigestFigures } from "./report.ts";

/** A claim older than this whose digest was never marked sent (its instance died) may be taken over. */
const STALE_CLAIM_MS = 10 * 60_000;
/** Unmatched-message counts are kept this many days. */
const KEEP_DAYS = 30;
/** The first look after start (a digest missed while no instance ran is sent then). */
const FIRST_CHECK_MS = 60_000;

/** What running the digest did. */
export type DigestRunResult = { kind: "early" } | { kind: "taken"; day: string } | { kind: "sent"; day: string; via: "slack" | "email" | "log" } | { kind: "failed"; day: string };

/** The digest's parts (`rt.features.digest`). */
export interface DigestFeatures {
  /** Sends yesterday's digest if it is past DIGEST_HOUR and no instance has sent it yet. */
  runDue(now?: Date): Promise<DigestRunResult>;
  /** The figures and text of one day (YYYY-MM-DD). */
  figures(day: string): Promise<DigestFigures>;
  /** Resolves when the unmatched messages seen so far are written. */
  recorded(): Promise<void>;
}

async function postToSlack(c: Config, text: string): Promise<void> {
  const base = (c.SLACK_API_URL ?? "https://slack.com/api/").replace(/\/?$/, "/");
  const res = await fetch(`${base}chat.postMessage`, {
    method: "POST",
    headers: { "content-type": "application/json; charset=utf-8", authorization: `Bearer ${c.SLACK_BOT_TOKEN}` },
    body: JSON.stringify({ channel: c.SLACK_SUPPORT_CHANNEL, text, unfurl_links: false, unfurl_media: false }),
    signal: AbortSignal.timeout(15_000),
  });
  const body = (await res.json().catch(() => ({}))) as { ok?: boolean; error?: string };
  if (!res.ok || !body.ok) throw new Error(`slack chat.postMessage failed: ${res.status} ${body.error ?? ""}`);
}

/** Sends the digest where the staff read: Slack, else email to SUPPORT_EMAIL, else the log. */
async function deliver(c: Config, log: Logger, day: string, digest: { subject: string; text: string }): Promise<"slack" | "email" | "log"> {
  if (c.SLACK_BOT_TOKEN && c.SLACK_SUPPORT_CHANNEL) {
    await postToSlack(c, digest.text);
    return "slack";
  }
  if (c.SMTP_URL) {
    const mailer = new Mailer(c.SMTP_URL, c.SMTP_FROM);
    try {
      await mailer.sendMail({ to: c.SUPPORT_EMAIL, subject: digest.subject, text: digest.text });
    } finally {
      mailer.close();
    }
    return "email";
  }
  log.info({ day, digest: digest.text }, "support digest (no Slack or SMTP configured)");
  return "log";
}

function digestParts(rt: Kernel): { parts: DigestFeatures; record(e: NotUnderstoodEvent): void } {
  const { prisma, config, clock } = rt;
  const tz = config.TIME_ZONE;
  const log = rt.log.child({ part: "digest" });
  const me = `${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const writing = new Set<Promise<void>>();

  // One row per day and masked text, counted up: a cheap write off the turn, and no personal data kept.
  const record = (e: NotUnderstoodEvent) => {
    const text = maskUnmatched(e.text);
    if (!text) return;
    const day = zonedParts(e.at, tz).date;
    const p: Promise<void> = prisma.$executeRaw`
      INSERT INTO "UnmatchedMessage" (day, text, count, "lastAt") VALUES (${day}, ${text}, 1, ${e.at})
      ON CONFLICT (day, text) DO UPDATE SET count = "UnmatchedMessage".count + 1, "lastAt" = EXCLUDED."lastAt"`
      .then(() => {}, (err: unknown) => log.warn({ err }, "unmatched message not counted"))
      .finally(() => writing.delete(p));
    writing.add(p);
  };

  const runDue = async (now = clock()): Promise<DigestRunResult> => {
    const here = zonedParts(now, tz);
    if (here.hour < config.DIGEST_HOUR) return { kind: "early" };
    const day = addDays(here.date, -1);
    const claimed = await prisma.$queryRaw<{ day: string }[]>`
      INSERT INTO "DigestRun" (day, "claimedBy", "claimedAt") VALUES (${day}, ${me}, ${now})
      ON CONFLICT (day) DO UPDATE SET "claimedBy" = EXCLUDED."claimedBy", "claimedAt" = EXCLUDED."claimedAt"
       WHERE "DigestRun"."sentAt" IS NULL AND "DigestRun"."claimedAt" < ${new Date(now.getTime() - STALE_CLAIM_MS)}
      RETURNING day`;
    if (!claimed.length) return { kind: "taken", day };
    try {
      const digest = digestText(config.DEFAULT_LANG, await digestFigures(prisma, day, tz));
      const via = await deliver(config, log, day, digest);
      await prisma.$executeRaw`UPDATE "DigestRun" SET "sentAt" = ${now}, via = ${via} WHERE day = ${day}`;
      await prisma.$executeRaw`DELETE FROM "UnmatchedMessage" WHERE day < ${addDays(day, -KEEP_DAYS)}`;
      log.info({ day, via }, "support digest sent");
      return { kind: "sent", day, via };
    } catch (err) {
      // Let the next look (this instance's or another's) try again.
      await prisma.$executeRaw`DELETE FROM "DigestRun" WHERE day = ${day} AND "claimedBy" = ${me} AND "sentAt" IS NULL`.catch(() => {});
      log.error({ err, day }, "support digest not sent");
      return { kind: "failed", day };
    }
  };

  const parts: DigestFeatures = {
    runDue,
    figures: (day) => digestFigures(prisma, day, tz),
    async recorded() {
      while (writing.size) await Promise.all([...writing]);
    },
  };
  return { parts, record };
}

/** Milliseconds from `now` until the next DIGEST_HOUR:00 in the time zone (a few seconds after it). */
function untilNextRun(now: Date, tz: string, hour: number): number {
  const today = zonedParts(now, tz).date;
  const hh = `${String(hour).padStart(2, "0")}:00`;
  let at = zonedToUtc(today, hh, tz);
  if (at.getTime() <= now.getTime()) at = zonedToUtc(addDays(today, 1), hh, tz);
  return at.getTime() - now.getTime() + 5_000;
}

/**
 * The support team's daily digest (DIGEST=on): yesterday's bookings by channel, cancellations, tickets
 * opened and answered with the median first response, and the ten most frequent messages the bot did
 * not understand (masked) — at DIGEST_HOUR (08:00) Tirana time, to the Slack support channel, else by
 * email to SUPPORT_EMAIL, else to the log. Every server and worker looks; the one whose claim in the
 * database succeeds sends, so several instances send it once. Unmatched messages are counted by an
 * observer of the conversations in every role that runs turns.
 */
export const digestModule: FeatureModule<"digest", DigestFeatures> = {
  name: "digest",
  setup(rt) {
    const { parts, record } = digestParts(rt);
    const out: Contribution<DigestFeatures> = {
      observers: [{ notUnderstood: record }],
      close: [() => parts.recorded()],
      parts,
    };
    if (rt.config.DIGEST === "on") {
      out.jobs = [{
        name: "support digest",
        roles: ["server", "worker"],
        start() {
          let timer: NodeJS.Timeout | undefined;
          let running: Promise<unknown> = Promise.resolve();
          let stopped = false;
          const schedule = (ms: number) => {
            if (stopped) return;
            timer = setTimeout(() => {
              running = parts
                .runDue()
                .catch((err) => rt.log.error({ err }, "support digest check failed"))
                .finally(() => schedule(untilNextRun(rt.clock(), rt.config.TIME_ZONE, rt.config.DIGEST_HOUR)));
            }, Math.min(ms, 2 ** 31 - 1));
            timer.unref();
          };
          schedule(FIRST_CHECK_MS);
          return async () => {
            stopped = true;
            clearTimeout(timer);
            await running;
          };
        },
      }];
    }
    return out;
  },
};
