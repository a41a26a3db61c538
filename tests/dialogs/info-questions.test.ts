import { describe, expect, it } from "vitest";
import { serverAt } from "../support/suite.ts";
import { WebChatClient } from "../support/webchat.ts";

// Monday 30 November 2026, 08:00 in Tirana.
const NOW = "2026-11-30T07:00:00Z";

/**
 * "How much does it cost?", "where are you?", "what are your hours?": answered from the catalog for the
 * service and business named, or those chosen so far, and the step under way is asked again.
 */
describe("price, address and opening hours asked along the way", () => {
  const server = serverAt(NOW);

  it("at the days of a haircut at Ardit: the price, then the address, each with the days again", async () => {
    const c = new WebChatClient(server().url);
    await c.start({ lang: "en" });
    await c.say("haircut at Ardit");
    expect(c.last.at(-1)?.kind).toBe("days");
    await c.say("how much does it cost?");
    expect(c.text()).toMatch(/^Haircut at Berberi Ardit: 800 lek, 30 min\./m);
    expect(c.last.at(-1)?.kind).toBe("days");
    await c.say("where are you located?");
    expect(c.text()).toMatch(/^Berberi Ardit: Rruga e Durrësit 112, Tiranë\. Phone: \+355 69 441 8203\./m);
    expect(c.last.at(-1)?.kind).toBe("days");
    await c.say("Tuesday");
    expect(c.text()).toMatch(/Free times on Tuesday 1 December/);
  });

  it("«sa kushton një qethje te Ardit?» says the price before the days; without a business, each barber's price, cheapest first", async () => {
    let c = new WebChatClient(server().url);
    await c.start({ lang: "sq" });
    await c.say("sa kushton nje qethje te Ardit?");
    expect(c.text()).toMatch(/^Prerje flokësh te Berberi Ardit: 800 lekë, 30 minuta\./m);
    expect(c.last.at(-1)?.kind).toBe("days");
    c = new WebChatClient(server().url);
    await c.start({ lang: "sq" });
    await c.say("sa kushton nje qethje?");
    expect(c.text()).toMatch(/^Prerje flokësh: Berber Kalaja 700 lekë; Berberi Ardit 800 lekë\./m);
  });

  it("«cili është orari i Sallon Elegance?» lists the week's hours; «sa kushton?» at the name step is no name", async () => {
    let c = new WebChatClient(server().url);
    await c.start({ lang: "sq" });
    await c.say("cili eshte orari i Sallon Elegance?");
    expect(c.text()).toMatch(/^Orari i Sallon Elegance: e hënë–e premte 09:00–13:00, 14:00–19:00; e shtunë 09:00–16:00; e diel mbyllur\./m);
    c = new WebChatClient(server().url);
    await c.start({ lang: "sq" });
    await c.say("qethje te Ardit nesër në 15");
    expect(c.text()).toMatch(/Si quheni\?/);
    await c.say("sa kushton?");
    expect(c.text()).toMatch(/^Prerje flokësh te Berberi Ardit: 800 lekë, 30 minuta\./m);
    expect(c.text()).not.toMatch(/1 deri në 4 fjalë/);
    expect(c.text()).toMatch(/Si quheni\?/);
  });

  it("«a punoni të dielën?» names the places open on Sunday with their hours, not the support desk's hours", async () => {
    const c = new WebChatClient(server().url);
    await c.start({ lang: "sq" });
    await c.say("a punoni te dielen?");
    expect(c.text()).toMatch(/^Të dielën janë hapur: Berber Kalaja \(Shkodër\) 09:00–13:00; Vlora Relax Spa \(Vlorë\) 10:00–18:00\. Të tjerët janë mbyllur atë ditë\./m);
    expect(c.text()).not.toMatch(/24\/7/);
    await c.say("a eshte hapur Ardit te dielen?");
    expect(c.text()).toMatch(/^Berberi Ardit të dielën: mbyllur\./m);
    await c.say("english");
    await c.say("are barbers open on Saturday?");
    expect(c.text()).toMatch(/^All are open on Saturday: Berber Kalaja \(Shkodër\) 08:30–15:00; Berberi Ardit \(Tiranë\) 09:00–18:00\./m);
  });

  it("«how long does a facial take?» says its length and price, then goes on to its days; «sa zgjat?» at the days answers for the service chosen", async () => {
    let c = new WebChatClient(server().url);
    await c.start({ lang: "en" });
    await c.say("how long does a facial take?");
    expect(c.text()).toMatch(/^Facial treatment at Marina Spa & Masazh takes 60 minutes \(3,000 lek\)\./m);
    expect(c.last.at(-1)?.kind).toBe("days");
    c = new WebChatClient(server().url);
    await c.start({ lang: "sq" });
    await c.say("qethje te Ardit");
    await c.say("sa zgjat?");
    expect(c.text()).toMatch(/^Prerje flokësh te Berberi Ardit zgjat 30 minuta \(800 lekë\)\./m);
    expect(c.last.at(-1)?.kind).toBe("days");
    // How long a refund takes is no question about a service's length.
    await c.say("how long does the refund take?");
    expect(c.text()).not.toMatch(/zgjat 30 minuta/);
  });

  it("«sa larg është Ardit nga qendra?» gives Ardit's address: «qendra» (the centre) names no business", async () => {
    const c = new WebChatClient(server().url);
    await c.start({ lang: "sq" });
    await c.say("sa larg eshte Ardit nga qendra?");
    expect(c.text()).toMatch(/^Berberi Ardit: Rruga e Durrësit 112, Tiranë\./m);
  });
});
