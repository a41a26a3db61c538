import { describe, expect, it } from "vitest";
import { FAQ_IDS } from "../../core/faq/ids.ts";
import { EntityIndex } from "../../core/catalog/entity-index.ts";
import { seedSnapshot } from "../../core/catalog/seed.ts";
import { detectIntent } from "../../core/nlu/intent.ts";
import { demoCatalog } from "../../prisma/seed/catalog.ts";

/** The demo catalog's words, as the running app has them. */
const catalog = new EntityIndex(seedSnapshot(demoCatalog));
import { loadResources } from "../../locales/i18n.ts";

const res = loadResources();

/** Every button label the chat shows in a language: the menu, the common actions, manage actions, FAQ follow-ups. */
function buttonLabels(lang: "sq" | "en"): Set<string> {
  const r = res[lang] as Record<string, Record<string, any>>;
  const labels = [
    ...Object.values(r.common.menu as Record<string, string>),
    ...Object.values(r.common.actions as Record<string, string>),
    ...Object.values(r.manage.actions as Record<string, string>),
    ...Object.values(r.faq.followup as Record<string, { label: string }>).map((f) => f.label),
  ];
  return new Set(labels.map((l) => l.replace(/[«»]/g, "").trim().toLowerCase()));
}

const WEBSITE = {
  sq: /regjistrohu|lart djathtas|në faqe|faqen|faqja|klikoni|panel|formular|cilësimet e llogarisë|hyni në llogari/i,
  en: /sign up|top right|the site|website|click|panel|form\b|account settings|log in/i,
};

describe("FAQ answers speak of this chat, not of the website", () => {
  for (const lang of ["sq", "en"] as const) {
    const answers = res[lang].faq.answers as Record<string, string>;
    const labels = buttonLabels(lang);

    it(`${lang}: no answer sends the customer to website buttons or pages`, () => {
      for (const id of FAQ_IDS) expect(answers[id], id).not.toMatch(WEBSITE[lang]);
    });

    it(`${lang}: everything an answer tells the customer to press or type works here`, () => {
      const quoted = FAQ_IDS.flatMap((id) => [...answers[id].matchAll(/[«“]([^»”]+)[»”]/g)].map((m) => ({ id, q: m[1] })));
      expect(quoted.length).toBeGreaterThan(8);
      for (const { id, q } of quoted) {
        const works = labels.has(q.toLowerCase()) || detectIntent(q, catalog) !== null;
        expect(works, `${id}: «${q}» is neither a button nor understood when typed`).toBe(true);
      }
    });
  }

  it("keeps the marketplace's facts", () => {
    const sq = res.sq.faq.answers as Record<string, string>;
    expect(sq["change-or-cancel"]).toMatch(/24 orë/);
    expect(sq["notifications"]).toMatch(/24 orë.*2 orë/);
    expect(sq["running-late"]).toMatch(/10–15 minuta/);
    expect(sq["payment-methods"]).toMatch(/Visa, Mastercard dhe American Express.*PayPal/);
    expect(sq["contact-support"]).toMatch(/24\/7.*support@rezervo\.al.*2 orëve/);
    expect(sq["data-security"]).toMatch(/GDPR/);
  });
});
