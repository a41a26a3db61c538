import { describe, expect, it } from "vitest";
import { formatDateIn, formatPhone } from "../../core/format.ts";
import { summaryText } from "../../dialogs/booking/labels.ts";
import { loadResources, t } from "../../locales/i18n.ts";

const business = {
  id: "b1", slug: "berberi-ardit", name: "Berberi Ardit", categoryId: "c1", city: "Tiranë", address: "Rruga e Kavajës 12",
  phone: "+355695550101", timeZone: "Europe/Tirane", openingHours: {}, aliases: [], cancelWindowHours: 24, lateToleranceMin: 15, slotStepMin: 30,
  paymentMode: "on_site", depositLek: null,
};
const service = { id: "s1", businessId: "b1", nameSq: "Prerje flokësh", nameEn: "Haircut", durationMin: 30, priceLek: 800, aliases: [] };
const contact = { name: "Arta Hoxha", email: "arta@example.com", phone: "+355691234567" };

/** Every string of a language, with its "namespace:key". */
function strings(lang: "sq" | "en"): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const walk = (o: unknown, path: string) => {
    if (typeof o === "string") out.push([path, o]);
    else if (o && typeof o === "object") for (const [k, v] of Object.entries(o)) walk(v, path.includes(":") ? `${path}.${k}` : `${path}:${k}`);
  };
  for (const [ns, v] of Object.entries(loadResources()[lang])) walk(v, ns);
  return out;
}

describe("Albanian that reads right", () => {
  it("the summary puts name, email and phone on their own lines, the phone grouped for reading", () => {
    const sq = summaryText("sq", business, service, new Date("2026-11-26T09:00:00Z"), contact).split("\n");
    expect(sq).toContain("• Emri: Arta Hoxha");
    expect(sq).toContain("• Email: arta@example.com");
    expect(sq).toContain("• Telefoni: +355 69 123 4567");
    expect(sq).toContain("• Data dhe ora: e enjte, 26 nëntor në 10:00 (ora e Tiranës)");
    const en = summaryText("en", business, service, new Date("2026-11-26T09:00:00Z"), contact).split("\n");
    expect(en).toEqual(expect.arrayContaining(["• Name: Arta Hoxha", "• Email: arta@example.com", "• Phone: +355 69 123 4567"]));
  });

  it("groups Albanian and foreign numbers the international way, and leaves what it cannot read as typed", () => {
    expect(formatPhone("+355691234567")).toBe("+355 69 123 4567");
    expect(formatPhone("0691234567")).toBe("+355 69 123 4567");
    expect(formatPhone("+390612345678")).toBe("+39 06 1234 5678");
    expect(formatPhone("12")).toBe("12");
  });

  it("the day picker says that only days with free times are shown", () => {
    expect(t("sq", "booking:askDay")).toContain("Shfaqen vetëm ditët me orare të lira.");
  });

  it("uses one word for a length limit: «shenja», never «karaktere» or «shkronja»", () => {
    const sq = strings("sq");
    const limits = sq.filter(([, s]) => /\{\{\s*max\s*\}\}|deri në \d+(?![:\d])|\d+ deri në \d+(?![:\d])/.test(s) && !/orë|minut|ditë|fjalë/.test(s));
    expect(limits.length).toBeGreaterThanOrEqual(3); // common, tickets, widget
    for (const [key, s] of limits) expect(s, key).toMatch(/shenja/);
    for (const [key, s] of sq) expect(s, key).not.toMatch(/karakter|shkronja/i);
  });

  it("writes no abbreviated day or month name inside a sentence", () => {
    const ABBR = /\b(hën|mar|mër|enj|pre|sht|die|jan|shk|pri|qer|kor|gus|tet|nën|dhj)\b[,.]?\s/;
    for (const [key, s] of strings("sq")) expect(s, key).not.toMatch(ABBR);
    expect(t("sq", "booking:askTime", { day: formatDateIn("sq", "2026-11-27", "acc") })).toBe("Oraret e lira për të premten, 27 nëntor (ora e Tiranës):");
  });
});
