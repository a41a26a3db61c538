import { describe, expect, it } from "vitest";
import { serverAt } from "../support/suite.ts";
import { WebChatClient } from "../support/webchat.ts";
import type { TestServer } from "../support/server.ts";

// Monday 30 November 2026, 08:00 in Tirana.
const NOW = "2026-11-30T07:00:00Z";

/** The starts of a chat's confirmed bookings, in order. */
const heldBy = (server: () => TestServer) => async (c: WebChatClient) =>
  (await server().db.prisma.booking.findMany({ where: { conversationId: c.sessionId, status: "confirmed" }, orderBy: { start: "asc" }, select: { start: true } }))
    .map((b) => b.start.toISOString());

/**
 * A request that lists several days for the same service ("Tuesday and Thursday at 10", «dy seanca të tjera,
 * të enjten dhe të premten») books them one at a time: the first, then each next one at the same time of
 * day, confirmed as usual; a booking already made is never moved for it.
 */
describe("several days asked at once", () => {
  const server = serverAt(NOW);
  const held = heldBy(server);

  it("«a haircut at Ardit on Tuesday and Thursday at 10»: Tuesday first, then Thursday at 10 to confirm", async () => {
    const c = new WebChatClient(server().url);
    await c.start({ lang: "en" });
    await c.say("a haircut at Ardit on Tuesday and Thursday at 10");
    expect(c.text()).toMatch(/I book them one at a time: this one first, then Thursday 3 December\./);
    expect(c.text()).toMatch(/Tuesday 1 December, at 10:00 — free/);
    for (const m of ["Ana Leka", "ana.leka@gmail.com", "069 123 4567", "yes"]) await c.say(m);
    expect(c.text()).toMatch(/Now the next one you asked for, Thursday 3 December at 10:00:[\s\S]*Shall I confirm it\?/);
    await c.say("yes");
    expect(await held(c)).toEqual(["2026-12-01T09:00:00.000Z", "2026-12-03T09:00:00.000Z"]);
  });

  it("«dua edhe 2 seanca të tjera, të enjten dhe të premten në të njëjtën orë» adds two, the first one stays", async () => {
    const c = new WebChatClient(server().url);
    await c.start({ lang: "sq" });
    for (const m of ["seancë fizioterapie te Lëvizja të martën në 9", "Ana Leka", "ana.leka@gmail.com", "069 123 4567", "po"]) await c.say(m);
    await c.say("dua edhe 2 seanca te tjera, te enjten dhe te premten ne te njejten ore");
    expect(c.text()).not.toMatch(/zhvendos/);
    await c.say("po");
    expect(c.text()).toMatch(/Tani rezervimi tjetër që kërkuat, e premte, 4 dhjetor në 09:00/);
    await c.say("po");
    expect(await held(c)).toEqual(["2026-12-01T08:00:00.000Z", "2026-12-03T08:00:00.000Z", "2026-12-04T08:00:00.000Z"]);
  });

  it("«Monday, Wednesday and Friday next week at 9am»: the week said goes for every day of the list", async () => {
    const c = new WebChatClient(server().url);
    await c.start({ lang: "en" });
    for (const m of ["physio session at Levizja on Monday, Wednesday and Friday next week at 9am", "Ana Leka", "ana.leka@gmail.com", "069 123 4567"]) await c.say(m);
    expect(c.text()).toMatch(/Monday 7 December at 09:00/);
    for (const m of ["yes", "yes", "yes"]) await c.say(m);
    expect(await held(c)).toEqual(["2026-12-07T08:00:00.000Z", "2026-12-09T08:00:00.000Z", "2026-12-11T08:00:00.000Z"]);
  });

  it("«s'kam email» said with a list of days does not stop the list: Thursday, then Saturday", async () => {
    const c = new WebChatClient(server().url);
    await c.start({ lang: "sq" });
    await c.say("jam Fatos Lami, 069 108 2020, s'kam email. dua rregullim mjekre te kalaja te enjten dhe te shtunen ne 10");
    expect(c.text()).toMatch(/pastaj të shtunën, 5 dhjetor/);
    for (const m of ["po", "po"]) await c.say(m);
    expect(await held(c)).toEqual(["2026-12-03T09:00:00.000Z", "2026-12-05T09:00:00.000Z"]);
  });

  it("«të martën në 10 dhe të enjten në 12 një qethje te Ardit»: each day at its own time", async () => {
    const c = new WebChatClient(server().url);
    await c.start({ lang: "sq" });
    await c.say("te marten ne 10 dhe te enjten ne 4 nje qethje te ardit");
    expect(c.text()).toMatch(/pastaj të enjten, 3 dhjetor, në orën 16:00\./);
    for (const m of ["Besmir Leka", "besmir.l@example.com", "067 112 1717", "po"]) await c.say(m);
    expect(c.text()).toMatch(/Tani rezervimi tjetër që kërkuat, e enjte, 3 dhjetor në 16:00/);
    await c.say("po");
    expect(await held(c)).toEqual(["2026-12-01T09:00:00.000Z", "2026-12-03T15:00:00.000Z"]);
  });

  it("\"Wednesday 10am and Friday 3pm, full body massage at Marina\": each at its time (\"full\" there is no full day)", async () => {
    const c = new WebChatClient(server().url);
    await c.start({ lang: "en" });
    await c.say("Wednesday 10am and Friday 3pm, full body massage at Marina");
    expect(c.text()).toMatch(/then Friday 4 December at 15:00\./);
    for (const m of ["Zana Lika", "zana.l@example.com", "067 113 0303", "yes", "yes"]) await c.say(m);
    expect(await held(c)).toEqual(["2026-12-02T09:00:00.000Z", "2026-12-04T14:00:00.000Z"]);
  });

  it("«no» to the next day's summary leaves the first booking confirmed, and says so", async () => {
    const c = new WebChatClient(server().url);
    await c.start({ lang: "en" });
    for (const m of ["a haircut at Ardit on Tuesday and Thursday at 11", "Ana Leka", "ana.leka@gmail.com", "069 123 4567", "yes"]) await c.say(m);
    await c.say("no");
    expect(c.text()).toMatch(/I did not book this one\. The booking made before stays confirmed\./);
    expect(await held(c)).toEqual(["2026-12-01T10:00:00.000Z"]);
  });

  it("a next day without that time free (closed on Sunday) offers its nearest free times instead", async () => {
    const c = new WebChatClient(server().url);
    await c.start({ lang: "en" });
    for (const m of ["haircut at Ardit on Saturday and Sunday at 10", "Ana Leka", "ana.leka@gmail.com", "069 123 4567", "yes"]) await c.say(m);
    expect(c.text()).toMatch(/For the next one you asked for, Sunday 6 December at 10:00 is not free\. The nearest free times:/);
    expect(await held(c)).toEqual(["2026-12-05T09:00:00.000Z"]);
  });
});

