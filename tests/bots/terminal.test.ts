import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRuntime, type Runtime } from "../../bots/runtime.ts";
import { runTerminalChat } from "../../bots/terminal/chat.ts";
import { loadConfig } from "../../core/config.ts";
import { createLogger } from "../../core/log.ts";
import { createTestDatabase, type TestDatabase } from "../support/db.ts";

describe("rezervo chat (terminal)", () => {
  let db: TestDatabase;
  let rt: Runtime;
  beforeAll(async () => {
    db = await createTestDatabase();
    rt = await createRuntime({ config: loadConfig({ LOG_LEVEL: "silent" }), log: createLogger("silent"), prisma: db.prisma, prismaUrl: db.url, closeDb: async () => {} });
  });
  afterAll(async () => {
    await rt?.close();
    await db?.close();
  });

  async function chat(lines: string[]): Promise<string> {
    const input = new PassThrough();
    const output = new PassThrough();
    let text = "";
    output.on("data", (d) => (text += d));
    input.end(lines.map((l) => `${l}\n`).join(""));
    await runTerminalChat(rt, { input, output });
    return text;
  }

  it("numbers the choices, reads numbers back, and resumes where the customer left", async () => {
    const first = await chat(["1", "1"]);
    expect(first).toMatch(/1\. Rezervo një termin/);
    expect(first).toMatch(/Zgjidhni biznesin/);
    expect(first).toMatch(/\d\. Berberi Ardit \(Tiranë\)/);
    const second = await chat(["mbrapa"]);
    // The next session starts at the business step it left, then goes back to the categories.
    expect(second.indexOf("Zgjidhni biznesin")).toBeLessThan(second.indexOf("Zgjidhni kategorinë"));
  });
});
