import type Stripe from "stripe";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { Logger } from "../log.ts";
import type { PaymentsService } from "./service.ts";

/** A claim ("expiring") older than this was left by a process that stopped mid-way and is taken again. */
const STALE_CLAIM_MS = 5 * 60_000;
const BATCH = 50;

/**
 * Releases holds whose payment never came, also when Stripe's webhook is lost. Each due Payment row
 * is claimed in the database first (pending -> expiring, one conditional update), so two processes never
 * work on the same one. The Checkout Session is then expired at Stripe; if Stripe says it was already
 * paid, the booking is confirmed instead. Returns how many payments were settled.
 */
export async function sweepExpiredPayments(deps: { prisma: PrismaClient; stripe: Stripe; payments: PaymentsService; log: Logger }, now: Date): Promise<number> {
  const { prisma, stripe, payments, log } = deps;
  const dueBefore = new Date(now.getTime() - payments.holdMinutes * 60_000);
  const rows = await prisma.payment.findMany({
    where: {
      OR: [
        { status: "pending", createdAt: { lte: dueBefore } },
        { status: "expiring", updatedAt: { lte: new Date(now.getTime() - STALE_CLAIM_MS) } },
      ],
    },
    orderBy: { createdAt: "asc" },
    take: BATCH,
  });
  let settled = 0;
  for (const row of rows) {
    const claim = await prisma.payment.updateMany({ where: { id: row.id, status: row.status, updatedAt: row.updatedAt }, data: { status: "expiring", updatedAt: now } });
    if (claim.count !== 1) continue;
    try {
      const session = row.providerRef ? await closeSession(stripe, row.providerRef) : null;
      if (session && session.status === "complete" && session.payment_status !== "unpaid") {
        if (await payments.markPaid(session, now)) settled++;
      } else if (await payments.release(row.id, now, "expired", true)) {
        settled++;
      }
    } catch (err) {
      // Stripe unreachable: leave the hold for the next round rather than release a place that may be paid.
      await prisma.payment.updateMany({ where: { id: row.id, status: "expiring" }, data: { status: "pending" } });
      log.warn({ err, payment: row.id }, "payment expiry check failed; will retry");
    }
  }
  return settled;
}

/** Expires an open Checkout Session so it can no longer be paid; returns its final state. */
async function closeSession(stripe: Stripe, id: string): Promise<Stripe.Checkout.Session> {
  const session = await stripe.checkout.sessions.retrieve(id);
  if (session.status !== "open") return session;
  try {
    return await stripe.checkout.sessions.expire(id);
  } catch (err) {
    // Paid between the two calls (Stripe refuses to expire a complete session): read it again.
    const again = await stripe.checkout.sessions.retrieve(id);
    if (again.status === "open") throw err;
    return again;
  }
}

/** Runs the sweep every `everyMs` (a round at a time); stop() waits for a round in progress. */
export function startPaymentSweeper(run: () => Promise<number>, everyMs: number, log: Logger): { stop(): Promise<void> } {
  let current: Promise<unknown> | null = null;
  let stopped = false;
  const timer = setInterval(() => {
    if (stopped || current) return;
    current = run()
      .catch((err) => log.error({ err }, "payment sweep failed"))
      .finally(() => { current = null; });
  }, everyMs);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await current;
    },
  };
}