/**
 * The same day and time each week («çdo të martë në 9 për 3 javë», "every Tuesday at 9", «3 seanca, një në
 * javë»): the first booked, then the same time in each week after it, one at a time; a month when no count is
 * said, at most twelve weeks at once.
 */
describe("the same time each week", () => {
  const server = serverAt(NOW);
  const held = heldBy(server);

  it("«seancë fizioterapie te Lëvizja çdo të martë në 9 për 3 javë» books three Tuesdays at 9", async () => {
    const c = new WebChatClient(server().url);
    await c.start({ lang: "sq" });
    await c.say("seance fizioterapie te Levizja cdo te marte ne 9 per 3 jave");
    expect(c.text()).toMatch(/I rezervoj një nga një: së pari këtë, pastaj të njëjtën ditë dhe orë çdo javë, edhe 2 të tjera\./);
    expect(c.text()).toMatch(/e martë, 1 dhjetor, në orën 09:00 — e lirë/);
    for (const m of ["Ana Leka", "ana.leka@gmail.com", "069 123 4567", "po"]) await c.say(m);
    expect(c.text()).toMatch(/Tani rezervimi tjetër që kërkuat, e martë, 8 dhjetor në 09:00/);
    for (const m of ["po", "po"]) await c.say(m);
    expect(await held(c)).toEqual(["2026-12-01T08:00:00.000Z", "2026-12-08T08:00:00.000Z", "2026-12-15T08:00:00.000Z"]);
  });

  it("«dua 3 seanca fizioterapie te Levizja, një në javë, të martën në 9» is three weeks, not three places at once", async () => {
    const c = new WebChatClient(server().url);
    await c.start({ lang: "sq" });
    await c.say("dua 3 seanca fizioterapie te Levizja, nje ne jave, te marten ne 10");
    expect(c.text()).toMatch(/edhe 2 të tjera/);
    expect(c.text()).not.toMatch(/veta|persona/);
    for (const m of ["Ana Leka", "ana.leka@gmail.com", "069 123 4567", "po", "po", "po"]) await c.say(m);
    expect(await held(c)).toEqual(["2026-12-01T09:00:00.000Z", "2026-12-08T09:00:00.000Z", "2026-12-15T09:00:00.000Z"]);
  });

  it("\"every Saturday at 10\" without a count offers a month, and «no» stops it with the ones booked kept", async () => {
    const c = new WebChatClient(server().url);
    await c.start({ lang: "en" });
    await c.say("a haircut at Ardit every Saturday at 10");
    expect(c.text()).toMatch(/the same day and time each week, 3 more\.[\s\S]*You did not say for how many weeks, so I offer a month of them/);
    for (const m of ["Ana Leka", "ana.leka@gmail.com", "069 123 4567", "yes", "yes"]) await c.say(m);
    expect(c.text()).toMatch(/Now the next one you asked for, Saturday 19 December at 10:00/);
    await c.say("no");
    expect(c.text()).toMatch(/I did not book this one/);
    expect(await held(c)).toEqual(["2026-12-05T09:00:00.000Z", "2026-12-12T09:00:00.000Z"]);
  });

  it("\"on Tuesdays at 11 for the next 2 weeks\" reads the day as Tuesday; more than twelve weeks is said to be too many", async () => {
    const c = new WebChatClient(server().url);
    await c.start({ lang: "en" });
    await c.say("a haircut at Ardit on Tuesdays at 11 for the next 2 weeks");
    expect(c.text()).toMatch(/then the same day and time the week after\.[\s\S]*Tuesday 1 December, at 11:00 — free/);
    const d = new WebChatClient(server().url);
    await d.start({ lang: "sq" });
    await d.say("qethje te Ardit cdo te enjte ne 12 per 20 jave");
    expect(d.text()).toMatch(/Rezervoj deri në 12 javë njëherësh\.[\s\S]*edhe 11 të tjera/);
  });

  it("\"on Saturday at 9, and the same the next two Saturdays\" is three Saturdays", async () => {
    const c = new WebChatClient(server().url);
    await c.start({ lang: "en" });
    await c.say("haircut at Ardit on Saturday at 9, and the same the next two Saturdays");
    expect(c.text()).toMatch(/each week, 2 more\./);
    for (const m of ["Ben Hysa", "ben.h@example.com", "068 108 0505", "yes", "yes", "yes"]) await c.say(m);
    expect(await held(c)).toEqual(["2026-12-05T08:00:00.000Z", "2026-12-12T08:00:00.000Z", "2026-12-19T08:00:00.000Z"]);
  });

  it("a week past the days the business takes bookings for ends the series, the ones booked kept", async () => {
    const c = new WebChatClient(server().url);
    await c.start({ lang: "en" });
    // Bookings open 30 days ahead: the 28 December one is the last that can be had.
    await c.say("physiotherapy session at Levizja every Monday at 11 for 6 weeks");
    for (const m of ["Ana Leka", "ana.leka@gmail.com", "069 123 4567", "yes", "yes", "yes", "yes"]) await c.say(m);
    expect(c.text()).toMatch(/Monday 4 January at 11:00 cannot be booked yet/);
    expect(await held(c)).toEqual(["2026-12-07T10:00:00.000Z", "2026-12-14T10:00:00.000Z", "2026-12-21T10:00:00.000Z", "2026-12-28T10:00:00.000Z"]);
  });

  it("\"a standing appointment …, Tuesdays 5pm, … for the next month\" is four Tuesdays from this one", async () => {
    const c = new WebChatClient(server().url);
    await c.start({ lang: "en" });
    await c.say("I want a standing appointment at Levizja, Tuesdays 5pm, physiotherapy session, for the next month");
    expect(c.text()).toMatch(/each week, 3 more\.[\s\S]*Tuesday 1 December, at 17:00 — free/);
  });

  it("\"every week on Thursday at 4pm? 3 weeks please\" counts three; Gheg «çdo t'premte n'ora 10 …, 2 jav rresht» is two Fridays", async () => {
    const c = new WebChatClient(server().url);
    await c.start({ lang: "en" });
    await c.say("Can you book me in for a back and neck massage at Marina every week on Thursday at 4pm? 3 weeks please");
    expect(c.text()).toMatch(/each week, 2 more\.[\s\S]*Thursday 3 December, at 16:00 — free/);
    expect(c.text()).not.toMatch(/You did not say/);
    const d = new WebChatClient(server().url);
    await d.start({ lang: "sq" });
    await d.say("a muj me ardh cdo t'premte n'ora 10 per seance fizioterapie te levizja, 2 jav rresht");
    expect(d.text()).toMatch(/javën pas saj\.[\s\S]*e premte, 4 dhjetor, në orën 10:00 — e lirë/);
  });

  it("weeks said of something else are no series: \"I'm away for 3 weeks\", «pas 2 javësh»", async () => {
    const c = new WebChatClient(server().url);
    await c.start({ lang: "en" });
    await c.say("I'm away for 3 weeks from Monday, so a haircut at Ardit this Friday at 10");
    expect(c.text()).not.toMatch(/one at a time/);
    const d = new WebChatClient(server().url);
    await d.start({ lang: "sq" });
    await d.say("qethje te Ardit pas 2 javesh");
    expect(d.text()).not.toMatch(/një nga një/);
    const e = new WebChatClient(server().url);
    await e.start({ lang: "en" });
    await e.say("book a massage at Marina on Friday at 3pm, do you have weekly packages?");
    expect(e.text()).not.toMatch(/one at a time/);
  });
});
