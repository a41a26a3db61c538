import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { startServer, type RunningServer } from "../../bots/server.ts";
import { createTestDatabase, type TestDatabase } from "../support/db.ts";

/** Debian's Chromium: the browser tests drive this binary, nothing downloaded. */
export const CHROMIUM = "/usr/bin/chromium";

/** Where tests save screenshots (ignored by git). */
export const ARTIFACTS = fileURLToPath(new URL("./artifacts/", import.meta.url));

/** Launches headless Chromium, or throws a clear error when it is not installed. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is missing at ${CHROMIUM}: the browser tests need Debian's chromium package. ` +
        "Install it with `sh .ci/apt.sh` (apt-get install -y chromium).",
    );
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

/** The element focused inside the widget's shadow root: id, class, text. */
export function widgetFocus(page: Page): Promise<{ id: string; cls: string; text: string } | null> {
  return page.evaluate(() => {
    const a = document.querySelector("#rezervo-webchat")?.shadowRoot?.activeElement as HTMLElement | null | undefined;
    return a ? { id: a.id, cls: a.className, text: a.textContent ?? "" } : null;
  });
}

/** Path of an artifact file. */
export const artifact = (name: string) => join(ARTIFACTS, name);

/** Chromium plus a real server on a fresh test database, for one browser test file. */
export interface BrowserRig {
  browser: Browser;
  db: TestDatabase;
  server: RunningServer;
  close(): Promise<void>;
}

/**
 * Starts the rig before the file's tests and closes it after them; its fields are there once the tests run
 * (`const rig = useBrowserRig()`, then `rig.browser`, `rig.server.url`).
 */
export function useBrowserRig(): Omit<BrowserRig, "close"> {
  const holder = {} as BrowserRig;
  beforeAll(async () => {
    Object.assign(holder, await startBrowserRig());
  }, 120_000);
  afterAll(async () => {
    await holder.close?.();
  });
  return holder;
}

/** Starts Chromium and the real server (its own data dir) on a fresh database. */
export async function startBrowserRig(): Promise<BrowserRig> {
  const browser = await launchChromium(); // throws with a clear message when /usr/bin/chromium is missing
  const db = await createTestDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), "rezervo-e2e-"));
  const server = await startServer({ prisma: db.prisma, prismaUrl: db.url, env: { PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "warn", DATA_DIR: dataDir } });
  return {
    browser, db, server,
    async close() {
      await browser.close();
      await server.close();
      await db.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
