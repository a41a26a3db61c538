/** A payment link for a booking held until it is paid. */
export type CheckoutResult =
  | { ok: true; url: string; kind: "full" | "deposit"; amountLek: number; holdMinutes: number }
  /** The online payment could not start: the booking was released (or was no longer waiting for payment). */
  | { ok: false; reason: "unavailable" | "not_pending" };

/** Online card payments (Stripe Checkout); present only when they are configured. */
export interface PaymentsPort {
  /** The payment page for a "pending_payment" booking (the same page on retries). */
  checkout(bookingId: string, lang: "sq" | "en", now: Date): Promise<CheckoutResult>;
}
