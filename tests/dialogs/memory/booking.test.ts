import { beforeEach, describe, expect, it } from "vitest";
import { memoryWorld, type MemoryWorld, type Transcript } from "../../support/memory/index.ts";

const NOW = "2026-11-25T08:00:00Z"; // Wednesday 25 November 2026, 09:00 in Tirana

let world: MemoryWorld;
beforeEach(() => {
  world = memoryWorld({ now: NOW });
});

/** Transcripts where the customer types instead of pressing buttons. */
describe("booking by typing, in Albanian without diacritics", () => {
  it("pre-fills category, day and time from a first message", async () => {
    const bot = world.chat();
    await bot.start()
      .send("dua te shkoj te berberi neser ne 10").expect(/Zgjidhni biznesin/)
      .send({ choice: /Ardit/ })
      // Straight to the name: Thursday 26 November at 10:00 was free.
      .send({ choice: /^Prerje flokësh ·/ }).expect(/Si quheni/)
      .send("Elira Kola").send("elira@example.al")
      .send("0681234567").expect(/e enjte, 26 nëntor në 10:00/);
  });

  it("understands a typed day, a typed time and numbered choices", async () => {
    const bot = world.chat();
    await bot.start()
      .send("1").expect(/kategorinë/) // first menu entry: book
      .send("berber").send("berberi ardit").send("1")
      .check((b) => expect(b.kind).toBe("days"))
      .send("te premten").expect(/Oraret e lira për të premten, 27 nëntor \(ora e Tiranës\)/)
      .send("ora 3 pasdite").expect(/Si quheni/)
      .send("Dritan Hoxha").send("dritan@example.al")
      .send("+355 69 444 5566").expect(/e premte, 27 nëntor në 15:00/);
  });

  it("a bare hour typed at the times is that time where choices are buttons; on SMS the number picks the choice", async () => {
    await world.chat().start().send("dua nje qethje te berberi ardit te premten").expect(/Oraret e lira për të premten/)
      .check((b) => expect(b.labels()[8]).toMatch(/Më shumë orare/)) // the ninth button is the next page
      .send("9").expect(/Si quheni/).send("Dritan Hoxha").send("dritan@example.al")
      .send("+355 69 444 5566").expect(/e premte, 27 nëntor në 09:00/);
    await world.chat({ address: { channel: "sms", externalId: "+355694445599" } }).start()
      .send("dua nje qethje te berberi ardit te premten").expect(/Oraret e lira për të premten/)
      .send("3").expect(/Si quheni/).send("Dritan Hoxha").send("dritan@example.al")
      .send("+355 69 444 5599").expect(/e premte, 27 nëntor në 10:00/);
    // «numri 9» is the ninth button wherever it is typed: the next page of times.
    await world.chat().start().send("dua nje qethje te berberi ardit te premten").send("numri 9").expect(/Oraret e lira/)
      .check((b) => expect(b.labels()[0]).toBe("13:00"));
  });

  it("the chat's profile name offered at the name step is taken by «yes, that's my name», «po, ai jam»; «yes book it» is no name", async () => {
    const profile = { name: "Klea Vata" };
    await world.chat({ lang: "en", profile }).start().send("a haircut at Berberi Ardit on Friday at 10").expect(/What is your name/)
      .check((b) => expect(b.labels()).toContain("Klea Vata"))
      .send("yes, that's my name").expect(/email/).send("klea@example.al").send("+355 69 555 0103").expect(/Name: Klea Vata/);
    await world.chat({ profile }).start().send("dua nje qethje te berberi ardit te premten ne 11").expect(/Si quheni/)
      .send("po, ai jam une").expect(/email/);
    await world.chat({ lang: "en", profile: { name: "Ann Baker" } }).start().send("a haircut at Berberi Ardit on Friday at 12").expect(/What is your name/)
      .send("yes book it").expect(/first and last name/).expect(/What is your name/);
  });

  it("a time typed at the services goes with the day the request said: «… te dentaplus të premten», «ora 10» is Friday at 10", async () => {
    await world.chat().start().send("dua te shkoj te dentaplus te premten").expect(/Zgjidhni shërbimin/)
      .send("ora 10").expect(/E mbajta shënim: e premte, 27 nëntor në 10:00/)
      .send({ choice: /^Vizitë dhe konsultë/ }).expect(/E premte, 27 nëntor, në orën 10:00 — e lirë/);
    // «kontroll i dhëmbëve» at DentaPlus is its check-up.
    await world.chat().start().send("dua nje kontroll te dhembeve te dentaplus").expect(/Klinika Dentare DentaPlus, Vizitë dhe konsultë/);
  });

  it("how a business named is paid is answered, then the booking there goes on: \"Do I have to pay online for … at Vlora Relax Spa?\"", async () => {
    await world.chat({ lang: "en" }).start().send("Do I have to pay online for a sports massage at Vlora Relax Spa?")
      .expect(/^Payment at Vlora Relax Spa: /m).expect(/Vlora Relax Spa, Sports massage\./).expect(/Which day suits you/);
    await world.chat().start().send("a pranoni pagese me karte te sallon elegance?").expect(/^Pagesa te Sallon Elegance: /m);
    // Asked as the FAQ's question of a business named: the FAQ, that business's way, and the booking there.
    await world.chat({ lang: "en" }).start().send("What payment methods does Vlora Relax Spa accept?").expect(/^We accept Visa/m).expect(/^Payment at Vlora Relax Spa: /m)
      .send("book the sauna on Saturday at 11").expect(/Sauna and hammam, Saturday 28 November, at 11:00 — free/);
    // "how much is the deposit?" asks how it is paid, not the prices.
    await world.chat({ lang: "en" }).start().send("How much is the deposit at DentaPlus?").expect(/^Payment at Klinika Dentare DentaPlus: /m).expectNot(/^Prices at/m);
    // Not a question about paying: a complaint about a deposit is not answered with the way to pay.
    await world.chat({ lang: "en" }).start().send("the clinic kept my deposit after they cancelled").expectNot(/^Payment at /m);
  });

  it("a new day or time said at the summary is read there, and the summary shown again", async () => {
    const bot = world.chat({ lang: "en" });
    await bot.start().send("a haircut at Berberi Ardit on Friday at 10").send("Tom Baker").send("tom.baker@example.com")
      .send("+355 69 555 0101").expect(/Friday 27 November at 10:00/)
      .send("actually, can we make it 11?").expect(/Friday 27 November at 11:00/).expect(/Please check your booking/);
    // «can we do 11 instead?» is the time at 11; «can we make it later?» shows the day's times again.
    await world.chat({ lang: "en" }).start().send("a haircut at Berberi Ardit on Friday at 10").send("Ann Baker").send("ann.baker@example.com")
      .send("+355 69 555 0102").expect(/Friday 27 November at 10:00/)
      .send("can we do 11 instead?").expect(/Friday 27 November at 11:00/).expect(/Please check your booking/)
      .send("hmm, can we make it later?").expect(/Free times on Friday 27 November/);
    await world.chat().start().send("dua nje qethje te berberi ardit te premten ne 10").send("Dritan Hoxha").send("dritan@example.al")
      .send("+355 69 444 5566").expect(/e premte, 27 nëntor në 10:00/)
      .send("jo, me mire te shtunen ne te njejten ore").expect(/e shtunë, 28 nëntor në 10:00/).expect(/kontrolloni rezervimin/)
      .send("po").expect(/Rezervimi u konfirmua/);
    const mine = world.bookings.all.filter((b) => b.contact.name === "Dritan Hoxha");
    expect(mine.map((b) => b.start.toISOString())).toEqual(["2026-11-28T09:00:00.000Z"]);
  });

  it("a change of the booking being made, asked as a move, is read where it is typed: «Saturday at 10 instead?», «can we make it later?»", async () => {
    // At the times: the day and time asked instead are taken.
    await world.chat({ lang: "en" }).start().send("a haircut at Berberi Ardit on Friday").expect(/Free times on Friday 27 November/)
      .send("Saturday at 10 instead?").expect(/Saturday 28 November, at 10:00 — free/).expect(/What is your name/);
    // At the name: the time asked is taken; with no day or time read, the chosen day's times come again.
    await world.chat({ lang: "en" }).start().send("a haircut at Berberi Ardit on Friday at 10").expect(/What is your name/)
      .send("actually can we make it 11 instead?").expect(/Friday 27 November, at 11:00 — free/).expect(/What is your name/)
      .send("hmm, can we make it later?").expect(/Free times on Friday 27 November/);
    await world.chat().start().send("dua nje qethje te berberi ardit te premten ne 10").expect(/Si quheni/)
      .send("a mund ta bejme pak me vone?").expect(/Oraret e lira për të premten, 27 nëntor/)
      .send("ne 12").expect(/e premte, 27 nëntor, në orën 12:00 — e lirë/i);
    // A booking named is one already made, not this one: with none in this chat, how a booking is changed.
    await world.chat({ lang: "en" }).start().send("a haircut at Berberi Ardit on Friday at 10").expect(/What is your name/)
      .send("can I move my other booking to Saturday instead?").expect(/“Change the time”/).expect(/What is your name/);
  });

  it("a time corrected in the same message is the one said last: «në 8... jo, më mirë në 9»", async () => {
    await world.chat().start().send("dua nje qethje te berberi ardit te premten").expect(/Oraret e lira për të premten/)
      .send("ne 10... jo, me mire ne 11").expect(/^E premte, 27 nëntor, në orën 11:00 — e lirë\.$/m);
    await world.chat({ lang: "en" }).start().send("a haircut at Berberi Ardit").expect(/Which day/)
      .send("Wednesday, sorry, I meant Thursday").expect(/Free times on Thursday 26 November/);
  });

  it("offers the nearest free times when the asked time is taken", async () => {
    await world.book("berber-kalaja/0", "2026-11-27T10:00:00Z"); // Friday 11:00 in Tirana, the only chair
    const bot = world.chat({ business: "berber-kalaja" });
    await bot.start()
      .send({ choice: /^Prerje flokësh ·/ })
      .send("e premte ne oren 11").expect(/nuk është e lirë/)
      .check((b) => {
        const offered = b.labels();
        expect(offered.some((l) => /11:00/.test(l) && /27/.test(l))).toBe(false);
        expect(offered.filter((l) => /\d{2}:\d{2}/.test(l)).length).toBeGreaterThan(0);
      })
      .send({ choice: /e premte, 27 nëntor/ }).expect(/Si quheni/);
  });

  it("a time that came within the business's notice while the customer typed is said to be too close now, not taken by someone else", async () => {
    await world.chat().start().send("dua nje qethje te berberi ardit sot ne 10:30").expect(/10:30 — e lirë/)
      .send("Dritan Hoxha").send("dritan@example.al").send("+355 69 444 5566").expect(/e mërkurë, 25 nëntor në 10:30/)
      .check(() => { world.now = new Date(Date.parse(NOW) + 45 * 60_000); }) // 09:45: an hour's notice no longer fits
      .send("po").expect(/ky orar tani është shumë afër: biznesi pranon rezervime të paktën 60 minuta përpara/)
      .check(() => expect(world.bookings.all).toHaveLength(0));
  });

  it("answers a question with the FAQ and an off-topic one with an offer of help", async () => {
    const bot = world.chat();
    await bot.start()
      .send("a mund ta anuloj rezervimin pa pagese?").expect(/24 orë/)
      .check((b) => expect(b.labels()).toContain("Rezervimet e mia"))
      .send({ choice: "Pyetje të shpeshta" })
      .send("kush e fitoi ndeshjen dje?").expect(/nuk gjeta një përgjigje/);
  });
});

