import { formatPrice } from "../format.ts";
import { t, type Lang } from "../../locales/i18n.ts";

/**
 * How a booking at this business is paid, as a customer reads it (the summary before confirming, a freed
 * place offered). `online`: card payments can be taken in the chat; without them a card or deposit
 * business's payment is arranged with the business.
 */
export function paymentText(lang: Lang, b: { paymentMode: string; depositLek: number | null }, priceLek: number, online: boolean): string {
  const deposit = b.paymentMode === "deposit" && (b.depositLek ?? 0) > 0;
  // A deposit that covers the whole price is the whole price by card.
  const full = b.paymentMode === "card" || (deposit && (b.depositLek ?? 0) >= priceLek);
  if (full) return t(lang, online ? "booking:payment.card" : "booking:payment.cardWithBusiness");
  if (deposit) return t(lang, online ? "booking:payment.deposit" : "booking:payment.depositWithBusiness", { amount: formatPrice(lang, b.depositLek ?? 0) });
  return t(lang, "booking:payment.onSite");
}
