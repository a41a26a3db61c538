import { describe, expect, it } from "vitest";
import { FAQ_IDS, searchFaq } from "../../core/faq/index.ts";
import { hasKey, t } from "../../locales/i18n.ts";

describe("searchFaq", () => {
  it("finds the entry for paraphrases, with or without diacritics", () => {
    expect(searchFaq("si ta anuloj rezervimin")?.id).toBe("change-or-cancel");
    expect(searchFaq("A pranoni PayPal?")?.id).toBe("payment-methods");
    expect(searchFaq("çfarë ndodh nëse vonohem?")?.id).toBe("running-late");
    expect(searchFaq("do you send reminders", "en")?.id).toBe("notifications");
  });

  it("never answers an off-topic question", () => {
    for (const q of ["sa eshte ora", "kush fitoi ndeshjen", "recete per byrek", "sa kushton nje qethje?"]) {
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
