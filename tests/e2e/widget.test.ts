// The web chat widget in Debian's headless Chromium against the real server and database.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { widgetStrings } from "../../bots/webchat/widget/build.ts";
import { t } from "../../locales/i18n.ts";
import { artifact, useBrowserRig, widgetFocus } from "./browser.ts";

const W = widgetStrings();
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const XSS = `Stafi: <img src=x onerror="window.__pwned=1"> përshëndetje nga ekipi`;

const rig = useBrowserRig();

/** The widget's shadow host; Playwright locators pierce its open shadow root. */
const widget = (page: Page) => page.locator("#rezervo-webchat");
const chatLog = (page: Page) => widget(page).getByRole("log");
const launcher = (page: Page) => widget(page).getByRole("button", { name: new RegExp("^" + esc(W.sq.open)) });
const input = (page: Page) => widget(page).getByRole("textbox", { name: W.sq.inputLabel });

async function say(page: Page, text: string): Promise<void> {
  await input(page).fill(text);
  await input(page).press("Enter");
}

describe("web chat widget in Chromium", () => {
  let ctx: BrowserContext;
  let page: Page;
  let sessionId: string;
  const errors: string[] = [];

  beforeAll(async () => {
    ctx = await rig.browser.newContext({ viewport: { width: 360, height: 740 }, locale: "sq-AL" });
    page = await ctx.newPage();
    page.on("pageerror", (e) => errors.push(e.message));
  });
  afterAll(() => ctx?.close());

  it("books a slot by clicking through the widget on the demo page, at 360 px wide", async () => {
    const business = await rig.db.prisma.business.findFirstOrThrow({
      where: { category: { slug: "berber" }, paymentMode: "on_site" },
      include: { category: true, services: { orderBy: { sort: "asc" } } },
      orderBy: { name: "asc" },
    });
    await page.goto(rig.server.url + "/");
    await expect(page.title()).resolves.toMatch(/Rezervo/);
    await launcher(page).click();
    await expect((await widgetFocus(page))?.id).toBe("rz-input"); // focus moved into the panel

    const log = chatLog(page);
    await log.getByText(t("sq", "common:menu.greeting")).waitFor();
    await log.getByRole("button", { name: t("sq", "common:menu.book") }).click();
    await log.getByRole("button", { name: business.category.nameSq, exact: true }).click();
    await log.getByRole("button", { name: new RegExp(esc(business.name)) }).click();
    await log.getByRole("button", { name: new RegExp("^" + esc(business.services[0].nameSq)) }).click();

    const days = log.getByRole("group", { name: W.sq.daysLabel });
    await days.waitFor();
    expect(await days.getByRole("button").count()).toBeGreaterThan(1);
    await days.getByRole("button").first().click();

    const times = log.getByRole("group", { name: W.sq.choicesLabel }).last();
    await times.getByRole("button", { name: /^\d{2}:\d{2}$/ }).first().click();
    await log.getByText(t("sq", "booking:askName")).waitFor();
    await say(page, "Arta Hoxha");
    await log.getByText(/Shkruani adresën tuaj të email-it/).waitFor();
    await say(page, "arta.hoxha@example.com");
    await log.getByText(t("sq", "booking:askPhone")).waitFor();
    await say(page, "069 123 4567");
    await log.getByText(/Ju lutem kontrolloni rezervimin/).waitFor();
    await log.getByRole("button", { name: t("sq", "booking:confirmYes") }).click();
    await log.getByText(/Rezervimi u konfirmua!/).waitFor();

    const booking = await rig.db.prisma.booking.findFirstOrThrow({ include: { customer: true } });
    expect(booking.businessId).toBe(business.id);
    expect(booking.customer.email).toBe("arta.hoxha@example.com");
    await expect(log.getByText(new RegExp(esc(booking.ref))).count()).resolves.toBe(1);

    // Usable at 360 px: the panel fits the viewport and nothing scrolls sideways.
    const box = await widget(page).locator(".panel").boundingBox();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(360);
    const overflow = await page.evaluate(() => {
      const log = document.querySelector("#rezervo-webchat")!.shadowRoot!.querySelector(".log")!;
      return { page: document.documentElement.scrollWidth, log: log.scrollWidth - log.clientWidth };
    });
    expect(overflow.page).toBeLessThanOrEqual(360);
    expect(overflow.log).toBeLessThanOrEqual(0);
    await page.screenshot({ path: artifact("booking-360.png") });
    sessionId = await page.evaluate(() => JSON.parse(localStorage.getItem("rezervo.webchat.*")!).sessionId);
    expect(errors).toEqual([]);
  });

  it("shows the conversation again after a reload", async () => {
    const before = await chatLog(page).locator(".msg").allTextContents();
    await page.reload();
    await launcher(page).click();
    await chatLog(page).getByText(/Rezervimi u konfirmua!/).waitFor();
    const after = await chatLog(page).locator(".msg").allTextContents();
    expect(after).toEqual(before);
    const mine = chatLog(page).locator(".msg.in");
    await expect(mine.filter({ hasText: /Arta Hoxha$/ }).count()).resolves.toBe(1);
    await expect(mine.filter({ hasText: "arta.hoxha@example.com" }).count()).resolves.toBe(1);
  });

  it("receives a bot-initiated message live, and shows markup in it as text", async () => {
    await page.locator("#rezervo-webchat[data-live=open]").waitFor({ state: "attached" });
    await rig.server.runtime.notifier.sendToConversation(sessionId, [{ text: XSS }]);
    await chatLog(page).getByText(XSS, { exact: false }).waitFor();
    expect(await chatLog(page).locator("img").count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();

    // With the panel closed, a new live message marks the launcher as unread.
    await page.keyboard.press("Escape");
    expect((await widgetFocus(page))?.cls).toContain("launch");
    await rig.server.runtime.notifier.sendToConversation(sessionId, [{ text: "Pagesa u konfirmua." }]);
    await widget(page).getByRole("button", { name: new RegExp(esc(W.sq.unread)) }).waitFor();

    // The history (from the database this time) renders the same markup as text too.
    await page.reload();
    await launcher(page).click();
    await chatLog(page).getByText("Pagesa u konfirmua.").waitFor();
    await expect(chatLog(page).getByText(XSS).count()).resolves.toBe(1);
    expect(await chatLog(page).locator("img").count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  });

  it("reconnects after the connection drops and catches up on what it missed", async () => {
    await page.locator("#rezervo-webchat[data-live=open]").waitFor({ state: "attached" });
    const connects = Number(await widget(page).getAttribute("data-connects"));
    expect(connects).toBeGreaterThan(0);
    for (const client of rig.server.app.websocketServer.clients) client.terminate();
    await rig.server.runtime.notifier.sendToConversation(sessionId, [{ text: "Mesazh nga stafi gjatë shkëputjes." }]);
    await page.locator(`#rezervo-webchat[data-connects="${connects + 1}"][data-live=open]`).waitFor({ state: "attached" });
    await chatLog(page).getByText("Mesazh nga stafi gjatë shkëputjes.").waitFor();
    await expect(chatLog(page).getByText("Mesazh nga stafi gjatë shkëputjes.").count()).resolves.toBe(1);

    await rig.server.runtime.notifier.sendToConversation(sessionId, [{ text: "Kujtesë: termini juaj është nesër." }]);
    await chatLog(page).getByText("Kujtesë: termini juaj është nesër.").waitFor();
    expect(errors).toEqual([]);
  });
});

describe("keyboard, language switch and offline state", () => {
  let ctx: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    ctx = await rig.browser.newContext({ viewport: { width: 1280, height: 800 } });
    page = await ctx.newPage();
  });
  afterAll(() => ctx?.close());

  it("opens with the keyboard, switches to English, survives going offline, closes with Esc", async () => {
    await page.goto(rig.server.url + "/");
    // The page lists every business first: tab past its links to the launcher, which comes last.
    for (let i = 0; i < 60 && (await widgetFocus(page))?.cls !== "launch"; i++) await page.keyboard.press("Tab");
    expect((await widgetFocus(page))?.cls).toBe("launch");
    await page.keyboard.press("Enter");
    await chatLog(page).getByText(t("sq", "common:menu.greeting")).waitFor();
    expect((await widgetFocus(page))?.id).toBe("rz-input");

    // The header's language button: widget texts and the (fresh) conversation switch to English.
    await widget(page).getByRole("button", { name: W.sq.switchLang }).press("Enter");
    await chatLog(page).getByText(t("en", "common:menu.greeting")).waitFor();
    await expect(widget(page).getByRole("textbox", { name: W.en.inputLabel }).getAttribute("placeholder")).resolves.toBe(W.en.placeholder);
    await expect(chatLog(page).getByText(t("sq", "common:menu.greeting")).count()).resolves.toBe(0);

    // Keyboard only: Shift+Tab from the input back to the "Book" button, Enter.
    const enInput = widget(page).getByRole("textbox", { name: W.en.inputLabel });
    await enInput.focus();
    const book = t("en", "common:menu.book");
    for (let i = 0; i < 8 && (await widgetFocus(page))?.text !== book; i++) await page.keyboard.press("Shift+Tab");
    expect((await widgetFocus(page))?.text).toBe(book);
    await page.keyboard.press("Enter");
    await chatLog(page).getByText(t("en", "booking:askCategory")).waitFor();

    // Offline: a polite notice; a message typed meanwhile is delivered once the connection is back.
    await ctx.setOffline(true);
    await widget(page).getByRole("status").filter({ hasText: W.en.offline }).waitFor();
    const category = await rig.db.prisma.category.findFirstOrThrow({ where: { slug: "berber" } });
    await enInput.fill(category.nameEn);
    await enInput.press("Enter");
    await ctx.setOffline(false);
    await chatLog(page).getByText(t("en", "booking:askBusiness")).waitFor();
    await expect(widget(page).getByText(W.en.offline).isVisible()).resolves.toBe(false);
    await expect(chatLog(page).getByText(W.en.sendFailed).count()).resolves.toBe(0);

    await page.keyboard.press("Escape");
    await expect(widget(page).locator(".panel").isHidden()).resolves.toBe(true);
    expect((await widgetFocus(page))?.cls).toBe("launch");
  });
  it("works when another site embeds it with one script tag (cross-origin API calls)", async () => {
    const shop = await rig.browser.newContext({ viewport: { width: 1024, height: 768 } });
    let shopServer: Server | undefined;
    try {
      const p = await shop.newPage();
      const business = await rig.db.prisma.business.findFirstOrThrow({ where: { paymentMode: "on_site" }, include: { services: { orderBy: { sort: "asc" } } } });
      // The business's own site: another origin (another port) serving a page with one script tag.
      const html = `<!doctype html><html lang="sq"><head><meta charset="utf-8"><title>Sallon</title></head><body>` +
        `<h1>Faqja e biznesit</h1><script src="${rig.server.url}/widget.js" data-business="${business.slug}" data-lang="sq"></script></body></html>`;
      shopServer = createServer((_req, res) => res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(html));
      await new Promise<void>((r) => shopServer!.listen(0, "127.0.0.1", r));
      const port = (shopServer.address() as AddressInfo).port;
      await p.goto(`http://127.0.0.1:${port}/`);
      await launcher(p).click();
      // With data-business the conversation starts at that business's services.
      const service = chatLog(p).getByRole("button", { name: new RegExp("^" + esc(business.services[0].nameSq)) }).first();
      await service.click();
      await chatLog(p).getByRole("group", { name: W.sq.daysLabel }).waitFor();
      const key = `rezervo.webchat.${business.slug}`;
      expect(await p.evaluate((k) => localStorage.getItem(k) !== null, key)).toBe(true);
    } finally {
      await shop.close();
      shopServer?.close();
    }
  });
});
