// The demo page in Debian's headless Chromium against the real server and database: what it presents,
// its icon, and an accessibility check with axe-core on the page with the widget open.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { widgetStrings } from "../../bots/webchat/widget/build.ts";
import { t } from "../../locales/i18n.ts";
import { artifact, useBrowserRig } from "./browser.ts";

const W = widgetStrings();
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** axe-core's browser build (a devDependency), injected into the page under test. */
function axeSource(): string {
  const require = createRequire(import.meta.url);
  let path: string;
  try {
    path = require.resolve("axe-core/axe.min.js");
  } catch {
    throw new Error("axe-core is missing: it is a devDependency of this project, run `npm install` (or `npm ci`).");
  }
  return readFileSync(path, "utf8");
}

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** Runs axe-core on the whole page (the widget's open shadow root included) and returns its violations. */
async function runAxe(page: Page, source: string): Promise<Violation[]> {
  // Evaluated through the DevTools protocol, not as an inline <script>: the page's CSP stays as it is.
  await page.evaluate(source);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[] }> }> }> } }).axe;
    const r = await axe.run(document, { resultTypes: ["violations"] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => JSON.stringify(n.target)) }));
  });
}

const rig = useBrowserRig();

const widget = (page: Page) => page.locator("#rezervo-webchat");
const chatLog = (page: Page) => widget(page).getByRole("log");
const launcher = (page: Page) => widget(page).getByRole("button", { name: new RegExp("^" + esc(W.sq.open)) });

/** A fresh page that records script errors and CSP violations reported to the console. */
async function openPage(ctx: BrowserContext, problems: string[]): Promise<Page> {
  const page = await ctx.newPage();
  page.on("pageerror", (e) => problems.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(m.text());
  });
  return page;
}

describe("the demo page in Chromium", () => {
  let ctx: BrowserContext;
  beforeAll(async () => {
    ctx = await rig.browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "sq-AL" });
  });
  afterAll(() => ctx?.close());

  it("at / lists the marketplace's businesses, and its chat starts at the menu", async () => {
    const problems: string[] = [];
    const page = await openPage(ctx, problems);
    await page.goto(rig.server.url + "/");
    const count = await rig.db.prisma.business.count();
    await expect(page.getByRole("main").getByRole("listitem").getByRole("link").count()).resolves.toBe(count);
    await launcher(page).click();
    await chatLog(page).getByText(t("sq", "common:menu.greeting")).waitFor();
    expect(problems).toEqual([]);
    await page.close();
  });

  it("with ?business= presents that business, and its chat starts at that business's services", async () => {
    const problems: string[] = [];
    const page = await openPage(ctx, problems);
    const b = await rig.db.prisma.business.findUniqueOrThrow({ where: { slug: "sallon-elegance" }, include: { services: { orderBy: { sort: "asc" } } } });
    await page.goto(rig.server.url + "/");
    // From the marketplace, the business's link leads to its page.
    await page.getByRole("link", { name: b.name }).click();
    await page.waitForURL(/\?business=sallon-elegance$/);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe(b.name);
    await launcher(page).click();
    const log = chatLog(page);
    await log.getByText(new RegExp(esc(`${b.name} — ${b.address}`))).waitFor();
    for (const s of b.services) await log.getByRole("button", { name: new RegExp("^" + esc(s.nameSq)) }).first().waitFor();
    await expect(log.getByText(t("sq", "common:menu.greeting")).count()).resolves.toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("shows its favicon: linked, served as SVG, not blocked by the page's Content-Security-Policy", async () => {
    const problems: string[] = [];
    const page = await openPage(ctx, problems);
    const icon = page.waitForResponse((r) => r.url().endsWith("/favicon.svg"));
    await page.goto(rig.server.url + "/");
    const href = await page.locator('link[rel="icon"]').getAttribute("href");
    expect(href).toBe("/favicon.svg");
    // Loading it the way the page would, under the page's CSP: an image from this origin.
    const size = await page.evaluate(async (src) => {
      const img = new Image();
      img.src = src;
      await img.decode();
      return { w: img.naturalWidth, h: img.naturalHeight };
    }, href!);
    expect(size.w).toBeGreaterThan(0);
    expect(size.h).toBeGreaterThan(0);
    const res = await icon.catch(() => null);
    if (res) expect(res.headers()["content-type"]).toMatch(/^image\/svg\+xml/);
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe("accessibility (axe-core) with the widget open", () => {
  let source = "";
  beforeAll(() => {
    source = axeSource(); // fails these tests, with a clear message, when axe-core is not installed
  });

  for (const { name, width, height } of [
    { name: "desktop", width: 1280, height: 800 },
    { name: "390 px", width: 390, height: 844 },
  ]) {
    it(`has no serious or critical violation, nor duplicate banner landmarks, at ${name}`, async () => {
      const ctx = await rig.browser.newContext({ viewport: { width, height }, locale: "sq-AL" });
      try {
        const page = await ctx.newPage();
        const found: Violation[] = [];
        // The marketplace with the menu, then a business page at its day picker (buttons of another shape).
        await page.goto(rig.server.url + "/");
        await launcher(page).click();
        await chatLog(page).getByRole("button", { name: t("sq", "common:menu.book") }).waitFor();
        found.push(...(await runAxe(page, source)));

        await page.goto(rig.server.url + "/?business=berberi-ardit");
        await launcher(page).click();
        const b = await rig.db.prisma.business.findUniqueOrThrow({ where: { slug: "berberi-ardit" }, include: { services: { orderBy: { sort: "asc" } } } });
        await chatLog(page).getByRole("button", { name: new RegExp("^" + esc(b.services[0].nameSq)) }).first().click();
        await chatLog(page).getByRole("group", { name: W.sq.daysLabel }).waitFor();
        found.push(...(await runAxe(page, source)));
        await page.screenshot({ path: artifact(`axe-${width}.png`) });

        const report = found.map((v) => `${v.impact} ${v.id}: ${v.help} ${v.nodes.slice(0, 3).join(" ")}`);
        console.log(`axe at ${name}: ${report.length ? "\n  " + report.join("\n  ") : "no violations"}`);
        expect(found.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id} ${v.nodes.join(" ")}`)).toEqual([]);
        expect(found.filter((v) => /banner|landmark/.test(v.id)).map((v) => v.id)).toEqual([]);
      } finally {
        await ctx.close();
      }
    });
  }
});
