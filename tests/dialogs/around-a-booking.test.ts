import { describe, expect, it } from "vitest";
import { serverAt } from "../support/suite.ts";
import { WebChatClient } from "../support/webchat.ts";

// Monday 30 November 2026, 08:00 in Tirana.
const NOW = "2026-11-30T07:00:00Z";

/**
 * What a customer asks or changes around a booking: when and where their booking is, and another service
 * chosen after the day and time were agreed.
 */
describe("questions about one's booking, and changes of mind", () => {
  const server = serverAt(NOW);
  const labels = (c: WebChatClient) => c.last.flatMap((r) => r.choices ?? []).map((x) => x.label);

  /** Books by typing in this chat, in English. */
  async function book(c: WebChatClient, request: string) {
    await c.say(request);
    if (/your name/i.test(c.text())) {
      await c.say("Ana Lee");
      await c.say("ana.lee@example.com");
      await c.say("069 111 2233");
    } else {
      await c.pick(/^Ana Lee/);
    }
    await c.say("yes");
    expect(c.text()).toMatch(/Booking confirmed/);
  }

  it("«when's my appointment?» shows the booking with its day, time and address, and what can be done with it", async () => {
    const c = new WebChatClient(server().url);
    await c.start({ lang: "en" });
    await book(c, "haircut at Ardit tomorrow 10am");
    await c.say("when's my appointment again?");
    expect(c.text()).toMatch(/Haircut at Berberi Ardit\nTuesday 1 December at 10:00\nAddress: Rruga e Durrësit 112, Tiranë/);
    expect(labels(c)).toEqual(expect.arrayContaining(["Change the time", "Cancel"]));
    // "push it back" is a move, not the back button: an hour later, asked to confirm.
    await c.say("ok push it back an hour");
    expect(c.text()).toMatch(/Move your booking of Tuesday 1 December at 10:00 .* to Tuesday 1 December at 11:00\?/);
  });

  it("«can we push it by 30 minutes?» and «a mund ta vonojmë gjysmë ore?» move the booking half an hour later", async () => {
    const c = new WebChatClient(server().url);
    await c.start({ lang: "en" });
    await book(c, "oil change at Alba on Wednesday at 10");
    await c.say("can we push it by 30 minutes?");
    expect(c.text()).toMatch(/Move your booking of Wednesday 2 December at 10:00 .* to Wednesday 2 December at 10:30\?/);
    await c.say("no");
    await c.say("shqip");
    await c.say("a mund ta vonojmë gjysmë ore?");
    expect(c.text()).toMatch(/në orën 10:30\?/);
  });

  it("\"anything earlier today for my haircut?\" of a booking today shows today's times; «a ka ndonjë orar më herët sot për qethjen time?» too", async () => {
    const c = new WebChatClient(server().url);
    await c.start({ lang: "en" });
    await book(c, "haircut at Ardit today at 6pm");
    await c.say("anything earlier today for my haircut?");
    expect(c.text()).not.toMatch(/Choose the business/);
    await c.say("12 please");
    expect(c.text()).toMatch(/Monday 30 November at 12:00/);
    const d = new WebChatClient(server().url);
    await d.start({ lang: "sq" });
    await d.say("qethje te Ardit sot ne 18:30");
    for (const m of ["Ana Lee", "ana.lee@example.com", "069 111 2233", "po"]) await d.say(m);
    await d.say("a ka ndonje orar me heret sot per qethjen time?");
    expect(d.text()).not.toMatch(/Zgjidhni biznesin/);
    await d.say("ne 13");
    expect(d.text()).toMatch(/për të hënën, 30 nëntor, në orën 13:00\?/);
  });

  it("«termini im i 1 dhjetorit a mund të bëhet 3 dhjetor në të njëjtën orë?» moves it; «po» under a list of one chooses it", async () => {
    const c = new WebChatClient(server().url);
    await c.start({ lang: "sq" });
    await c.say("qethje te Ardit nesër në 15");
    for (const m of ["Ana Lee", "ana.lee@example.com", "069 111 2233", "po"]) await c.say(m);
    await c.say("termini im i 1 dhjetorit a mund te behet 3 dhjetor ne te njejten ore?");
    expect(c.text()).toMatch(/për të enjten, 3 dhjetor, në orën 15:00\?/);
    await c.say("jo");
    await c.say("rezervimet e mia");
    expect(c.text()).toMatch(/Keni 1 rezervim të ardhshëm/);
    await c.say("po");
    expect(c.text()).toMatch(/Rezervimi RZ-\w+\nPrerje flokësh te Berberi Ardit/);
  });

  it("\"cancel tomorrow's haircut and book one for Thursday at 10 instead\" moves it", async () => {
    const c = new WebChatClient(server().url);
    await c.start({ lang: "en" });
    await book(c, "haircut at Ardit tomorrow at 4pm");
    await c.say("cancel tomorrow's haircut and book one for Thursday at 10 instead");
    expect(c.text()).toMatch(/to Thursday 3 December at 10:00\?/);
  });

  it("a question about reminders that mentions «my appointment» is still answered from the FAQ", async () => {
    const c = new WebChatClient(server().url);
    await c.start({ lang: "en" });
    await book(c, "haircut at Ardit tomorrow 11am");
    await c.say("do I get a reminder before my appointment?");
    expect(c.text()).toMatch(/remind/i);
    expect(c.text()).not.toMatch(/Rruga e Durrësit 112/);
  });

  it("with two bookings, the one named is shown («kur e kam masazhin?»), and an unnamed question lists both", async () => {
    const c = new WebChatClient(server().url);
    await c.start({ lang: "en" });
    await book(c, "haircut at Ardit on Wednesday at 10am");
    await book(c, "back and neck massage at Marina on Thursday at 11");
    await c.say("shqip");
    await c.say("kur e kam masazhin?");
    expect(c.text()).toMatch(/Masazh shpine dhe qafe te Marina Spa & Masazh\ne enjte, 3 dhjetor në 11:00/);
    await c.say("menu");
    await c.say("ku e kam terminin?");
    expect(labels(c)).toEqual(expect.arrayContaining([expect.stringMatching(/Berberi Ardit/), expect.stringMatching(/Marina Spa/)]));
  });

  it("«kur e kam terminin?» in a chat with no booking says none was found and offers to look under another phone or email", async () => {
    const c = new WebChatClient(server().url);
    await c.start({ lang: "sq" });
    await c.say("kur e kam terminin?");
    expect(c.text()).toMatch(/Nuk gjeta rezervime të ardhshme/);
    expect(labels(c)).toContain("Rezervime me telefon/email tjetër");
  });

  it("another service named at the name step keeps the day and time agreed («jo, më mirë rruajtje me brisk»)", async () => {
    const c = new WebChatClient(server().url);
    await c.start({ lang: "sq" });
    await c.say("qethje te Ardit nesër në 12");
    expect(c.text()).toMatch(/Prerje flokësh, e martë, 1 dhjetor, në orën 12:00 — e lirë/);
    await c.say("jo, më mirë rruajtje me brisk");
    expect(c.text()).toMatch(/^Rruajtje me brisk, e martë, 1 dhjetor, në orën 12:00 — e lirë\./m);
    expect(c.text()).toMatch(/Si quheni\?/);
  });

  it("a service chosen from the list after «jo, më mirë rruajtje mjekre» keeps the day and time too", async () => {
    const c = new WebChatClient(server().url);
    await c.start({ lang: "sq" });
    await c.say("qethje te Ardit të premten në 11");
    await c.say("jo, më mirë rruajtje mjekre");
    await c.pick(/^Prerje flokësh dhe mjekre/);
    expect(c.text()).toMatch(/E premte, 4 dhjetor, në orën 11:00 — e lirë\./);
    expect(c.text()).toMatch(/Si quheni\?/);
  });

  it("a service that does not fit the time agreed offers the nearest free times instead", async () => {
    const c = new WebChatClient(server().url);
    await c.start({ lang: "en" });
    await c.say("a haircut at Ardit tomorrow at 19:30");
    expect(c.text()).toMatch(/19:30 — free/);
    await c.say("actually make it haircut and beard");
    expect(c.text()).not.toMatch(/What is your name\?/);
    expect(c.text()).toMatch(/19:30/);
    expect(c.last.at(-1)?.kind).toBe("slots");
  });

  /** The chat's bookings that hold a place, as "service · local day and time", in the order made. */
  async function held(c: WebChatClient): Promise<string[]> {
    const rows = await server().db.prisma.booking.findMany({
      where: { conversationId: c.sessionId, status: { in: ["confirmed", "pending_payment"] } },
      orderBy: { createdAt: "asc" },
      include: { service: true },
    });
    return rows.map((b) => `${b.service.nameEn} · ${b.start.toLocaleString("sv-SE", { timeZone: "Europe/Tirane" }).slice(0, 16)}`);
  }

  it("«the same again next Tuesday», said of a booking this Tuesday, books next week's Tuesday at the same time with the details given", async () => {
    const c = new WebChatClient(server().url);
    await c.start({ lang: "en" });
    await book(c, "haircut at Ardit tomorrow at 3pm");
    await c.say("book the same again for next Tuesday");
    expect(c.text()).toMatch(/Berberi Ardit, Haircut, Tuesday 8 December, at 15:00 — free\./);
    expect(c.text()).toMatch(/Please check your booking/);
    await c.say("yes");
    expect(await held(c)).toEqual(["Haircut · 2026-12-01 15:00", "Haircut · 2026-12-08 15:00"]);
  });

  it("«another one of those for Saturday at the same time» books one more and leaves the first where it was", async () => {
    const c = new WebChatClient(server().url);
    await c.start({ lang: "en" });
    await book(c, "back and neck massage at Marina on Thursday at 4pm");
    await c.say("can I book another one of those for Saturday at the same time?");
    expect(c.text()).toMatch(/Back and neck massage, Saturday 5 December, at 16:00 — free\./);
    await c.say("yes");
    expect(await held(c)).toEqual(["Back and neck massage · 2026-12-03 16:00", "Back and neck massage · 2026-12-05 16:00"]);
  });

  it("«another one of those at the same time next week» is next week's same day, not the first booking's day", async () => {
    const c = new WebChatClient(server().url);
    await c.start({ lang: "en" });
    await book(c, "back and neck massage at Marina on Thursday at 5pm");
    await c.say("can I book another one of those at the same time next week?");
    expect(c.text()).toMatch(/Back and neck massage, Thursday 10 December, at 17:00 — free\./);
  });

  it("«same again next week please» is the same weekday and time a week on", async () => {
    const c = new WebChatClient(server().url);
    await c.start({ lang: "en" });
    await book(c, "full body massage at Marina on Wednesday at 2pm");
    await c.say("same again next week please");
    expect(c.text()).toMatch(/Please check your booking/);
    await c.say("yes");
    expect(await held(c)).toEqual(["Full body massage · 2026-12-02 14:00", "Full body massage · 2026-12-09 14:00"]);
  });

  it("«edhe vajzën time të vogël menjëherë pas meje» is her children's haircut right after, asking only her name", async () => {
    const c = new WebChatClient(server().url);
    await c.start({ lang: "en" });
    await book(c, "haircut at Ardit on Saturday at 11");
    await c.say("shqip");
    await c.say("edhe vajzën time të vogël menjëherë pas meje");
    expect(c.text()).toMatch(/Berberi Ardit, Prerje për fëmijë, e shtunë, 5 dhjetor, në orën 11:30 — e lirë\./);
    await c.say("Sara Lee");
    await c.say("po");
    expect(await held(c)).toEqual(["Haircut · 2026-12-05 11:00", "Children's haircut · 2026-12-05 11:30"]);
  });

  it("«also book my husband for the same massage at the same time» asks only his name, for the massage booked", async () => {
    const c = new WebChatClient(server().url);
    await c.start({ lang: "en" });
    await book(c, "relaxing massage in Vlora on Saturday at 11");
    await c.say("also book my husband for the same massage at the same time");
    expect(c.text()).toMatch(/Relaxing massage, Saturday 5 December, at 11:00 — free\./);
    expect(c.text()).toMatch(/Who is the booking for\?/);
    await c.say("Tom Lee");
    await c.say("yes");
    expect(await held(c)).toEqual(["Relaxing massage · 2026-12-05 11:00", "Relaxing massage · 2026-12-05 11:00"]);
  });

  it("«të njëjtën gjë edhe për të premten, por një orë më vonë» is the same service on Friday, an hour later than the first", async () => {
    const c = new WebChatClient(server().url);
    await c.start({ lang: "en" });
    await book(c, "a check-up at DentaPlus tomorrow at 9");
    await c.say("shqip");
    await c.say("të njëjtën gjë edhe për të premten, por një orë më vonë");
    expect(c.text()).toMatch(/Vizitë dhe konsultë, e premte, 4 dhjetor, në orën 10:00 — e lirë\./);
  });

  it("«edhe një pastrim dhëmbësh menjëherë pas vizitës» books at the same place, starting when the first ends", async () => {
    const c = new WebChatClient(server().url);
    await c.start({ lang: "en" });
    await book(c, "a check-up at DentaPlus on Thursday at 10");
    await c.say("shqip");
    await c.say("dua edhe një pastrim dhëmbësh menjëherë pas vizitës");
    expect(c.text()).toMatch(/Klinika Dentare DentaPlus, Pastrim profesional i dhëmbëve, e enjte, 3 dhjetor, në orën 10:30 — e lirë\./);
  });

  it("«I also need a tyre change, same day, 2pm» books at the same garage on the first booking's day", async () => {
    const c = new WebChatClient(server().url);
    await c.start({ lang: "en" });
    await book(c, "oil change at Alba on Friday at 10");
    await c.say("I also need a tyre change, same day, 2pm");
    expect(c.text()).toMatch(/Autoservis Alba, Tyre change, Friday 4 December, at 14:00 — free\./);
  });

  it("«book my sister in for a manicure at the same time too» asks only her name and books her at that day and time", async () => {
    const c = new WebChatClient(server().url);
    await c.start({ lang: "en" });
    await book(c, "manicure at Elegance on Saturday at 10");
    await c.say("can you book my sister in for a manicure at the same time too?");
    expect(c.text()).toMatch(/Manicure, Saturday 5 December, at 10:00 — free\./);
    expect(c.text()).toMatch(/Who is the booking for\?/);
    expect(labels(c).some((l) => /Ana Lee/.test(l))).toBe(false);
    await c.say("Rose Lee");
    expect(c.text()).toMatch(/Name: Rose Lee\n.*Email: ana\.lee@example\.com/s);
    await c.say("yes");
    expect(await held(c)).toEqual(["Manicure · 2026-12-05 10:00", "Manicure · 2026-12-05 10:00"]);
  });

  it("«më rezervo edhe për të mërkurën tjetër në të njëjtën orë» books the same service again, a week on", async () => {
    const c = new WebChatClient(server().url);
    await c.start({ lang: "en" });
    await book(c, "haircut at Ardit on Wednesday at 5pm");
    await c.say("shqip");
    await c.say("më rezervo edhe për të mërkurën tjetër në të njëjtën orë");
    expect(c.text()).toMatch(/Berberi Ardit, Prerje flokësh, e mërkurë, 9 dhjetor, në orën 17:00 — e lirë\./);
    await c.say("po");
    expect(await held(c)).toEqual(["Haircut · 2026-12-02 17:00", "Haircut · 2026-12-09 17:00"]);
  });

  it("another city named with «also» is a booking there, not at the first booking's place", async () => {
    const c = new WebChatClient(server().url);
    await c.start({ lang: "en" });
    await book(c, "haircut at Ardit on Thursday at 12");
    await c.say("I also want a haircut in Shkoder on Friday at 10");
    expect(c.text()).toMatch(/Berber Kalaja.*Friday 4 December, at 10:00 — free\./);
  });

  it("moving a booking of this Tuesday «to next Tuesday» needs no question about which week", async () => {
    const c = new WebChatClient(server().url);
    await c.start({ lang: "en" });
    await book(c, "haircut at Ardit tomorrow at 4pm");
    await c.say("can you move my haircut to next Tuesday?");
    expect(c.text()).not.toMatch(/this week/);
    expect(c.text()).toMatch(/Tuesday 8 December/);
  });

  it("«dua ta mbaj terminin» says the booking stays and shows it; it is not a new booking", async () => {
    const c = new WebChatClient(server().url);
    await c.start({ lang: "en" });
    await book(c, "haircut at Ardit on Thursday at 3pm");
    await c.say("shqip");
    await c.say("dua ta mbaj terminin");
    expect(c.text()).toMatch(/^Mirë, rezervimi mbetet siç është\./m);
    expect(c.text()).toMatch(/Prerje flokësh te Berberi Ardit\ne enjte, 3 dhjetor në 15:00/);
    expect(c.text()).not.toMatch(/Zgjidhni kategorinë/);
  });

  it("«can you also put my brother in right after me?» names no service: the same one for him, starting when the first ends", async () => {
    const c = new WebChatClient(server().url);
    await c.start({ lang: "en" });
    await book(c, "haircut at Kalaja on Friday at 2pm");
    await c.say("can you also put my brother in right after me?");
    expect(c.text()).toMatch(/Berber Kalaja, Haircut, Friday 4 December, at 14:30 — free\./);
    expect(c.text()).toMatch(/Who is the booking for\?/);
    await c.say("Sam Lee");
    await c.say("yes");
    expect(await held(c)).toEqual(["Haircut · 2026-12-04 14:00", "Haircut · 2026-12-04 14:30"]);
  });

  it("«një seancë të tillë» is the service booked, whatever «seancë» names elsewhere; «can I add a manicure right after the pedicure?» keeps the details", async () => {
    const c = new WebChatClient(server().url);
    await c.start({ lang: "en" });
    await book(c, "ultrasound therapy at Levizja on Thursday at 10");
    await c.say("shqip");
    await c.say("dua edhe një seancë të tillë javën tjetër të enjten në të njëjtën orë");
    expect(c.text()).toMatch(/Terapi me ultratinguj, e enjte, 10 dhjetor, në orën 10:00 — e lirë\./);

    const d = new WebChatClient(server().url);
    await d.start({ lang: "en" });
    await book(d, "pedicure at Elegance on Thursday at 11");
    await d.say("can I add a manicure right after the pedicure?");
    expect(d.text()).toMatch(/Manicure, Thursday 3 December, at 12:00 — free\./);
    expect(d.text()).toMatch(/Please check your booking[\s\S]*Name: Ana Lee/);
    await d.say("yes");
    expect(await held(d)).toEqual(["Pedicure · 2026-12-03 11:00", "Manicure · 2026-12-03 12:00"]);
  });

  it("«a mund ta sjell makinën më vonë, në 10?» moves the booking to 10 that day", async () => {
    const c = new WebChatClient(server().url);
    await c.start({ lang: "en" });
    await book(c, "full service at Auto Servis Durresi on Thursday at 8am");
    await c.say("shqip");
    await c.say("a mund ta sjell makinën më vonë, në 10?");
    expect(c.text()).toMatch(/për të enjten, 3 dhjetor, në orën 10:00\?/);

    // "bring the car …" is the same request in English, with the car named instead of "it".
    const d = new WebChatClient(server().url);
    await d.start({ lang: "en" });
    await book(d, "full service at Auto Servis Durresi on Thursday at 11am");
    await d.say("can I bring the car a bit earlier, like 9?");
    expect(d.text()).toMatch(/to Thursday 3 December at 09:00\?/);
  });

  it("someone else booked beside a booking with a time and no day is on that booking's day: «edhe për shoqen time të njëjtin masazh në 11:30», «edhe vajzës sime një vizitë në të njëjtën orë»", async () => {
    const c = new WebChatClient(server().url);
    await c.start({ lang: "en" });
    await book(c, "back and neck massage in Durres on Wednesday at 11");
    await c.say("shqip");
    await c.say("edhe per shoqen time te njejtin masazh ne 11:30");
    expect(c.text()).toMatch(/Masazh shpine dhe qafe, e mërkurë, 2 dhjetor, në orën 11:30 — e lirë\./);
    expect(c.text()).toMatch(/Për kë është rezervimi\?/);

    const d = new WebChatClient(server().url);
    await d.start({ lang: "en" });
    await book(d, "a check-up at DentaPlus on Wednesday at 4pm");
    await d.say("shqip");
    await d.say("edhe vajzes sime nje vizite ne te njejten ore");
    expect(d.text()).toMatch(/Vizitë dhe konsultë, e mërkurë, 2 dhjetor, në orën 16:00 — e lirë\./);
  });

  it("«I can't make it tomorrow morning, is Wednesday at 5pm free?» moves the booking there, not cancels it", async () => {
    const c = new WebChatClient(server().url);
    await c.start({ lang: "en" });
    await book(c, "a dental check-up in Durres tomorrow at 9");
    await c.say("I can't make it tomorrow morning, is Wednesday at 5pm free?");
    expect(c.text()).toMatch(/to Wednesday 2 December at 17:00\?/);
    await c.say("yes");
    expect(await held(c)).toEqual(["Dental check-up · 2026-12-02 17:00"]);
  });

  it("«and a back massage for me after the facial» is at the same place, starting when the facial ends; «the quickest service» is the shortest", async () => {
    const c = new WebChatClient(server().url);
    await c.start({ lang: "en" });
    await book(c, "a facial in Durres on Wednesday at 2pm");
    await c.say("and a back massage for me after the facial");
    expect(c.text()).toMatch(/Marina Spa & Masazh, Back and neck massage, Wednesday 2 December, at 15:00 — free\./);

    const d = new WebChatClient(server().url);
    await d.start({ lang: "en" });
    await d.say("Could I book the quickest service at DentaPlus for Thursday at 9:30?");
    expect(d.text()).toMatch(/Check-up and consultation \(30 minutes\), Thursday 3 December, at 09:30 — free\./);
  });

  it("«edhe burrin tim në 11:30 të njëjtën ditë» books him beside the booking: the same service, that day at 11:30", async () => {
    const c = new WebChatClient(server().url);
    await c.start({ lang: "en" });
    await book(c, "a dental check-up in Durres on Friday at 11");
    await c.say("shqip");
    await c.say("edhe burrin tim ne 11:30 te njejten dite");
    expect(c.text()).toMatch(/Vizitë kontrolli, e premte, 4 dhjetor, në orën 11:30 — e lirë\./);
    expect(c.text()).toMatch(/Për kë është rezervimi\?/);
  });

  it("«edhe një masazh relaksues pas saunës» starts when the sauna booked ends", async () => {
    const c = new WebChatClient(server().url);
    await c.start({ lang: "en" });
    await book(c, "sauna and hammam in Vlora on Sunday at 12");
    await c.say("shqip");
    await c.say("edhe nje masazh relaksues pas saunes");
    expect(c.text()).toMatch(/Vlora Relax Spa, Masazh relaksues, e diel, 6 dhjetor, në orën 13:30 — e lirë\./);
  });

  it("another business asked for in the middle («actually, can I do Kalaja in Shkoder instead?») keeps the service where it has one of that name", async () => {
    const c = new WebChatClient(server().url);
    await c.start({ lang: "en" });
    for (const m of ["barber", "Tirana", "haircut"]) await c.say(m);
    expect(c.text()).toMatch(/Which day suits you\?/);
    await c.say("actually, can I do Kalaja in Shkoder instead?");
    expect(c.text()).not.toMatch(/Choose the service/);
    expect(c.text()).toMatch(/Berber Kalaja, Haircut/);
  });

  it("«the one in Vlora instead» after a manicure at Elegance goes on with Sallon Adriana's gel manicure, no service asked", async () => {
    const c = new WebChatClient(server().url);
    await c.start({ lang: "en" });
    for (const m of ["I want a manicure", "Elegance"]) await c.say(m);
    expect(c.text()).toMatch(/Which day suits you\?/);
    await c.say("no wait, the one in Vlora instead");
    expect(c.text()).not.toMatch(/Choose the service/);
    expect(c.text()).toMatch(/Sallon Adriana, Gel manicure\.[\s\S]*Which day suits you\?/);
  });
});
