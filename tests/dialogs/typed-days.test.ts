import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock, startTestServer, type TestServer } from "../support/server.ts";
import { WebChatClient } from "../support/webchat.ts";

// Wednesday 25 November 2026, 09:00 in Tirana.
const NOW = "2026-11-25T08:00:00Z";

/** Days that cannot be booked get their own answer; a customer who is not understood is shown the way. */
describe("past days, closed days and a customer who is not understood", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ clock: fixedClock(NOW), env: { RATE_LIMIT_PER_MIN: "1000" } });
  });
  afterAll(async () => {
    await server?.close();
  });

  async function toDay(): Promise<WebChatClient> {
    const c = new WebChatClient(server.url);
    await c.start({ lang: "sq" });
    await c.pick("Rezervo një termin");
    await c.pick("Berber");
    await c.pick(/Ardit/);
    await c.pick(/^Prerje flokësh ·/);
    expect(c.last.at(-1)?.kind).toBe("days");
    return c;
  }

  it("says that «dje në 10» has passed and that the business does not open on Sunday, with the next free days", async () => {
    const c = await toDay();
    await c.say("dje në 10");
    expect(c.text()).toMatch(/Dita që shkruat, e martë, 24 nëntor, ka kaluar/);
    expect(c.text()).not.toMatch(/nuk është e lirë/);
    expect(c.last.at(-1)?.kind).toBe("days");
    await c.say("të dielën");
    expect(c.text()).toMatch(/Berberi Ardit nuk punon të dielën, 29 nëntor\. Ditët e para me orare të lira: e hënë, 30 nëntor; e martë, 1 dhjetor; e mërkurë, 2 dhjetor\./);
    await c.say("sot në 08:00");
    expect(c.text()).toMatch(/Ora 08:00 e sotme ka kaluar/);
    expect(c.last.at(-1)?.kind).toBe("slots");
    await c.say("e premte ne 21:00");
    expect(c.text()).toMatch(/27 nëntor, në orën 21:00 — kjo orë nuk është e lirë/);
    // Among the nearest times, a bare time is read on the day asked, not today.
    await c.say("në 19:00");
    expect(c.text()).toMatch(/Si quheni/);
    await c.say("Besa Kola");
    await c.say("besa@example.al");
    await c.say("069 123 4567");
    expect(c.text()).toMatch(/e premte, 27 nëntor në 19:00/);
  });

  it("after three answers it cannot place, shows the step's options as a list with help and staff", async () => {
    const c = await toDay();
    await c.say("xyz");
    await c.say("qwerty");
    await c.say("asdf");
    expect(c.text()).toMatch(/ende nuk po ju kuptoj/);
    const labels = c.last.flatMap((r) => r.choices ?? []).map((x) => x.label);
    expect(labels.slice(-2)).toEqual(["Ndihmë", "Flisni me stafin"]);
    expect(labels.filter((l) => /nën|dhj/.test(l)).length).toBeGreaterThan(3); // the days, still offered
    await c.say("1"); // the first day of the list, by its number
    expect(c.text()).toMatch(/Oraret e lira për/);
  });
});
