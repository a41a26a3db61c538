import { describe, expect, it } from "vitest";
import { FAQ_IDS, searchFaq } from "../../core/faq/index.ts";
import { hasKey, t } from "../../locales/i18n.ts";

describe("searchFaq", () => {
  it("finds the entry for paraphrases, with or without diacritics", () => {
    expect(searchFaq("si ta anuloj rezervimin")?.id).toBe("change-or-cancel");
    expect(searchFaq("A pranoni PayPal?")?.id).toBe("payment-methods");
    expect(searchFaq("çfarë ndodh nëse vonohem?")?.id).toBe("running-late");
    expect(searchFaq("do you send reminders", "en")?.id).toBe("notifications");
    expect(searchFaq("how do reminders work?", "en")?.id).toBe("notifications");
  });

  it("reads Gheg forms, typos, English and phone questions", () => {
    expect(searchFaq("qysh me anulu terminin")?.id).toBe("change-or-cancel");
    expect(searchFaq("si rezrvohet")?.id).toBe("how-to-book");
    expect(searchFaq("a keni numer telefoni")?.id).toBe("contact-support");
    expect(searchFaq("si mund t'ju telefonoj")?.id).toBe("contact-support");
    expect(searchFaq("what's your phone number")?.id).toBe("contact-support");
    expect(searchFaq("registration")?.id).toBe("create-account");
    // Reaching a person, asked as a question about how.
    expect(searchFaq("how can I reach a real person if something goes wrong?")?.id).toBe("contact-support");
    expect(searchFaq("how do I contact you if something goes wrong?")?.id).toBe("contact-support");
  });

  it("answers a question about refunds with the cancelling entry (its fees), not with how to book", () => {
    expect(searchFaq("how do refunds work?")?.id).toBe("change-or-cancel");
    expect(searchFaq("is it free to cancel if plans change?")?.id).toBe("change-or-cancel");
    expect(searchFaq("a anuloj falas nese me ndryshojne planet?")?.id).toBe("change-or-cancel");
    expect(searchFaq("si behet rimbursimi?")?.id).toBe("change-or-cancel");
  });

  it("does not let the word for hour pull a booking question toward cancellation", () => {
    expect(searchFaq("Si mund të rezervoj një orë te dentisti?")?.id).toBe("how-to-book");
    expect(searchFaq("sa ore para vjen kujtuesi")?.id).toBe("notifications");
    expect(searchFaq("a anulohet termini nese vonohem")?.id).toBe("running-late");
  });

  it("reads «më vonë» as later, not late, unless the customer comes then", () => {
    expect(searchFaq("si mund ta anuloj më vonë?")?.id).toBe("change-or-cancel");
    expect(searchFaq("çfarë ndodh nëse vij më vonë?")?.id).toBe("running-late");
  });

  it("reads «përpara» and «in advance» around a question about cancelling", () => {
    expect(searchFaq("sa kohe perpara mund ta anuloj pa pagese?")?.id).toBe("change-or-cancel");
    expect(searchFaq("how far in advance can I cancel?")?.id).toBe("change-or-cancel");
    expect(searchFaq("what if I need to cancel last minute?")?.id).toBe("change-or-cancel");
  });

  it("reads the case supposed in a question about changing, and the customer's own number as personal data", () => {
    expect(searchFaq("if something comes up, can I reschedule later?")?.id).toBe("change-or-cancel");
    expect(searchFaq("Can I cancel for free if I change my mind?")?.id).toBe("change-or-cancel");
    expect(searchFaq("nëse ndryshoj mendje, a mund ta anuloj falas?")?.id).toBe("change-or-cancel");
    expect(searchFaq("is my phone number shared with the business?")?.id).toBe("data-security");
    expect(searchFaq("a e ndani numrin tim me biznesin?")?.id).toBe("data-security");
    expect(searchFaq("what is your phone number?")?.id).toBe("contact-support");
    expect(searchFaq("how do I change my phone number?")?.id).not.toBe("change-or-cancel");
    // "What's your policy if …" frames the question; "late afternoon" is a part of the day.
    expect(searchFaq("What's your policy if I'm 15 min late?")?.id).toBe("running-late");
    expect(searchFaq("late afternoon")).toBeNull();
    // A request with "something" in it is no question about booking.
    expect(searchFaq("can you help me book something for my car?")).toBeNull();
  });

  it("never answers an off-topic question, even one with a FAQ word in it", () => {
    for (const q of [
      "sa eshte ora", "kush fitoi ndeshjen", "recete per byrek", "sa kushton nje qethje?",
      "a keni numer telefoni te doktorit tim", "ku mund te blej telefon", "si ta anuloj abonimin e netflix",
      "si ta nderroj vajin e makines", "a ka trafik ne rrugen e durresit", "how are you",
    ]) {
      expect(searchFaq(q), q).toBeNull();
    }
  });

  it("has an answer and a follow-up for every id in both languages", () => {
    for (const id of FAQ_IDS) {
      for (const lang of ["sq", "en"] as const) {
        expect(hasKey(lang, `faq:answers.${id}`)).toBe(true);
        expect(t(lang, `faq:followup.${id}.label`)).not.toContain("followup");
      }
    }
    expect(t("sq", "faq:followup.change-or-cancel.action")).toBe("my-bookings");
    expect(t("sq", "faq:answers.payment-methods")).toMatch(/PayPal/);
  });
});
