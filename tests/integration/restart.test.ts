import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/db.ts";
import { serve } from "../support/process.ts";
import { WebChatClient } from "../support/webchat.ts";

function kill(proc: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  return new Promise((resolve) => {
    if (proc.exitCode !== null) return resolve();
    proc.once("exit", () => resolve());
    proc.kill(signal);
  });
}

describe("a server restart mid-booking", () => {
  let env: Record<string, string>;
  let db: TestDatabase | undefined;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "rezervo-restart-"));
    if (process.env.DATABASE_URL) {
      db = await createTestDatabase();
      env = { DATABASE_URL: db.url, DATA_DIR: dir };
    } else {
      env = { DATA_DIR: dir, DATABASE_URL: "" };
    }
  });
  afterAll(async () => {
    await db?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("continues at the same step after the process is killed and started again", async () => {
    const first = await serve(env);
    const c = new WebChatClient(first.url);
    await c.start();
    await c.pick("Rezervo një termin");
    await c.pick("Berber");
    await c.pick(/Ardit/);
    await c.pick(/^Prerje flokësh ·/);
    await c.pick(/\d/);
    await c.pick(/^\d{2}:\d{2}$/);
    await c.say("Arta Hoxha");
    expect(c.text()).toMatch(/email/);
    await kill(first.proc, "SIGKILL");

    const second = await serve(env);
    try {
      const again = new WebChatClient(second.url);
      again.sessionId = c.sessionId;
      again.token = c.token;
      await again.say("arta@example.com");
      expect(again.text()).toMatch(/numrin tuaj të telefonit/);
      await again.say("069 123 4567");
      expect(again.text()).toMatch(/Emri: Arta Hoxha\n• Email: arta@example.com\n• Telefoni: \+355 69 123 4567/);
    } finally {
      await kill(second.proc, "SIGTERM");
    }
  }, 400_000);
});
