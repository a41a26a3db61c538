import { beforeEach, describe, expect, it } from "vitest";
import { bookHaircut, memoryWorld, reachConfirm, type MemoryWorld } from "../../support/memory/index.ts";

// Wednesday 25 November 2026, 09:00 in Tirana.
const NOW = "2026-11-25T08:00:00Z";

let world: MemoryWorld;
beforeEach(() => {
  world = memoryWorld({ now: NOW });
});
const statusOf = (ref: string) => world.bookings.byRef(ref).status;
const startOf = (ref: string) => world.bookings.byRef(ref).start.toISOString();

/** Transcripts of customers who type their answers: confirming, moving and cancelling bookings. */
describe("typed answers at the confirm steps", () => {
  it("books on a typed «Po, konfirmoj» and drops the booking on a typed «jo»", async () => {
    const { bot: yes } = await reachConfirm(world, { day: /26/, time: "11:00" });
    await yes.send("Po, konfirmoj").expect(/Rezervimi u konfirmua/);
    expect(world.bookings.of(yes.id).map((b) => b.status)).toEqual(["confirmed"]);

    const { bot: no } = await reachConfirm(world, { day: /26/, time: "11:30" });
    await no.send("jo").expect(/rezervimi nuk u bë/);
    expect(world.bookings.of(no.id)).toEqual([]);
  });

  it("takes a typed «ok» as a yes", async () => {
    const { bot } = await reachConfirm(world, { day: /26/, time: "12:00" });
    await bot.send("ok").expect(/Rezervimi u konfirmua/);
  });

  it("cancels on a typed «po» and keeps the booking on a typed «jo, mbaje»", async () => {
    const { bot, ref } = await bookHaircut(world, { day: /27/, time: "10:00" });
    await bot
      .send({ choice: "Rezervimet e mia" })
      .send({ choice: /27 nëntor në 10:00/ })
      .send({ choice: "Anulo" })
      .send("jo, mbaje").expect(/rezervimi mbetet siç ishte/);
    expect(statusOf(ref)).toBe("confirmed");
    await bot
      .send({ choice: "Rezervimet e mia" })
      .send({ choice: /27 nëntor në 10:00/ })
      .send({ choice: "Anulo" })
      .expect(/Të anulojmë rezervimin e së premtes, 27 nëntor, në orën 10:00 te Berberi Ardit\? Anulimi është falas/)
      .send("po").expect(new RegExp(`Rezervimi ${ref} i së premtes, 27 nëntor, në orën 10:00 te Berberi Ardit u anulua\\.`));
    expect(statusOf(ref)).toBe("cancelled");
  });
});

