import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock, startTestServer, type TestServer } from "../support/server.ts";
import { WebChatClient } from "../support/webchat.ts";

const NOW = "2026-11-25T08:00:00Z"; // Wednesday 25 November 2026, 09:00 in Tirana

const labels = (c: WebChatClient) => c.last.flatMap((r) => r.choices ?? []).map((x) => x.label);

/** Typed answers at the steps that offer choices: one shared matcher (words, cities, ordinals, synonyms). */
describe("typing at the category, business and service steps", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ clock: fixedClock(NOW) });
  });
  afterAll(async () => {
    await server?.close();
  });

  /** A customer at the business step of the barbers. */
  async function atBarbers(): Promise<WebChatClient> {
    const c = new WebChatClient(server.url);
    await c.start();
    await c.pick("Rezervo një termin");
    await c.say("floktar"); // a category alias from the catalog
    expect(c.text()).toMatch(/Zgjidhni biznesin/);
    expect(labels(c)).toContain("Berberi Ardit (Tiranë)");
    return c;
  }

  /** From the service step: first free day, first free time, contact details; the summary's text. */
  async function summary(c: WebChatClient): Promise<string> {
    await c.say("e para"); // first day shown
    expect(c.last.at(-1)?.kind).toBe("slots");
    await c.say("1"); // first free time
    await c.say("Ana Berisha");
    await c.say("ana@example.al");
    await c.say("069 123 4567");
    return c.text();
  }

  for (const typed of ["te berberi ardit", "berberi n'tirane", "ai në Tiranë", "e dyta", "Ardit"]) {
    it(`"${typed}" picks Berberi Ardit`, async () => {
      const c = await atBarbers();
      await c.say(typed);
      expect(c.text()).toMatch(/^Berberi Ardit — Rruga e Durrësit 112, Tiranë\./m);
    });
  }

  it(`"i pari" and "i fundit" pick by position among the businesses (Shkodër is listed first), not the back button`, async () => {
    const c = await atBarbers();
    await c.say("i pari");
    expect(c.text()).toMatch(/^Berber Kalaja — /m);
    const d = await atBarbers();
    await d.say("i fundit");
    expect(d.text()).toMatch(/^Berberi Ardit — /m);
  });

  it(`a city picks the one business there ("Durrës" among the dental clinics)`, async () => {
    const c = new WebChatClient(server.url);
    await c.start();
    await c.pick("Rezervo një termin");
    await c.say("klinike dentare");
    await c.say("n'Durrës");
    expect(c.text()).toMatch(/^Klinika Dentare Adriatik — Rruga Tregtare 15, Durrës\./m);
  });

  it(`"qethje" is the haircut (a service alias)`, async () => {
    const c = await atBarbers();
    await c.say("te ardit");
    await c.say("qethje");
    expect(await summary(c)).toMatch(/Shërbimi: Prerje flokësh\n/);
  });

  it(`"mjekra" is the beard service and "për fëmijë" the children's haircut`, async () => {
    const c = await atBarbers();
    await c.say("ardit");
    await c.say("mjekra");
    expect(await summary(c)).toMatch(/Shërbimi: Prerje flokësh dhe mjekre\n/);
    const d = await atBarbers();
    await d.say("ardit");
    await d.say("për fëmijë");
    expect(await summary(d)).toMatch(/Shërbimi: Prerje për fëmijë\n/);
  });

  it(`"prerje" fits three services: asks which, listing only those, then takes a typed answer`, async () => {
    const c = await atBarbers();
    await c.say("ardit");
    await c.say("prerje");
    expect(c.text()).toMatch(/Me «prerje» përputhen disa zgjedhje/);
    expect(labels(c).map((l) => l.split(" · ")[0])).toEqual(["Prerje flokësh", "Prerje flokësh dhe mjekre", "Prerje për fëmijë"]);
    await c.say("e dyta");
    expect(await summary(c)).toMatch(/Shërbimi: Prerje flokësh dhe mjekre\n/);
  });

  it("a typo of one letter in a longer word still finds the service; a word of another category goes there", async () => {
    const c = await atBarbers();
    await c.say("ardit");
    await c.say("rruajtej");
    expect(await summary(c)).toMatch(/Shërbimi: Rruajtje me brisk\n/);
    const d = await atBarbers();
    await d.say("ardit");
    await d.say("manikyr");
    expect(d.text()).toMatch(/Zgjidhni biznesin/);
    expect(labels(d)).toContain("Sallon Elegance (Tiranë)");
  });

  it("works in English too", async () => {
    const c = new WebChatClient(server.url);
    await c.start({ lang: "en" });
    await c.pick(/Book/);
    await c.say("the barber");
    await c.say("the one in Shkodër");
    expect(c.text()).toMatch(/^Berber Kalaja — /m);
    await c.say("beard");
    expect(await summary(c)).toMatch(/Beard trim/);
  });
});
