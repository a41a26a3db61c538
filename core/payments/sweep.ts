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
export async function sweepExpiredPayments(deps: SweepDeps, now: Date): Promise<number> {
  const { prisma, payments } = deps;
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
  for (const row of rows) if (await settle(deps, row, now, true)) settled++;
  return settled;
}

/**
 * The payments still awaited for a booking the customer let go before paying: their Checkout Sessions are
 * expired at once, so the page can no longer take the money (one paid in the meantime is refunded, as a
 * payment after a released hold is). Stripe unreachable: left to the sweep, at the hold's end.
 */
export async function closeUnpaid(deps: SweepDeps, bookingId: string, now: Date): Promise<void> {
  const rows = await deps.prisma.payment.findMany({ where: { bookingId, status: "pending" } });
  for (const row of rows) await settle(deps, row, now, false);
}

type SweepDeps = { prisma: PrismaClient; stripe: Stripe; payments: PaymentsService; log: Logger };

/**
 * Settles one awaited payment: claimed (pending -> expiring, one conditional update), its session expired
 * at Stripe, then confirmed if Stripe says it was paid, else released. False when another process had it
 * or nothing changed; on a Stripe failure the claim is given back for a later round.
 */
async function settle({ prisma, stripe, payments, log }: SweepDeps, row: { id: string; status: string; updatedAt: Date; providerRef: string | null }, now: Date, notify: boolean): Promise<boolean> {
  const claim = await prisma.payment.updateMany({ where: { id: row.id, status: row.status, updatedAt: row.updatedAt }, data: { status: "expiring", updatedAt: now } });
  if (claim.count !== 1) return false;
  try {
    const session = row.providerRef ? await closeSession(stripe, row.providerRef) : null;
    if (session && session.status === "complete" && session.payment_status !== "unpaid") return await payments.markPaid(session, now);
    return await payments.release(row.id, now, "expired", notify);
  } catch (err) {
    // Stripe unreachable: leave the hold for the next round rather than release a place that may be paid.
    await prisma.payment.updateMany({ where: { id: row.id, status: "expiring" }, data: { status: "pending" } });
    log.warn({ err, payment: row.id }, "payment expiry check failed; will retry");
    return false;
  }
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
