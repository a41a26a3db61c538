import { describe, expect, it } from "vitest";
import { serverAt } from "../support/suite.ts";
import { WebChatClient } from "../support/webchat.ts";

// Monday 30 November 2026, 08:00 in Tirana.
const NOW = "2026-11-30T07:00:00Z";

/**
 * A question about the business asked in the middle of a booking is answered, and the booking goes on
 * where it was: what only the business knows with its phone, its hours with its hours, how it is paid.
 */
describe("a question to the business in the middle of a booking", () => {
  const server = serverAt(NOW);

  async function atTimes(lang: "sq" | "en", request: string): Promise<WebChatClient> {
    const c = new WebChatClient(server().url);
    await c.start({ lang });
    await c.say(request);
    expect(c.text()).toMatch(/Free times on|Oraret e lira për/);
    return c;
  }

  it.each([
    ["en", "a wash and cut at Berber Kalaja on Wednesday", "is there a place to park?", /You can ask Berber Kalaja directly on \+355/],
    ["sq", "pedikyr te Sallon Elegance të enjten", "a keni kondicioner në sallë?", /Mund ta pyesni drejtpërdrejt Sallon Elegance në numrin \+355/],
    ["en", "scale and polish at Klinika Adriatik on Friday", "do you use anaesthetic?", /You can ask Klinika Dentare Adriatik directly on \+355/],
  ] as const)("(%s) what only the business knows: its phone, and the times again («%s», «%s»)", async (lang, request, question, answer) => {
    const c = await atTimes(lang, request);
    await c.say(question);
    expect(c.text()).toMatch(answer);
    expect(c.text()).toMatch(/Free times on|Oraret e lira për/);
    await c.say(lang === "sq" ? "në 11" : "11am");
    expect(c.text()).toMatch(/What is your (?:full )?name|Si quheni/);
  });

  it("the closing time asked at the times is the hours, not the times of another day", async () => {
    const c = await atTimes("en", "beard trim at Berber Kalaja on Wednesday");
    await c.say("what time do you close today?");
    expect(c.text()).toMatch(/Berber Kalaja on Monday: 08:30–12:30, 14:00–19:30/);
    expect(c.text()).toMatch(/Free times on Wednesday 2 December/);
  });

  it("whether a card is taken: the FAQ's answer and how this business is paid", async () => {
    const c = await atTimes("sq", "masazh relaksues te Vlora Relax Spa të martën");
    await c.say("a mund të paguaj me kartë?");
    expect(c.text()).toMatch(/Pagesa te Vlora Relax Spa: (?:me kartë|biznesi kërkon pagesë me kartë)/);
  });

  it("a question at the name step is answered, not taken for the name", async () => {
    const c = await atTimes("en", "a haircut at Berberi Ardit tomorrow");
    await c.say("10:30");
    expect(c.text()).toMatch(/name/i);
    await c.say("Do you have wifi?");
    expect(c.text()).toMatch(/You can ask Berberi Ardit directly on \+355/);
    expect(c.text()).not.toMatch(/email/i);
    await c.say("Ana Leka");
    expect(c.text()).toMatch(/email/i);
    // An email or a phone typed with a question mark is still the answer.
    await c.say("ana.leka@gmail.com?");
    expect(c.text()).toMatch(/phone number/i);
    await c.say("069 123 4567?");
    expect(c.text()).toMatch(/Please check your booking/);
  });

  it("a question naming only the service chosen is about the business, not the service picked again", async () => {
    const c = await atTimes("en", "I'd like a gel manicure at Adriana on Friday");
    await c.say("do you also do nail art?");
    expect(c.text()).toMatch(/You can ask Sallon Adriana directly on \+355/);
  });

  it("named at the menu: the answer, then that business's services; the question is not read again as the request", async () => {
    let c = new WebChatClient(server().url);
    await c.start({ lang: "sq" });
    await c.say("a flasin anglisht te Berberi Ardit?");
    expect(c.text()).toMatch(/Mund ta pyesni drejtpërdrejt Berberi Ardit në numrin \+355/);
    expect(c.text()).toMatch(/Zgjidhni shërbimin/);
    expect(c.text()).not.toMatch(/Language: English|Gjuha/);
    c = new WebChatClient(server().url);
    await c.start({ lang: "en" });
    await c.say("what are Berber Kalaja's opening hours?");
    expect(c.text()).toMatch(/Berber Kalaja's opening hours: Monday–Friday 08:30–12:30, 14:00–19:30/);
    await c.say("then saturday at 10 for a haircut");
    expect(c.text()).toMatch(/Haircut, Saturday 5 December, at 10:00 — free/);
  });

  it("«ku ndodhet Marina Spa? dua një trajtim fytyre atje të premten në 2» and \"where is Marina Spa? I'd like a facial there on Friday at 2pm\": the address, then the booking as asked", async () => {
    let c = new WebChatClient(server().url);
    await c.start({ lang: "sq" });
    await c.say("ku ndodhet marina spa? dua nje trajtim fytyre atje te premten ne 2 pasdite");
    expect(c.text()).toMatch(/Marina Spa & Masazh: Shëtitorja Taulantia 40, Durrës/);
    expect(c.text()).toMatch(/Trajtim fytyre, e premte, 4 dhjetor, në orën 14:00 — e lirë/);
    c = new WebChatClient(server().url);
    await c.start({ lang: "en" });
    await c.say("where is Marina Spa? I'd like a facial there on Friday at 2pm");
    expect(c.text()).toMatch(/Marina Spa & Masazh: Shëtitorja Taulantia 40, Durrës/);
    expect(c.text()).toMatch(/Facial treatment, Friday 4 December, at 14:00 — free/);
  });

  it("an FAQ question, then a request to book («sa kohë para mund të anuloj falas? dua një konsultë te Fizio Shkodra …»): the answer, then the booking", async () => {
    const c = new WebChatClient(server().url);
    await c.start({ lang: "sq" });
    await c.say("sa kohe para mund te anuloj falas? dua nje konsulte te fizio shkodra te premten ne 11");
    expect(c.text()).toMatch(/anulimi është pa tarifë deri 24 orë para terminit/);
    expect(c.text()).toMatch(/FizioShkodra, Konsultë me fizioterapist, e premte, 4 dhjetor, në orën 11:00 — e lirë/);
    expect(c.text()).not.toMatch(/Nuk gjeta rezervime/);
  });

  it("\"what time does Alba close on Saturday? I need an oil change that morning, 10am\": Saturday at 10, not today", async () => {
    const c = new WebChatClient(server().url);
    await c.start({ lang: "en" });
    await c.say("what time does Alba close on Saturday? I need an oil change that morning, 10am");
    expect(c.text()).toMatch(/Autoservis Alba on Saturday: 08:00–14:00/);
    expect(c.text()).toMatch(/Oil and filter change, Saturday 5 December, at 10:00 — free/);
  });

  it("the day an hours question asks about is the booking's day: «… të premten?» then «një qethje në ora 10» is Friday at 10", async () => {
    let c = new WebChatClient(server().url);
    await c.start({ lang: "sq" });
    await c.say("cfare orari keni te premten te berberi ardit?");
    expect(c.text()).toMatch(/Berberi Ardit të premten: 09:00–20:00/);
    await c.say("ok me rezervo nje qethje ne ora 10");
    expect(c.text()).toMatch(/Prerje flokësh, e premte, 4 dhjetor, në orën 10:00 — e lirë/);
    // A day said with the booking is the one taken.
    c = new WebChatClient(server().url);
    await c.start({ lang: "en" });
    await c.say("what are Berberi Ardit's hours on Friday?");
    await c.say("a haircut tomorrow at 11 then");
    expect(c.text()).toMatch(/Haircut, Tuesday 1 December, at 11:00 — free/);
  });

  it("asked about a day with the service named, «ora 12» at the days is that day at 12, not today", async () => {
    const c = new WebChatClient(server().url);
    await c.start({ lang: "sq" });
    await c.say("cfare orari keni neser te sallon adriana per fenirim?");
    expect(c.text()).toMatch(/Sallon Adriana të martën: 09:00–19:00/);
    await c.say("ora 12");
    expect(c.text()).toMatch(/E martë, 1 dhjetor, në orën 12:00 — e lirë/);
  });

  it("«çfarë oraresh keni të lira nesër …?» asks for the free times: that day's are shown, not the opening hours", async () => {
    const c = new WebChatClient(server().url);
    await c.start({ lang: "sq" });
    await c.say("cfare oraresh keni te lira neser te sallon adriana per fenirim?");
    expect(c.text()).not.toMatch(/09:00–19:00/);
    expect(c.text()).toMatch(/Oraret e lira për të martën, 1 dhjetor/);
  });

  it("after a booking, what its place has, where it is and how it is paid are about that booking's business", async () => {
    const c = new WebChatClient(server().url);
    await c.start({ lang: "en" });
    for (const m of ["facial at Marina Spa on Thursday at 3pm", "Ana Leka", "ana.leka@gmail.com", "069 123 4567", "yes"]) await c.say(m);
    expect(c.text()).toMatch(/Booking confirmed/);
    await c.say("is there a lift in the building?");
    expect(c.text()).toMatch(/You can ask Marina Spa & Masazh directly on \+355/);
    await c.say("where exactly is it?");
    expect(c.text()).toMatch(/Marina Spa & Masazh: Shëtitorja Taulantia 40, Durrës/);
    await c.say("can I pay by card there?");
    expect(c.text()).toMatch(/Payment at Marina Spa & Masazh: /);
  });

  it("(sq) «ku ndodheni?» after a booking is its address; what a business named at the menu accepts is asked of it", async () => {
    let c = new WebChatClient(server().url);
    await c.start({ lang: "sq" });
    for (const m of ["vlerësim fillestar te Lëvizja të enjten në 10", "Ana Leka", "ana.leka@gmail.com", "069 123 4567", "po"]) await c.say(m);
    expect(c.text()).toMatch(/Rezervimi u konfirmua/);
    await c.say("ku ndodheni?");
    expect(c.text()).toMatch(/^Qendra e Fizioterapisë Lëvizja: Rruga e Kavajës 67, Tiranë/m);
    await c.say("cfare adrese keni?");
    expect(c.text()).toMatch(/^Qendra e Fizioterapisë Lëvizja: Rruga e Kavajës 67, Tiranë/m);
    c = new WebChatClient(server().url);
    await c.start({ lang: "sq" });
    await c.say("a pranon Autoservis Alba makina hibride?");
    expect(c.text()).toMatch(/Mund ta pyesni drejtpërdrejt Autoservis Alba në numrin \+355/);
  });

  it("what a place has, asked at the menu with no place known, asks which; named, its phone", async () => {
    const c = new WebChatClient(server().url);
    await c.start({ lang: "en" });
    await c.say("do you have parking?");
    expect(c.text()).toMatch(/That depends on the business\. Tell me which one you mean/);
    await c.say("is there parking at Berberi Ardit?");
    expect(c.text()).toMatch(/You can ask Berberi Ardit directly on \+355/);
  });

  it("a business's phone asked: its number, at the menu and at the times; then the booking goes on", async () => {
    const c = new WebChatClient(server().url);
    await c.start({ lang: "en" });
    await c.say("what's the phone number of Autoservis Alba?");
    expect(c.text()).toMatch(/The phone number of Autoservis Alba is \+355 \d/);
    // Then its services, under its name and address, the name not said back once more before them.
    expect(c.text().match(/Autoservis Alba/g)).toHaveLength(2);
    const d = await atTimes("sq", "balancim gomash te Auto Servis Durresi te enjten");
    await d.say("cili eshte numri i telefonit te servisit?");
    expect(d.text()).toMatch(/Numri i telefonit të Auto Servis Durrësi është \+355 \d/);
    expect(d.text()).toMatch(/Oraret e lira për/);
  });

  it("a price asked among the services picks that service and says its price", async () => {
    const c = new WebChatClient(server().url);
    await c.start({ lang: "en" });
    await c.say("where is Klinika Adriatik?");
    await c.say("and how much is a check-up there?");
    expect(c.text()).toMatch(/Dental check-up at Klinika Dentare Adriatik: 1,000 lek/);
    expect(c.text()).toMatch(/Which day suits you/);
  });
});
