import { describe, expect, it } from "vitest";
import { serverAt } from "../support/suite.ts";
import { WebChatClient } from "../support/webchat.ts";

// Monday 30 November 2026, 08:00 in Tirana.
const NOW = "2026-11-30T07:00:00Z";

/**
 * Answers to a choice given loosely: a city said in a sentence ("I live in Tirana") at the places, the
 * choice left to the bot ("doesn't matter", «cilido») at the places and at the days and times.
 */
describe("loose answers to the bot's questions", () => {
  const server = serverAt(NOW);

  it("«I live in Tirana» and «ai që është më afër Tiranës» at the places pick the one in Tirana", async () => {
    let c = new WebChatClient(server().url);
    await c.start({ lang: "en" });
    await c.say("physio");
    await c.say("I live in Tirana");
    expect(c.text()).toMatch(/^Qendra e Fizioterapisë Lëvizja — Rruga e Kavajës 67, Tiranë\.\nChoose the service:/m);
    c = new WebChatClient(server().url);
    await c.start({ lang: "sq" });
    await c.say("fizioterapi");
    await c.say("ai qe eshte me afer Tiranes");
    expect(c.text()).toMatch(/Qendra e Fizioterapisë Lëvizja — Rruga e Kavajës 67, Tiranë/);
  });

  it("«doesn't matter, you choose» at the places says where each is and asks which is nearest; the city then picks", async () => {
    const c = new WebChatClient(server().url);
    await c.start({ lang: "en" });
    await c.say("book a massage");
    await c.say("doesn't matter, you choose");
    expect(c.text()).toMatch(/^Any of them can do it; here is where they are: Marina Spa & Masazh — Shëtitorja Taulantia 40, Durrës; Vlora Relax Spa — Rruga Ismail Qemali 102, Lungomare, Vlorë\. Which is nearest to you\?/m);
    await c.say("Durres");
    expect(c.text()).toMatch(/Marina Spa & Masazh — Shëtitorja Taulantia 40, Durrës\.\nChoose the service:/);
  });

  it("«kurdo» at the times and «doesn't matter» at the days take the first free time", async () => {
    let c = new WebChatClient(server().url);
    await c.start({ lang: "sq" });
    await c.say("qethje te Ardit nesër");
    await c.say("kurdo");
    expect(c.text()).toMatch(/^E martë, 1 dhjetor, në orën 09:00 — e lirë\./m);
    expect(c.text()).toMatch(/Si quheni\?/);
    c = new WebChatClient(server().url);
    await c.start({ lang: "en" });
    await c.say("a check-up at DentaPlus");
    await c.say("doesn't matter");
    expect(c.text()).toMatch(/^Monday 30 November, at 09:00 — free\./m);
  });
});
