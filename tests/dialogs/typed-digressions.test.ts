import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock, startTestServer, type TestServer } from "../support/server.ts";
import { WebChatClient } from "../support/webchat.ts";

// Wednesday 25 November 2026, 09:00 in Tirana.
const NOW = "2026-11-25T08:00:00Z";

/** A question or another request typed in the middle of a booking: answered, then the step again. */
describe("questions and requests in the middle of a booking", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ clock: fixedClock(NOW), env: { RATE_LIMIT_PER_MIN: "1000" } });
  });
  afterAll(async () => {
    await server?.close();
  });

  async function toName(time: string): Promise<WebChatClient> {
    const c = new WebChatClient(server.url);
    await c.start({ lang: "sq" });
    await c.pick("Rezervo një termin");
    await c.pick("Berber");
    await c.pick(/Ardit/);
    await c.pick(/^Prerje flokësh ·/);
    await c.pick(/26/);
    await c.pick(time);
    expect(c.text()).toMatch(/Si quheni/);
    return c;
  }

  it("answers «a pranoni paypal?» at the email step and asks for the email again; thanks for the name once", async () => {
    const c = await toName("10:00");
    await c.say("Arta Hoxha");
    expect(c.text()).toMatch(/Faleminderit, Arta Hoxha\.\nShkruani adresën tuaj të email-it/);
    await c.say("a pranoni paypal?");
    expect(c.text()).toMatch(/PayPal nuk e pranojmë ende/);
    expect(c.text()).toMatch(/Shkruani adresën tuaj të email-it/);
    expect(c.text()).not.toMatch(/email i vlefshëm|email-i e vlefshme/);
    expect(c.text()).not.toMatch(/Faleminderit, Arta/);
    await c.say("arta@example.al");
    expect(c.text()).toMatch(/numrin tuaj të telefonit/);
    await c.say("a jane te sigurta te dhenat e mia tek ju?");
    expect(c.text()).toMatch(/numrin tuaj të telefonit/);
    expect(c.text()).not.toMatch(/nuk është i vlefshëm/);
    await c.say("069 123 4567");
    expect(c.text()).toMatch(/Emri: Arta Hoxha/);
  });

  it("does not take a sentence or a request as a name", async () => {
    const c = await toName("10:30");
    await c.say("Faleminderit, Nuk më vjen SMS-ja që më keni dërguar");
    expect(c.text()).toMatch(/ekipin tonë të mbështetjes/); // a problem: on to support
    expect(c.text()).not.toMatch(/Faleminderit, Faleminderit/);
    expect(c.text()).not.toMatch(/adresën tuaj të email-it/);
    const d = await toName("11:00");
    await d.say("rezervimet e mia");
    expect(d.text()).toMatch(/Nuk gjeta rezervime të ardhshme/);
  });

  it("leaves the flow for staff or another language from a data step", async () => {
    const c = await toName("11:30");
    await c.say("dua te flas me stafin");
    expect(c.text()).not.toMatch(/Emri duhet|1 deri në 4 fjalë/);
    expect(c.text()).toMatch(/Do t'ju lidhim me ekipin tonë të mbështetjes/);
    const d = await toName("12:00");
    await d.say("Besa Kola");
    await d.say("in english please");
    expect(d.text()).toMatch(/Please type your email address/);
  });
});