/** Typed answers at the steps that offer choices: one shared matcher (words, cities, ordinals, synonyms). */
describe("typing at the category, business and service steps", () => {
  /** A customer at the business step of the barbers. */
  function atBarbers(): Transcript {
    return world.chat().start()
      .send({ choice: "Rezervo një termin" })
      .send("floktar").expect(/Zgjidhni biznesin/) // a category alias from the catalog
      .check((b) => expect(b.labels()).toContain("Berberi Ardit (Tiranë)"));
  }

  /** From the service step: first free day, first free time, contact details, then the summary. */
  function toSummary(bot: Transcript): Transcript {
    return bot
      .send("e para") // first day shown
      .check((b) => expect(b.kind).toBe("slots"))
      .send("1") // first free time
      .send("Ana Berisha").send("ana@example.al").send("069 123 4567");
  }

  for (const typed of ["te berberi ardit", "berberi n'tirane", "ai në Tiranë", "e dyta", "Ardit"]) {
    it(`"${typed}" picks Berberi Ardit`, async () => {
      await atBarbers().send(typed).expect(/^Berberi Ardit — Rruga e Durrësit 112, Tiranë\./m);
    });
  }

  it(`"i pari" and "i fundit" pick by position among the businesses (Shkodër is listed first), not the back button`, async () => {
    await atBarbers().send("i pari").expect(/^Berber Kalaja — /m);
    await atBarbers().send("i fundit").expect(/^Berberi Ardit — /m);
  });

  it(`a city picks the one business there ("Durrës" among the dental clinics)`, async () => {
    await world.chat().start()
      .send({ choice: "Rezervo një termin" })
      .send("klinike dentare")
      .send("n'Durrës").expect(/^Klinika Dentare Adriatik — Rruga Tregtare 15, Durrës\./m);
  });

  it(`"qethje" is the haircut (a service alias)`, async () => {
    await toSummary(atBarbers().send("te ardit").send("qethje")).expect(/Shërbimi: Prerje flokësh\n/);
  });

  it(`"mjekra" is the beard service and "për fëmijë" the children's haircut`, async () => {
    await toSummary(atBarbers().send("ardit").send("mjekra")).expect(/Shërbimi: Prerje flokësh dhe mjekre\n/);
    await toSummary(atBarbers().send("ardit").send("për fëmijë")).expect(/Shërbimi: Prerje për fëmijë\n/);
  });

  it(`"prerje" fits three services: asks which, listing only those, then takes a typed answer`, async () => {
    const bot = atBarbers().send("ardit").send("prerje").expect(/Me «prerje» përputhen disa zgjedhje/)
      .check((b) => expect(b.labels().map((l) => l.split(" · ")[0])).toEqual(["Prerje flokësh", "Prerje flokësh dhe mjekre", "Prerje për fëmijë"]))
      .send("e dyta");
    await toSummary(bot).expect(/Shërbimi: Prerje flokësh dhe mjekre\n/);
  });

  it(`"prerje" at Berber Kalaja is the haircut: it begins that name and only ends «Larje dhe prerje»`, async () => {
    await toSummary(atBarbers().send("kalaja").send("prerje")).expect(/Shërbimi: Prerje flokësh\n/);
  });

  it("a typo of one letter in a longer word still finds the service; a word of another category goes there", async () => {
    await toSummary(atBarbers().send("ardit").send("rruajtej")).expect(/Shërbimi: Rruajtje me brisk\n/);
    await atBarbers().send("ardit").send("manikyr").expect(/Zgjidhni biznesin/)
      .check((b) => expect(b.labels()).toContain("Sallon Elegance (Tiranë)"));
  });

  it("works in English too", async () => {
    const bot = world.chat({ lang: "en" }).start()
      .send({ choice: /Book/ })
      .send("the barber")
      .send("the one in Shkodër").expect(/^Berber Kalaja — /m)
      .send("beard");
    await toSummary(bot).expect(/Beard trim/);
  });
});

