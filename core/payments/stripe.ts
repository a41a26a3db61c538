import Stripe from "stripe";

/** The currency Rezervo charges in (Albanian lek, lowercase as Stripe wants it). */
export const CURRENCY = "all";

/**
 * Stripe amounts are in the currency's minor unit. Lek is not on Stripe's zero-decimal list, so it is a
 * two-decimal currency in the API: 2 000 lek is sent as 200 000.
 */
export function toMinorUnits(lek: number): number {
  return Math.round(lek * 100);
}

/** A Stripe client; `apiUrl` (STRIPE_API_URL) points it at another host, e.g. a fake API in tests. */
export function createStripeClient(secretKey: string, apiUrl?: string): Stripe {
  const opts: ConstructorParameters<typeof Stripe>[1] = { maxNetworkRetries: 2, timeout: 20_000, telemetry: false };
  if (apiUrl) {
    const u = new URL(apiUrl);
    const protocol = u.protocol === "http:" ? "http" : "https";
    Object.assign(opts, { host: u.hostname, port: u.port ? Number(u.port) : protocol === "http" ? 80 : 443, protocol });
  }
  return new Stripe(secretKey, opts);
}