describe("moving and cancelling by typing", () => {
  it("moves the only booking without a list: typed day and time, said back, then moved", async () => {
    const { bot, ref } = await bookHaircut(world, { day: /26/, time: "10:00" });
    await bot.send("dua ta shtyj terminin")
      .expect(/Prerje flokësh te Berberi Ardit: tani e keni të enjten, 26 nëntor, në orën 10:00/).expectNot(/Cilin rezervim/)
      .send("të premten në 14:00")
      .expect(/Ta zhvendosim rezervimin e së enjtes, 26 nëntor, në orën 10:00 te Berberi Ardit \(Prerje flokësh\) për të premten, 27 nëntor, në orën 14:00\?/);
    expect(startOf(ref)).toBe("2026-11-26T09:00:00.000Z"); // nothing moved before the yes
    await bot.send("po").expect(new RegExp(`Rezervimi ${ref} te Berberi Ardit u zhvendos për të premten, 27 nëntor, në orën 14:00\\.`));
    expect(startOf(ref)).toBe("2026-11-27T13:00:00.000Z");
  });

  it("moves to another day «at the same time»: the booking's own time on that day, said back first", async () => {
    const { bot, ref } = await bookHaircut(world, { day: /26/, time: "10:00" });
    await bot.send("dua ta levize per te premten ne te njejten ore")
      .expect(/Ta zhvendosim rezervimin e së enjtes, 26 nëntor, në orën 10:00 te Berberi Ardit \(Prerje flokësh\) për të premten, 27 nëntor, në orën 10:00\?/);
    expect(startOf(ref)).toBe("2026-11-26T09:00:00.000Z");
    await bot.send("po").expect(new RegExp(`Rezervimi ${ref} te Berberi Ardit u zhvendos për të premten, 27 nëntor, në orën 10:00\\.`));
    expect(startOf(ref)).toBe("2026-11-27T09:00:00.000Z");
  });

  it("moves «nga e enjtja te e premtja» to the day it goes to, not the one it is on, asked or typed at the day step", async () => {
    const { bot, ref } = await bookHaircut(world, { day: /26/, time: "10:00" });
    await bot.send("a mundem ta kaloj qethjen nga e enjtja te e premtja ne te njejten kohe?")
      .expect(/Ta zhvendosim rezervimin e së enjtes, 26 nëntor, në orën 10:00 te Berberi Ardit \(Prerje flokësh\) për të premten, 27 nëntor, në orën 10:00\?/)
      .send("jo").expect(/Zgjidhni ditën e re/)
      .send("nga e enjtja te e premtja ne 11").expect(/për të premten, 27 nëntor, në orën 11:00\?/)
      .send("po");
    expect(startOf(ref)).toBe("2026-11-27T10:00:00.000Z");
  });

  /** A haircut on Thursday 26 at 10:00 moved by one typed request: said back as `asked`, then at `iso` after «po». */
  /** A haircut booked by typing in English, on Thursday 26 November at 11:00. */
  async function bookInEnglish(): Promise<{ bot: ReturnType<typeof world.chat>; ref: string }> {
    const bot = world.chat({ lang: "en" });
    await bot.start().send("I'd like a haircut at Berberi Ardit on Thursday at 11")
      .send("Tom Baker").send("tom.baker@example.com").send("+355 69 555 0101").send("yes").expect(/RZ-[A-Z0-9]{6}/);
    return { bot, ref: bot.text().match(/RZ-[A-Z0-9]{6}/)![0] };
  }

  /** A haircut (in Albanian on Thursday at 10:00, or in English at 11:00) moved by one typed request and a yes. */
  async function movedBySaying(text: string, asked: RegExp, iso: string, english = false): Promise<void> {
    const { bot, ref } = english ? await bookInEnglish() : await bookHaircut(world, { day: /26/, time: "10:00" });
    await bot.send(text).expect(asked).send(english ? "yes" : "po");
    expect(startOf(ref)).toBe(iso);
  }

  it("moves a booking named by its day in the genitive to the day asked after it", () =>
    movedBySaying("më duhet ta ndryshoj qethjen e së enjtes, a ka vend të premten në 12?", /për të premten, 27 nëntor, në orën 12:00\?/, "2026-11-27T11:00:00.000Z"));

  it("«can I switch my haircut to 5 pm?» and «… e nesërme mund ta lëmë për të premten në 10?» move it", async () => {
    await movedBySaying("can I switch my haircut to 5 pm?", /to Thursday 26 November at 17:00\?/, "2026-11-26T16:00:00.000Z", true);
    await movedBySaying("qethjen e nesërme mund ta lëmë për të premten në 10?", /për të premten, 27 nëntor, në orën 10:00\?/, "2026-11-27T09:00:00.000Z");
  });

  it("a move by days («shtyje një javë», «the day after at the same time», «a week later at 3pm») keeps the time unless one is said; «swap my … appointment», «the same time but on Friday» and «të po asaj dite» move too", async () => {
    await movedBySaying("shtyje qethjen një javë", /për të enjten, 3 dhjetor, në orën 10:00\?/, "2026-12-03T09:00:00.000Z");
    await movedBySaying("something came up, could we do the haircut the day after at the same time?", /to Friday 27 November at 11:00\?/, "2026-11-27T10:00:00.000Z", true);
    await movedBySaying("can my haircut be a week later at 3pm?", /to Thursday 3 December at 15:00\?/, "2026-12-03T14:00:00.000Z", true);
    await movedBySaying("Can I swap my Thursday appointment to Friday morning at 10?", /to Friday 27 November at 10:00\?/, "2026-11-27T09:00:00.000Z", true);
    // No verb for moving: "the same time but on Friday" says the day.
    await movedBySaying("can I have my haircut at the same time but on Friday?", /to Friday 27 November at 11:00\?/, "2026-11-27T10:00:00.000Z", true);
    await movedBySaying("a ka mundesi ta kaloj ne oren 12 te po asaj dite?", /për të enjten, 26 nëntor, në orën 12:00\?/, "2026-11-26T11:00:00.000Z");
  });

  it("a move to a day alone offers the booking's own time when it is free there, and «yes» takes it", async () => {
    const { bot, ref } = await bookInEnglish();
    await bot.send("is it possible to come on Friday instead of Thursday?")
      .expect(/The same time, 11:00, is free: say “yes” to keep it, or pick another\./).expect(/Free times on Friday 27 November/)
      .send("yes").expect(/moved to Friday 27 November at 11:00/);
    expect(startOf(ref)).toBe("2026-11-27T10:00:00.000Z");
    // «same time» typed at the day's times is read like any typed time: the booking's own time that day.
    const other = await bookInEnglish();
    await other.bot.send("is it possible to come on Friday instead of Thursday?").expect(/Free times on Friday 27 November/)
      .send("same time").expect(/moved to Friday 27 November at 11:00/);
    expect(startOf(other.ref)).toBe("2026-11-27T10:00:00.000Z");
  });

  it("«terminin e nesërm e dua të premten në të njëjtën orë» and «change my Thursday haircut to Friday» move it", async () => {
    await movedBySaying("terminin e së enjtes e dua të premten në të njëjtën orë", /për të premten, 27 nëntor, në orën 10:00\?/, "2026-11-27T09:00:00.000Z");
    await movedBySaying("qethjen e së enjtes e çoj për të premten në 12?", /për të premten, 27 nëntor, në orën 12:00\?/, "2026-11-27T11:00:00.000Z");
    const { bot, ref } = await bookInEnglish();
    // Friday's times (Thursday, the booking's own day, only names it); a time picked there moves it.
    await bot.send("Need to change my Thursday haircut to Friday please, any time after 2").expect(/Free times .*Friday 27 November/)
      .send("3pm").expect(/moved to Friday 27 November at 15:00/);
    expect(startOf(ref)).toBe("2026-11-27T14:00:00.000Z");
  });

  it("a move whose message had a number not read as a time does not offer the booking's own time for a «yes»", async () => {
    const { bot, ref } = await bookInEnglish();
    await bot.send("is it possible to come on Friday instead of Thursday? 3 or 4 hopefully").expect(/Free times on Friday 27 November/)
      .check((b) => expect(b.text()).not.toMatch(/The same time/))
      .send("yes").expect(/did not understand|Free times on Friday 27 November/);
    // Still on Thursday at 11:00: the «yes» took nothing.
    expect(startOf(ref)).toBe("2026-11-26T10:00:00.000Z");
  });

  it("moves a booking «një orë më vonë»: its own time an hour later, said back first", () =>
    movedBySaying("a mundem ta kaloj qethjen një orë më vonë?", /për të enjten, 26 nëntor, në orën 11:00\?/, "2026-11-26T10:00:00.000Z"));

  it("reads an English move request that «pushes» a booking to a day and part of the day", async () => {
    const { bot, ref } = await bookInEnglish();
    await bot.send("something came up, could we push my haircut to next Monday morning?").expect(/Monday 30 November/).expect(/morning/i)
      // A free time typed at the day's list is that time pressed.
      .send("10am").expect(/moved to Monday 30 November at 10:00/);
    expect(startOf(ref)).toBe("2026-11-30T09:00:00.000Z");
  });

  it("«I can't make it Thursday, is there anything on Friday afternoon?» moves the booking: Friday afternoon's times", async () => {
    const { bot, ref } = await bookInEnglish();
    await bot.send("I can't make it Thursday morning, is there anything on Friday afternoon?")
      .expect(/Free times in the afternoon on Friday 27 November/)
      .send("4pm").expect(/moved to Friday 27 November at 16:00/);
    expect(startOf(ref)).toBe("2026-11-27T15:00:00.000Z");
  });

  it("moves a booking «to Friday afternoon, 4:30 if possible»: the time, not the afternoon's list", () =>
    movedBySaying("hi, I need to move my haircut to Friday afternoon, 4:30 if possible", /to Friday 27 November at 16:30\?/, "2026-11-27T15:30:00.000Z", true));

  it("moves a booking named by its day «ta bëjmë të premten në të njëjtën orë»", () =>
    movedBySaying("qethjen e se enjtes a mund ta bejme te premten ne te njejten ore?", /për të premten, 27 nëntor, në orën 10:00\?/, "2026-11-27T09:00:00.000Z"));

  it("moves a booking «një orë më herët» without a verb for moving", () =>
    movedBySaying("a mund ta bejme qethjen nje ore me heret?", /për të enjten, 26 nëntor, në orën 09:00\?/, "2026-11-26T08:00:00.000Z"));

  it("a move to a day it cannot read («later this week at 10») asks for the day and moves nothing", async () => {
    const { bot, ref } = await bookInEnglish();
    await bot.send("could you move my haircut to later this week at 10?").expectNot(/Move your booking/).expect(/Pick the new day/);
    expect(startOf(ref)).toBe("2026-11-26T10:00:00.000Z");
  });

  it("«something came up on Thursday, can we do Friday instead? around 4pm» moves it to Friday, not Thursday", () =>
    movedBySaying("something came up on Thursday, can we do Friday instead? around 4pm", /to Friday 27 November at 16:00\?/, "2026-11-27T15:00:00.000Z", true));

  it("«të premten në 4 pasdite në vend të së enjtes» moves it to Friday", () =>
    movedBySaying("a mund ta bëjmë qethjen të premten në 4 pasdite në vend të së enjtes?", /për të premten, 27 nëntor, në orën 16:00\?/, "2026-11-27T15:00:00.000Z"));

  it("«my haircut on Friday instead, same time?» moves it without a verb for moving", () =>
    movedBySaying("could we do my haircut on Friday instead, same time?", /to Friday 27 November at 11:00\?/, "2026-11-27T10:00:00.000Z", true));

  it("«qethjen mund ta kaloj për të premten …?», the service said first, moves it", () =>
    movedBySaying("qethjen mund ta kaloj per te premten ne 3 pasdite?", /për të premten, 27 nëntor, në orën 15:00\?/, "2026-11-27T14:00:00.000Z"));

  it("«can my haircut be moved to Saturday at 4pm?» and «ma kaloni … në të njëjtën kohë» move it", async () => {
    await movedBySaying("Hi! Can my haircut be moved to Saturday at 4pm?", /to Saturday 28 November at 16:00\?/, "2026-11-28T15:00:00.000Z", true);
    await movedBySaying("qethjen ma kaloni per te premten ne te njejten kohe ju lutem", /për të premten, 27 nëntor, në orën 10:00\?/, "2026-11-27T09:00:00.000Z");
  });

  it("«push my haircut back half an hour» moves it half an hour later on its own day", () =>
    movedBySaying("can you push my haircut back half an hour?", /to Thursday 26 November at 11:30\?/, "2026-11-26T10:30:00.000Z", true));

  it("«javën tjetër në të njëjtën ditë dhe orë» moves the booking a week on, at its own time", () =>
    movedBySaying("a mund ta kaloni qethjen per javen tjeter ne te njejten dite dhe ore?", /për të enjten, 3 dhjetor, në orën 10:00\?/, "2026-12-03T09:00:00.000Z"));

  it("«the same day next week at 3pm» moves the booking to that weekday of next week, at the time said", () =>
    movedBySaying("could we move my haircut to the same day next week at 3pm?", /to Thursday 3 December at 15:00\?/, "2026-12-03T14:00:00.000Z", true));

  it("«në të njëjtën ditë, por në 12» moves the booking on its own day", () =>
    movedBySaying("a mund ta kaloj qethjen në të njëjtën ditë, por në 12?", /për të enjten, 26 nëntor, në orën 12:00\?/, "2026-11-26T11:00:00.000Z"));

  it("«can I come on Saturday morning instead? 9 would be great» moves the booking there", () =>
    movedBySaying("I have a haircut booked on Thursday - can I come on Saturday morning instead? 9 would be great",
      /to Saturday 28 November at 09:00\?/, "2026-11-28T08:00:00.000Z", true));

  it("typed requests about messages, data and refunds reach their places: reminder channels, the data, support", async () => {
    const { bot } = await bookInEnglish();
    await bot.send("please stop sending me messages").expect(/Reminders come 24 hours and 2 hours before/);
    await bot.send("what do you know about me?").expect(/We keep only what your bookings need/);
    await bot.send("where is my refund?").expect(/put you in touch with our support team/);
    // A chat with no booking yet hears it is not known which customer it is.
    const sq = world.chat();
    await sq.start().send("mos më shkruani më").expect(/Ende nuk e di cili klient jeni/);
  });

  it("at the list of bookings, «move the haircut to Friday at the same time» moves it", async () => {
    const { bot, ref } = await bookInEnglish();
    await bot.send("my bookings").expect(/You have 1 upcoming booking/)
      .send("move the haircut to Friday at the same time").expect(/to Friday 27 November at 11:00\?/).send("yes");
    expect(startOf(ref)).toBe("2026-11-27T10:00:00.000Z");
  });

  it("«I booked a haircut for Thursday but can I make it Friday at the same time?» moves it", () =>
    movedBySaying("I booked a haircut for Thursday but can I make it Friday at the same time?", /to Friday 27 November at 11:00\?/, "2026-11-27T10:00:00.000Z", true));

  it("«reschedule tomorrow's haircut to Friday 4pm»: the day in the possessive names the booking", () =>
    movedBySaying("need to reschedule tomorrow's haircut to Friday 4pm", /to Friday 27 November at 16:00\?/, "2026-11-27T15:00:00.000Z", true));

  it("a move to a time alone keeps the booking's day, not today's («… a mund ta kaloj në 12?»)", () =>
    movedBySaying("e kam një termin të enjten në 10, a mund ta kaloj në 12?", /për të enjten, 26 nëntor, në orën 12:00\?/, "2026-11-26T11:00:00.000Z"));

  it("«could it be at 5 instead of 3?» moves the booking to 5 on its own day", () =>
    movedBySaying("my haircut on Thursday, could it be at 5 instead of 10?", /për të enjten, 26 nëntor, në orën 17:00\?/, "2026-11-26T16:00:00.000Z"));

  it("takes the new time said in the move request itself, and «nesër» then «në 12» at the steps", async () => {
    const { bot, ref } = await bookHaircut(world, { day: /26/, time: "15:00" });
    await bot.send("shtyje për të hënën në 11").expect(/për të hënën, 30 nëntor, në orën 11:00\?/)
      .send("jo").expect(/Zgjidhni ditën e re/)
      .send("nesër").expect(/Oraret e lira për të enjten, 26 nëntor/)
      .check((b) => expect(b.labels()).not.toContain("15:00")) // its own time
      // A time typed at the day's list is that time pressed: moved at once, and said.
      .send("në 12").expect(new RegExp(`Rezervimi ${ref} te Berberi Ardit u zhvendos për të enjten, 26 nëntor, në orën 12:00\\.`));
    expect(startOf(ref)).toBe("2026-11-26T11:00:00.000Z");
  });

  it("says when the day has passed or the business is closed, and offers the nearest times when taken", async () => {
    const { bot, ref } = await bookHaircut(world, { day: /26/, time: "16:00" });
    await bot.send("I need to move my appointment")
      .send("dje në 10").expect(/Dita që shkruat, e martë, 24 nëntor, ka kaluar/)
      .check((b) => expect(b.kind).toBe("days"))
      .send("të dielën").expect(/Berberi Ardit nuk punon të dielën, 29 nëntor\. Ditët e para me orare të lira: e hënë, 30 nëntor;/)
      .send("e enjte ne 21:00") // after closing time
      .expect(/Ora 21:00 e së enjtes, 26 nëntor: biznesi nuk është i hapur në këtë orë\./).expect(/Oraret e lira më të afërta/)
      .send({ choice: /26 nëntor në 19:30/ }).expect(/u zhvendos për të enjten, 26 nëntor, në orën 19:30/);
    expect(startOf(ref)).toBe("2026-11-26T18:30:00.000Z");
  });

  it("finds the booking named in words among several, for moving, cancelling and on its own page", async () => {
    const { bot, ref: ardit } = await bookHaircut(world, { day: /26/, time: "17:00", name: "Besa Kola" });
    await bot
      .send({ choice: "Rezervo një termin" })
      .send({ choice: "Berber" })
      .send({ choice: /Kalaja/ })
      .send({ choice: /^Prerje flokësh ·/ })
      .send({ choice: /27/ })
      .send({ choice: "10:00" })
      .send({ choice: /Përdor të dhënat e mëparshme/ })
      .send("po");
    const kalaja = bot.text().match(/RZ-[A-Z0-9]{6}/)![0];

    await bot.send("dua ta ndryshoj orarin").expect(/Cilin rezervim doni të zhvendosni/)
      .send("atë të premten") // names the booking; the new day is still to be asked
      .expect(/Prerje flokësh te Berber Kalaja: tani e keni të premten, 27 nëntor, në orën 10:00\. Zgjidhni ditën e re/)
      .send("menu")
      .send("dua ta anuloj rezervimin").expect(/Cilin rezervim doni të anuloni/)
      .send("atë të premten").expect(/Të anulojmë rezervimin .*Berber Kalaja/)
      .send("po");
    expect(statusOf(kalaja)).toBe("cancelled");
    expect(statusOf(ardit)).toBe("confirmed");

    await bot.send("rezervimet e mia")
      .send("ai i ardit").expect(new RegExp(`Rezervimi ${ardit}`))
      .send("anuloje").expect(/Të anulojmë rezervimin .*Berberi Ardit/)
      .send("po, anuloje");
    expect(statusOf(ardit)).toBe("cancelled");
  });

  it("\"move the haircut to 11\" moves it to 11:00 that day (\"to 11\" is the hour once the verb is cut off)", async () => {
    const { bot } = await bookHaircut(world, { day: /27/, time: "15:00" });
    await bot.send("move the haircut to 11").expect(/për të premten, 27 nëntor, në orën 11:00\?/);
  });

  it("«emaili: …» typed under the empty list is the address to send a code to, not the button its word names", async () => {
    // No SMS or mail provider in the memory world: the code cannot be sent, and the bot says so at once.
    await world.chat().send("rezervimet e mia").expect(/Nuk gjeta rezervime/)
      .send("emaili: arta@example.com").expect(/Nuk mund t'ju dërgojmë kod/);
  });

  it("acts on «a mund ta ndryshoj orarin?» from a customer with a booking instead of explaining how", async () => {
    const { bot } = await bookHaircut(world, { day: /27/, time: "15:00" });
    await bot.send("a mund ta ndryshoj orarin?").expect(/tani e keni të premten, 27 nëntor, në orën 15:00/);
  });

  it("with no booking in this chat, a move asked about one's own booking, or being late, leads to proving it; asking how is answered", async () => {
    // A booking named by its day or service, or said to be one's own: made elsewhere, so the way to prove it.
    await world.chat().send("a mund ta shtyj terminin e dentistit për të enjten në të njëjtën orë?").expect(/Nuk gjeta rezervime .*shkruajeni këtu/);
    await world.chat().send("e kam rezervuar masazhin nga telefoni i burrit, a mund ta anuloj?").expect(/Nuk gjeta rezervime/);
    // «do vonohem» (I will be late) is no English "do …?" question.
    await world.chat().send("do vonohem 15 minuta sot").expect(/Nuk gjeta rezervime/);
    // How to change a booking, asked in general, gets the FAQ's answer.
    await world.chat().send("si mund ta ndryshoj një rezervim?").expect(/Rezervimet e mia/);
  });
});
