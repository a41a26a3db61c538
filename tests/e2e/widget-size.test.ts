import { describe, expect, it } from "vitest";
import { gunzipSync } from "node:zlib";
import { buildWidget, widgetStrings } from "../../bots/webchat/widget/build.ts";

describe("widget.js bundle", () => {
  it("is under 30 KB gzipped and carries both languages' strings from the locale files", async () => {
    const b = await buildWidget();
    expect(b.gzip.length).toBeLessThan(30 * 1024);
    expect(gunzipSync(b.gzip).equals(b.code)).toBe(true);
    const code = b.code.toString("utf8");
    const strings = widgetStrings();
    expect(Object.keys(strings.sq).sort()).toEqual(Object.keys(strings.en).sort());
    for (const lang of ["sq", "en"] as const) {
      expect(code).toContain(JSON.stringify(strings[lang].placeholder).slice(1, -1));
      expect(code).toContain(JSON.stringify(strings[lang].offline).slice(1, -1));
    }
    expect(code).not.toMatch(/__REZERVO_STRINGS__/);
  });

  it("never builds HTML from data: the only innerHTML is the static launcher icon", async () => {
    const code = (await buildWidget({ minify: false })).code.toString("utf8");
    const uses = code.match(/\.(innerHTML|outerHTML|insertAdjacentHTML)\b/g) ?? [];
    expect(uses).toEqual([".innerHTML"]);
    expect(code).toMatch(/\.innerHTML = ICON/);
  });
});
