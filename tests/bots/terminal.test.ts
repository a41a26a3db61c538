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
    rt = await createRuntime({ config: loadConfig({ LOG_LEVEL: "silent", RATE_LIMIT_PER_MIN: "200" }), log: createLogger("silent"), prisma: db.prisma, prismaUrl: db.url, closeDb: async () => {}, role: "chat" });
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

  it("books, then lists the booking under «rezervimet e mia» and cancels it", async () => {
    // Category 1 (barbers), business 1, service 1, the third day offered, its first free time.
    const booked = await chat(["menu", "1", "1", "1", "1", "3", "1", "Arta Hoxha", "arta@example.com", "069 123 4567", "1"]);
    const ref = booked.match(/Numri i rezervimit: (RZ-[A-Z0-9]{4})/)?.[1];
    expect(ref, booked).toBeTruthy();
    const booking = await db.prisma.booking.findUniqueOrThrow({ where: { ref }, include: { business: true } });

    const listed = await chat(["rezervimet e mia"]);
    expect(listed).toMatch(/Keni 1 rezervim të ardhshëm/);
    expect(listed).toContain(booking.business.name);

    const cancelled = await chat(["anulo", "1", "1"]);
    expect(cancelled).toMatch(/Cilin rezervim doni të anuloni\?/);
    expect(cancelled).toContain(`Rezervimi ${ref} te ${booking.business.name}`);
    expect(cancelled).toMatch(/u anulua/);
    expect((await db.prisma.booking.findUniqueOrThrow({ where: { ref } })).status).toBe("cancelled");

    const after = await chat(["rezervimet e mia"]);
    expect(after).toMatch(/Nuk gjeta rezervime të ardhshme/);
  });
});
