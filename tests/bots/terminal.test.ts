import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRuntime, type Runtime } from "../../bots/runtime.ts";
import { runTerminalChat } from "../../bots/terminal/chat.ts";
import { loadConfig } from "../../core/config.ts";
import { createLogger } from "../../core/log.ts";
import { createTestDatabase, type TestDatabase } from "../support/db.ts";
import { startTestServer, type TestServer } from "../support/server.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

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
    const ref = booked.match(/Numri i rezervimit: (RZ-[A-Z0-9]{6})/)?.[1];
    expect(ref, booked).toBeTruthy();
    const booking = await db.prisma.booking.findUniqueOrThrow({ where: { ref }, include: { business: true } });

    const listed = await chat(["rezervimet e mia"]);
    expect(listed).toMatch(/Keni 1 rezervim të ardhshëm/);
    expect(listed).toContain(booking.business.name);

    // One upcoming booking: "anulo" names it and asks to confirm; "1" picks the first answer (yes).
    const cancelled = await chat(["anulo", "1"]);
    expect(cancelled).toContain(`Rezervimi ${ref} i `);
    expect(cancelled).toContain(`te ${booking.business.name} u anulua`);
    expect(cancelled).toMatch(/u anulua/);
    expect((await db.prisma.booking.findUniqueOrThrow({ where: { ref } })).status).toBe("cancelled");

    const after = await chat(["rezervimet e mia"]);
    expect(after).toMatch(/Nuk gjeta rezervime të ardhshme/);
  });
});

describe("rezervo chat next to a running server", () => {
  let server: TestServer;
  let dataDir: string;
  beforeAll(async () => {
    server = await startTestServer();
    // The embedded database's directory, owned by a live process (this one), as `npm start` would own it.
    dataDir = mkdtempSync(join(tmpdir(), "rezervo-chat-"));
    mkdirSync(join(dataDir, "pg"), { recursive: true });
    writeFileSync(join(dataDir, "pg", "rezervo.lock"), String(process.pid));
  });
  afterAll(async () => {
    await server?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  /** Runs `rezervo chat` in its own process with the lines as input. */
  function cli(lines: string[], port: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
    const env: Record<string, string | undefined> = { ...process.env, DATA_DIR: dataDir, PORT: port, HOST: "127.0.0.1", LOG_LEVEL: "silent" };
    delete env.DATABASE_URL;
    const child = spawn(process.execPath, ["--import", "tsx", join(ROOT, "bin/cli.ts"), "chat"], { env, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.stdin.end(lines.map((l) => `${l}\n`).join(""));
    return new Promise((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr })));
  }

  it("talks to the server over its web chat API: books by numbers, then lists the booking", async () => {
    const port = new URL(server.url).port;
    const out = await cli(["1", "1", "1", "1", "3", "1", "Arta Hoxha", "arta@example.com", "069 123 4567", "1", "rezervimet e mia"], port);
    expect(out.stderr).toBe("");
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/Serveri Rezervo po punon në http:\/\/127\.0\.0\.1:\d+/);
    const ref = out.stdout.match(/Numri i rezervimit: (RZ-[A-Z0-9]{6})/)?.[1];
    expect(ref, out.stdout).toBeTruthy();
    const booking = await server.db.prisma.booking.findUniqueOrThrow({ where: { ref }, include: { business: true } });
    expect(booking.status).toBe("confirmed");
    expect(booking.channel).toBe("web");
    expect(out.stdout).toMatch(/Keni 1 rezervim të ardhshëm/);
  }, 60_000);

  it("says in one line what to do when the database is taken and no server answers", async () => {
    const out = await cli(["menu"], "1");
    expect(out.code).toBe(1);
    expect(out.stdout).toBe("");
    expect(out.stderr.trim().split("\n")).toHaveLength(1);
    expect(out.stderr).toContain(`Baza e të dhënave në ${join(dataDir, "pg")} është në përdorim nga procesi ${process.pid}`);
    expect(out.stderr).not.toMatch(/\bat .*\.ts:\d+/);
  }, 60_000);
});
