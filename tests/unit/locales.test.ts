import { describe, expect, it } from "vitest";
import { loadResources, t } from "../../locales/i18n.ts";

function keys(obj: Record<string, unknown>, prefix = ""): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    v && typeof v === "object" && !Array.isArray(v) ? keys(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

describe("locales", () => {
  const res = loadResources();

  it("has the same namespaces and keys in sq and en", () => {
    expect(Object.keys(res.en).sort()).toEqual(Object.keys(res.sq).sort());
    for (const ns of Object.keys(res.sq)) {
      expect({ ns, keys: keys(res.en[ns]).sort() }).toEqual({ ns, keys: keys(res.sq[ns]).sort() });
    }
  });

  it("has no empty strings and uses the same placeholders in both languages", () => {
    for (const ns of Object.keys(res.sq)) {
      for (const key of keys(res.sq[ns])) {
        const get = (lang: "sq" | "en") => key.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown>)?.[k], res[lang][ns]);
        const sq = get("sq"), en = get("en");
        if (typeof sq !== "string") continue;
        expect(sq.trim(), `${ns}:${key} (sq)`).not.toBe("");
        expect(String(en).trim(), `${ns}:${key} (en)`).not.toBe("");
        const ph = (s: string) => (s.match(/\{\{\s*\w+\s*\}\}/g) ?? []).map((p) => p.replace(/\s/g, "")).sort();
        expect(ph(String(en)), `${ns}:${key} placeholders`).toEqual(ph(sq));
      }
    }
  });

  it("writes prices in lek with Albanian plural and grouping", () => {
    expect(t("sq", "common:price", { count: 1, amount: "1" })).toBe("1 lek");
    expect(t("sq", "common:price", { count: 800, amount: "800" })).toBe("800 lekë");
  });
});
