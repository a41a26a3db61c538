// The widget under the page's Content-Security-Policy, and a paste over the length limit, in Chromium.
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { widgetStrings } from "../../bots/webchat/widget/build.ts";
import { t } from "../../locales/i18n.ts";
import { useBrowserRig } from "./browser.ts";

const W = widgetStrings();

const rig = useBrowserRig();

const widget = (page: Page) => page.locator("#rezervo-webchat");
const chatLog = (page: Page) => widget(page).getByRole("log");
const input = (page: Page) => widget(page).getByRole("textbox", { name: W.sq.inputLabel });

describe("widget on the demo page, with its security headers", () => {
  let ctx: BrowserContext;
  let page: Page;
  const errors: string[] = [];
  const violations: string[] = [];

  beforeAll(async () => {
    ctx = await rig.browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "sq-AL" });
    page = await ctx.newPage();
    page.on("pageerror", (e) => errors.push(e.message));
    await page.exposeFunction("__cspViolation", (d: string) => violations.push(d));
    await page.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (e) => {
        (window as unknown as { __cspViolation(d: string): void }).__cspViolation(`${e.violatedDirective} ${e.blockedURI}`);
      });
    });
  });
  afterAll(() => ctx?.close());

  it("chats and connects live under the CSP without a single violation", async () => {
    const res = await page.goto(rig.server.url + "/");
    expect(res?.headers()["content-security-policy"]).toMatch(/script-src 'self'/);
    await widget(page).getByRole("button", { name: new RegExp("^" + W.sq.open) }).click();
    await chatLog(page).getByText(t("sq", "common:menu.greeting")).waitFor();
    await page.locator("#rezervo-webchat[data-live=open]").waitFor({ state: "attached" });
    await chatLog(page).getByRole("button", { name: t("sq", "common:menu.book") }).click();
    await chatLog(page).getByText(t("sq", "booking:askCategory")).waitFor();
    expect(violations).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("blocks a script injected into the page", async () => {
    const ran = await page.evaluate(() => {
      const s = document.createElement("script");
      s.textContent = "window.__injected = 1";
      document.body.append(s);
      return (window as unknown as { __injected?: number }).__injected;
    });
    expect(ran).toBeUndefined();
    await expect.poll(() => violations.length).toBe(1);
    expect(violations[0]).toMatch(/^script-src/);
    violations.length = 0;
  });

  it("says a 5 000-character paste is too long, keeps it for shortening and sends nothing", async () => {
    const sessionId = await page.evaluate(() => JSON.parse(localStorage.getItem("rezervo.webchat.*")!).sessionId as string);
    const stored = () => rig.db.prisma.message.count({ where: { conversationId: sessionId } });
    const before = await stored();
    const bubbles = await chatLog(page).locator(".msg.in").count();
    const long = "Dua një termin për prerje flokësh. ".repeat(143).slice(0, 5000);
    await input(page).focus();
    await page.keyboard.insertText(long); // as a paste: nothing may cut it
    expect((await input(page).inputValue()).length).toBe(5000);
    const note = widget(page).getByRole("alert").filter({ hasText: "5000" });
    await note.waitFor();
    expect(await note.textContent()).toBe(W.sq.tooLong.replace("{{count}}", "5000").replace("{{max}}", "2000"));
    await input(page).press("Enter");
    expect((await input(page).inputValue()).length).toBe(5000);
    expect(await input(page).getAttribute("aria-invalid")).toBe("true");
    expect(await chatLog(page).locator(".msg.in").count()).toBe(bubbles);
    expect(await stored()).toBe(before);

    // Shortened, it goes through and the note goes away.
    await input(page).fill("Berber");
    await expect.poll(() => note.count()).toBe(0);
    await input(page).press("Enter");
    await chatLog(page).locator(".msg.in", { hasText: "Berber" }).waitFor();
    await expect.poll(stored).toBeGreaterThan(before);
    expect(violations).toEqual([]);
    expect(errors).toEqual([]);
  });
});
