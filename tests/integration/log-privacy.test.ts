import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../core/log.ts";
import { fixedClock, startTestServer, type TestServer } from "../support/server.ts";
import { reachConfirm } from "../support/flows.ts";

const PHONE_DIGITS = "691237788";
const EMAIL = "drita.kola@example.al";

describe("logs", () => {
  let server: TestServer;
  const lines: string[] = [];
  beforeAll(async () => {
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    server = await startTestServer({ clock: fixedClock("2026-11-25T08:00:00Z"), log: createLogger("trace", sink) });
  });
  afterAll(async () => {
    await server?.close();
  });

  it("never hold the customer's full phone number, email or session token, even at trace level", async () => {
    const c = await reachConfirm(server.url, { day: /26/, time: "13:00", email: EMAIL, phone: `0${PHONE_DIGITS}`, name: "Drita Kola" });
    await c.pick(/Konfirmo/);
    expect(c.text()).toMatch(/RZ-/);
    await c.post({ text: "x" }, "wrong-token"); // a rejected request is logged too
    const all = lines.join("");
    expect(lines.length).toBeGreaterThan(0);
    expect(all).toMatch(/booking created/);
    expect(all).not.toContain(PHONE_DIGITS);
    expect(all).not.toContain(EMAIL);
    expect(all).not.toContain(c.token);
  });

  it("hold no phone number, email, name or download token through an export and an erasure either", async () => {
    const c = await reachConfirm(server.url, { day: /26/, time: "14:00", email: "besnik.x@example.al", phone: "068 111 2233", name: "Besnik Xhafa" });
    await c.pick(/Konfirmo/);
    await c.say("të dhënat e mia");
    await c.pick(/Shkarko/);
    const url = c.last.find((r) => r.link)!.link!.url;
    expect((await fetch(`${server.url}${url}`)).status).toBe(200);
    await c.say("my data");
    await c.pick(/Fshi|Erase/);
    await c.pick(/Po, fshiji|Yes, erase/);
    const all = lines.join("");
    expect(all).toMatch(/personal data erased/);
    expect(all).not.toContain("681112233");
    expect(all).not.toContain("besnik.x@example.al");
    expect(all).not.toContain("Xhafa");
    expect(all).not.toContain(new URL(url, server.url).searchParams.get("token")!);
  });
});