/** One message that names business, service, day and time fills them all and says what it understood. */
describe("one-shot booking requests", () => {
  it("fills business, service, day and time from the first message, says them, then asks the name", async () => {
    await world.chat().start()
      .send("dua një qethje te Berberi Ardit të martën në 10")
      .expect(/^Berberi Ardit, Prerje flokësh, e martë, 1 dhjetor, në orën 10:00 — e lirë\.$/m)
      .expect(/Si quheni/)
      .send("Besa Leka").send("besa@example.al")
      .send("069 555 1234")
      .expect(/Biznesi: Berberi Ardit\n/)
      .expect(/Shërbimi: Prerje flokësh\n/)
      .expect(/e martë, 1 dhjetor në 10:00/);
  });

  it("a word that begins one service's name and ends another's is the first: «prerje» at Kalaja is the haircut, not the wash and cut", async () => {
    await world.chat().start()
      .send("dua nje prerje te Kalaja te enjten ne 9")
      .expect(/^Berber Kalaja, Prerje flokësh, e enjte, 26 nëntor, në orën 0?9:00 — e lirë\.$/m)
      .expect(/Si quheni/);
    // Where the same word begins several names, the customer still chooses.
    await world.chat().start()
      .send("dua nje prerje te Berberi Ardit te enjten ne 9")
      .expectNot(/Si quheni/);
  });

  it("a city picks the business and a service alias the service, without diacritics", async () => {
    await world.chat().start()
      .send("du nje qethje n'tirane neser ne 11")
      .expect(/^Berberi Ardit, Prerje flokësh, e enjte, 26 nëntor, në orën 11:00 — e lirë\.$/m)
      .expect(/Si quheni/);
  });

  it("a kind of service that only one service of the business is takes that service; where several are, asks", async () => {
    await world.chat().start()
      .send("rehabilitim te FizioShkodra te premten ne 10")
      .expect(/^FizioShkodra, Rehabilitim pas dëmtimit, e premte, 27 nëntor, në orën 10:00 — e lirë\.$/m)
      .send("Tonin Gjura").expect(/Faleminderit, Tonin Gjura\./);
    await world.chat().start()
      .send("masazh te Vlora Relax Spa te premten ne 10").expect(/Zgjidhni shërbimin/);
    // The kind of service said to choose the category is not a service where it only says with whom
    // («Konsultë me fizioterapist»).
    await world.chat().start().send("fizioterapi").send("ne Shkoder").expect(/Zgjidhni shërbimin/);
  });

  it("a service named by more of the words than another is the one: «kids haircut» is the children's haircut", async () => {
    await world.chat({ lang: "en" }).start()
      .send("my daughter needs a kids haircut at Berberi Ardit, Thursday around 4pm")
      .expect(/^Berberi Ardit, Children's haircut, Thursday 26 November, at 16:00 — free\.$/m);
  });

  it("services said as verbs, in a city where the kind of service named has no business: «të më lajnë dhe të më presin flokët»", async () => {
    // «flokët» names the beauty salons, none of them in Shkodër; the barber there has the wash and cut.
    await world.chat().start()
      .send("dua te me lajne dhe te me presin floket ne Shkoder")
      .expect(/^Berber Kalaja, Larje dhe prerje\.$/m)
      .expect(/Cilën ditë/);
  });

  it("a day typed before the business is chosen is kept, said back, and its times are shown once the service is", async () => {
    await world.chat().start()
      .send("dua nje qethje").expect(/Zgjidhni biznesin/)
      .send("neser").expect(/E mbajta shënim: e enjte, 26 nëntor; më parë më duhet edhe kjo:/).expect(/Zgjidhni biznesin/)
      // The service said first («qethje») is taken up with the business, and the day kept with it.
      .send("Berberi Ardit").expect(/^Prerje flokësh\.$/m).expect(/Oraret e lira për të enjten, 26 nëntor/);
    await world.chat().start()
      .send("dua te rezervoj").send("berber").expect(/Zgjidhni biznesin/)
      .send("te premten pasdite").expect(/E mbajta shënim: e premte, 27 nëntor;/)
      .send("Berberi Ardit").expect(/Zgjidhni shërbimin/)
      .send("prerje flokesh").expect(/Oraret e lira pasdite, të premten, 27 nëntor/);
  });

  it("an email or number said in a sentence at the times («my email is …») is kept for its step, not answered as a question", async () => {
    await world.chat({ lang: "en" }).start()
      .send("a razor shave at Ardit on Friday").expect(/Free times on Friday 27 November/)
      .send("my email is lionel.richie@example.com").expect(/I have noted the email lionel\.richie@example\.com; first I need this too:/)
      .send("my number's 069 555 2601").expect(/I have noted the number \+355 69 555 2601;/)
      .send("4pm").send("Lionel Richie")
      // Email and phone were kept: the summary follows the name.
      .expect(/Please check your booking/).expect(/lionel\.richie@example\.com/);
  });

  it("another city typed after the business was chosen takes the business there", async () => {
    await world.chat().start()
      .send("dua nje seance fizioterapie te Levizja").expect(/Cilën ditë/)
      .send("Shkoder").expect(/FizioShkodra — /).expect(/Zgjidhni shërbimin/);
  });

  it("a service named loosely at the service step («masazh për gjithë trupin»); a day then a time typed early go together", async () => {
    await world.chat().start()
      .send("masazh").send("Durres").expect(/Zgjidhni shërbimin/)
      .send("e merkure").expect(/E mbajta shënim: e mërkurë, 2 dhjetor;/)
      .send("ne 6 pasdite").expect(/E mbajta shënim: e mërkurë, 2 dhjetor në 18:00;/)
      .send("masazh per gjithe trupin").expect(/^Masazh i plotë trupor, e mërkurë, 2 dhjetor, në orën 18:00 — e lirë\.$/m);
  });

  it("a service named before the business is taken up once the business is chosen, with the time", async () => {
    await world.chat().start()
      .send("dua nje manikyr neser ne 15").expect(/Zgjidhni biznesin/)
      .send("elegance")
      .expect(/^Manikyr, e enjte, 26 nëntor, në orën 15:00 — e lirë\.$/m)
      .expect(/Si quheni/);
  });

  it("a taken time offers the nearest free times that day and the same time on the next days", async () => {
    // Berberi Ardit has two chairs: both taken on Tuesday 1 December at 10:00.
    await world.book("berberi-ardit/0", "2026-12-01T09:00:00Z");
    await world.book("berberi-ardit/0", "2026-12-01T09:00:00Z");
    await world.chat().start()
      .send("dua nje qethje te berberi ardit te marten ne 10")
      .expect(/^Berberi Ardit, Prerje flokësh, e martë, 1 dhjetor, në orën 10:00 — kjo orë nuk është e lirë\.$/m)
      .check((b) => {
        const offered = b.labels();
        expect(offered).toContain("e martë, 1 dhjetor në 09:30");
        expect(offered).toContain("e martë, 1 dhjetor në 10:30");
        expect(offered).not.toContain("e martë, 1 dhjetor në 10:00");
        expect(offered).toContain("e mërkurë, 2 dhjetor në 10:00");
        expect(offered).toContain("e enjte, 3 dhjetor në 10:00");
      })
      .send({ choice: "e mërkurë, 2 dhjetor në 10:00" }).expect(/Si quheni/);
  });


  it("a service named in words that fit one business's service more fully than another's names that business («a haircut for my little boy»)", async () => {
    await world.chat({ lang: "en" }).start()
      .send("I need a haircut for my little boy")
      .expect(/^Berberi Ardit \(Tiranë\), Children's haircut\.$/m).expect(/Which day suits you/);
    // «rregulloj mjekrën» is Kalaja's beard trim by both words, Ardit's haircut and beard by one.
    await world.chat().start().send("dua te rregulloj mjekren neser ne 15")
      .expect(/^Berber Kalaja \(Shkodër\), Rregullim mjekre, e enjte, 26 nëntor, në orën 15:00 — e lirë\.$/m);
  });

  it("a service asked about before its business is known is kept when the business is named in a new request", async () => {
    await world.chat().start()
      .send("sa kushton nje pastrim dhembesh?").expect(/Zgjidhni biznesin/)
      .send("atehere me rezervo nje te DentaPlus te premten ne 9")
      .expect(/^Klinika Dentare DentaPlus, Pastrim profesional i dhëmbëve, e premte, 27 nëntor, në orën 09:00 — e lirë\.$/m);
  });

  it("a time between two starts is told as such, with the starts around it; «4 then» takes the one at 4", async () => {
    await world.chat({ lang: "en" }).start()
      .send("Could I get a haircut at Ardit on Thursday at quarter past 4?")
      .expect(/^Berberi Ardit, Haircut, Thursday 26 November, at 16:15 — bookings here start every 30 minutes from opening time\.$/m)
      .expectNot(/not free/)
      .check((b) => {
        const offered = b.labels();
        expect(offered.some((l) => /16:00/.test(l))).toBe(true);
        expect(offered.some((l) => /16:30/.test(l))).toBe(true);
      })
      // A bare hour with a word around it takes that hour among the times offered.
      .send("4 then").expect(/What is your name/)
      .send("Bill Withers").send("bill.withers@example.com").send("+355 69 555 3301")
      .expect(/Thursday 26 November.*16:00/);
  });
  it("a day and time typed at the day step are said back, never taken silently", async () => {
    await world.chat().start()
      .send({ choice: "Rezervo një termin" })
      .send("berber").send("ardit").send("qethje")
      .check((b) => expect(b.kind).toBe("days"))
      .send("pasnesër në 10")
      .expect(/^E premte, 27 nëntor, në orën 10:00 — e lirë\.$/m)
      .expect(/Si quheni/);
  });

  it("a name, email and phone given with the request are kept: the summary follows the free time", async () => {
    await world.chat({ lang: "en" }).start()
      .send("Hi, I'm Ana Berisha (ana.berisha@example.al, 069 555 7001). Could you book me a haircut at Ardit on Friday at 11?")
      .expect(/^Berberi Ardit, Haircut, Friday 27 November, at 11:00 — free\.$/m)
      .expect(/Ana Berisha/).expect(/ana\.berisha@example\.al/).expect(/\+355 69 555 7001/)
      .expectNot(/What is your name/);
    await world.chat().start()
      .send("pershendetje, jam Arta Hoxha, 068 123 4567. dua nje qethje te Arditi neser ne 10")
      .expect(/^Berberi Ardit, Prerje flokësh, e enjte, 26 nëntor, në orën 10:00 — e lirë\.$/m)
      .expect(/adresën tuaj të email-it/).expectNot(/Si quheni/);
    // "Name is …" and «emri: …» without "my" introduce one too.
    await world.chat({ lang: "en" }).start()
      .send("Hi, need a haircut at Ardit on Friday at 11. Name is Pavli Gjini, email pavli.g@example.com")
      .expect(/phone number/).expectNot(/What is your name/).expectNot(/email address/)
      .send("069 555 7002").expect(/Pavli Gjini/).expect(/pavli\.g@example\.com/);
    await world.chat().start()
      .send("nje qethje te Arditi neser ne 10, emri: Drita Kola")
      .expect(/adresën tuaj të email-it/).expectNot(/Si quheni/);
    // "I'm looking for …" names nobody: the name is asked.
    await world.chat({ lang: "en" }).start()
      .send("I'm looking for a haircut at Ardit on Friday at 11").expect(/What is your name/);
  });

  it("contact details said in a sentence or given together at the contact steps are all kept", async () => {
    const oneShot = "Book me a haircut at Ardit on Friday at 11";
    await world.chat({ lang: "en" }).start().send(oneShot)
      .send("my name is Marvin Gaye and my email is marvin.gaye@example.com")
      .expect(/Thank you, Marvin Gaye/).expect(/phone number/).expectNot(/email address/)
      .send("+355 69 555 2001").expect(/marvin\.gaye@example\.com/).expect(/Please check your booking/);
    await world.chat().start().send("nje qethje te Ardit te premten ne 11")
      .send("Anisa Kelmendi, anisa.kelmendi@example.com, 069 202 2002")
      .expect(/Faleminderit, Anisa Kelmendi/).expect(/anisa\.kelmendi@example\.com/).expect(/\+355 69 202 2002/).expectNot(/email-it/);
    await world.chat({ lang: "en" }).start().send(oneShot).send("Ana Berisha")
      .send("my email is ana.berisha@example.com").expect(/phone number/)
      .send("my number is 069 555 7001").expect(/ana\.berisha@example\.com/).expect(/\+355 69 555 7001/);
    // "jam Arta Hoxha" is Arta Hoxha; a name of one word with nothing else is still asked again.
    await world.chat().start().send("nje qethje te Ardit te premten ne 11").send("jam Arta Hoxha").expect(/Faleminderit, Arta Hoxha\./);
    await world.chat().start().send("nje qethje te Ardit te premten ne 11").send("Arta, 069 202 2002").expect(/emrin dhe mbiemrin/);
  });

  it("a day alone said at the summary keeps the time chosen («no wait, I said Friday not Thursday»)", async () => {
    await world.chat({ lang: "en" }).start().send("I'd like a haircut at Berberi Ardit on Thursday at 11")
      .send("Tom Baker").send("tom.baker@example.com").send("+355 69 555 0101").expect(/Please check your booking/)
      .send("no wait, I said Friday not Thursday").expect(/^Friday 27 November, at 11:00 — free\.$/m).expect(/Please check your booking/);
  });

  it("a booking for someone else keeps the name given for them («her name is Maria Costa»)", async () => {
    await world.chat({ lang: "en" }).start()
      .send("it's for my mother: a haircut at Ardit on Friday at 4pm, her name is Maria Costa")
      .expectNot(/What is your name/).expect(/email address/)
      .send("maria.costa@example.com").send("+355 69 555 2303").expect(/Maria Costa/).expect(/Please check your booking/);
  });

  it("«qethje për fëmijë» names the children's haircut", async () => {
    await world.chat().start().send("nje qethje per femije te Ardit te premten ne 11")
      .expect(/^Berberi Ardit, Prerje për fëmijë, e premte, 27 nëntor, në orën 11:00 — e lirë\.$/m);
  });

  it("a service only one business offers names that business, with its city («a keni prerje për fëmijë?», «teeth whitened»)", async () => {
    await world.chat().start()
      .send("a keni prerje per femije?")
      .expect(/^Berberi Ardit \(Tiranë\), Prerje për fëmijë\.$/m)
      .check((b) => expect(b.kind).toBe("days"));
    await world.chat({ lang: "en" }).start()
      .send("hey, can you help me get my teeth whitened?")
      .expect(/^Klinika Dentare DentaPlus \(Tiranë\), Teeth whitening\.$/m)
      .check((b) => expect(b.kind).toBe("days"));
    // A service several businesses offer still asks which one; one another business has only in part does not.
    await world.chat().start().send("dua nje prerje flokesh").expect(/Zgjidhni biznesin/);
    await world.chat({ lang: "en" }).start()
      .send("book a cut and blow dry").expect(/^Sallon Elegance \(Tiranë\), Cut and blow-dry\.$/m)
      .check((b) => expect(b.kind).toBe("days"));
  });

  it("asking for help with a booking of a kind named books it; a city in its definite form («Shkodra») names it", async () => {
    await world.chat().start()
      .send("pershendetje, a mund te me ndihmoni me nje termin te dentisti?")
      .expectNot(/shtypni «Rezervo një termin»/).expect(/Zgjidhni biznesin/);
    await world.chat({ lang: "en" }).start()
      .send("I'd like to see a physiotherapist in Shkodra")
      .expect(/^FizioShkodra — /m).expect(/Choose the service/);
  });

  it("a time with a day word it cannot read asks for the day instead of taking today's time", async () => {
    await world.chat({ lang: "en" }).start()
      .send("I'd like a haircut at Ardit sometime this week at 10")
      .expect(/I could not read the day you wrote/).expectNot(/at 10:00 — free/)
      .check((b) => expect(b.kind).toBe("days"))
      .send("Thursday at 10").expect(/^Thursday 26 November, at 10:00 — free\.$/m);
    await world.chat().start()
      .send("dua nje qethje te Arditi kete jave ne 10")
      .expect(/Nuk e lexova dot ditën/).check((b) => expect(b.kind).toBe("days"))
      // At the times of a chosen day too: not that day's 10:00.
      .send("e premte").send("jo, kete jave ne 11").expect(/Nuk e lexova dot ditën/).expectNot(/në orën 11:00 — e lirë/);
  });

  it("in English", async () => {
    await world.chat({ lang: "en" }).start()
      .send("I want to book a haircut at Berber Kalaja")
      .expect(/^Berber Kalaja, Haircut\.$/m)
      .check((b) => expect(b.kind).toBe("days"));
  });
});

/** Days that cannot be booked get their own answer; a customer who is not understood is shown the way. */
describe("past days, closed days and a customer who is not understood", () => {
  const toDay = () => world.chat().start()
    .send({ choice: "Rezervo një termin" })
    .send({ choice: "Berber" })
    .send({ choice: /Ardit/ })
    .send({ choice: /^Prerje flokësh ·/ })
    .check((b) => expect(b.kind).toBe("days"));

  it("says that «dje në 10» has passed and that the business does not open on Sunday, with the next free days", async () => {
    await toDay()
      .send("dje në 10").expect(/Dita që shkruat, e martë, 24 nëntor, ka kaluar/).expectNot(/nuk është e lirë/)
      .check((b) => expect(b.kind).toBe("days"))
      .send("të dielën")
      .expect(/Berberi Ardit nuk punon të dielën, 29 nëntor\. Ditët e para me orare të lira: e hënë, 30 nëntor; e martë, 1 dhjetor; e mërkurë, 2 dhjetor\./)
      .send("sot në 08:00").expect(/Ora 08:00 e sotme ka kaluar/)
      .check((b) => expect(b.kind).toBe("slots"))
      .send("e premte ne 21:00").expect(/27 nëntor, në orën 21:00 — biznesi nuk është i hapur në këtë orë\./)
      // Among the nearest times, a bare time is read on the day asked, not today.
      .send("në 19:00").expect(/Si quheni/)
      .send("Besa Kola").send("besa@example.al")
      .send("069 123 4567").expect(/e premte, 27 nëntor në 19:00/);
  });

  it("after three answers it cannot place, shows the step's options as a list with help and staff", async () => {
    await toDay()
      .send("xyz").send("qwerty")
      .send("asdf").expect(/ende nuk po ju kuptoj/)
      .check((b) => {
        const labels = b.labels();
        expect(labels.slice(-2)).toEqual(["Ndihmë", "Flisni me stafin"]);
        expect(labels.filter((l) => /nën|dhj/.test(l)).length).toBeGreaterThan(3); // the days, still offered
      })
      .send("1").expect(/Oraret e lira për/); // the first day of the list, by its number
  });
});

/** A question or another request typed in the middle of a booking: answered, then the step again. */
describe("questions and requests in the middle of a booking", () => {
  const toName = (time: string) => world.chat().start()
    .send({ choice: "Rezervo një termin" })
    .send({ choice: "Berber" })
    .send({ choice: /Ardit/ })
    .send({ choice: /^Prerje flokësh ·/ })
    .send({ choice: /26/ })
    .send({ choice: time }).expect(/Si quheni/);

  it("a day or time typed at a contact step changes the time chosen; a day word is not a name", async () => {
    // A day alone corrects the day and keeps the time chosen (it was the list of that day's times before
    // the twelfth session; the customer now goes on with one message less and can still give another time).
    await toName("10:00")
      .send("nesër").expectNot(/Faleminderit, nesër/).expect(/^E enjte, 26 nëntor, në orën 10:00 — e lirë\.$/m)
      .send("ora 9").expect(/^E enjte, 26 nëntor, në orën 09:00 — e lirë\.$/m).expect(/Si quheni/)
      .send("Arta Hoxha").expect(/email/)
      .send("jo, më mirë në 11").expect(/^E enjte, 26 nëntor, në orën 11:00 — e lirë\.$/m).expect(/adresën tuaj të email-it/)
      // A phone number mistyped is asked again; the time stays.
      .send("arta@example.al").send("069 12").expect(/numrin tuaj të telefonit/).expectNot(/12:00/)
      .send("069 123 4567").expect(/e enjte, 26 nëntor në 11:00/);
  });

  it("answers «a pranoni paypal?» at the email step and asks for the email again; thanks for the name once", async () => {
    await toName("10:00")
      .send("Arta Hoxha").expect(/Faleminderit, Arta Hoxha\.\nShkruani adresën tuaj të email-it/)
      .send("a pranoni paypal?").expect(/PayPal nuk e pranojmë ende/).expect(/Shkruani adresën tuaj të email-it/)
      .expectNot(/email i vlefshëm|email-i e vlefshme/).expectNot(/Faleminderit, Arta/)
      .send("arta@example.al").expect(/numrin tuaj të telefonit/)
      .send("a jane te sigurta te dhenat e mia tek ju?").expect(/numrin tuaj të telefonit/).expectNot(/nuk është i vlefshëm/)
      .send("069 123 4567").expect(/Emri: Arta Hoxha/);
  });

  it("takes an email address whose words name a service or a request as the email", async () => {
    await toName("09:30")
      .send("Besa Kola").send("besa.manikyr@gmail.com").expect(/numrin tuaj të telefonit/).expectNot(/Zgjidhni/)
      .send("069 123 4567").expect(/Email: besa\.manikyr@gmail\.com/);
    await toName("09:00")
      .send("Arben Hoxha").send("anulo.arben@yahoo.com").expect(/numrin tuaj të telefonit/)
      .send("069 765 4321").expect(/Email: anulo\.arben@yahoo\.com/);
  });

  it("takes a name one letter from a service's word («Blake», «brake») as the name", async () => {
    await toName("09:30").send("Nora Blake").expect(/Faleminderit, Nora Blake\./).expect(/email/);
  });

  it("does not take a sentence or a request as a name", async () => {
    await toName("10:30")
      .send("Faleminderit, Nuk më vjen SMS-ja që më keni dërguar")
      .expect(/ekipin tonë të mbështetjes/) // a problem: on to support
      .expectNot(/Faleminderit, Faleminderit/).expectNot(/adresën tuaj të email-it/);
    await toName("11:00").send("rezervimet e mia").expect(/Nuk gjeta rezervime të ardhshme/);
  });

  it("leaves the flow for staff or another language from a data step", async () => {
    await toName("11:30")
      .send("dua te flas me stafin").expectNot(/Emri duhet|1 deri në 4 fjalë/)
      .expect(/Do t'ju lidhim me ekipin tonë të mbështetjes/);
    await toName("12:00").send("Besa Kola").send("in english please").expect(/Please type your email address/);
  });
});
