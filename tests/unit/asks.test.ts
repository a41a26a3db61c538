import { describe, expect, it } from "vitest";
import { asksSomething, asksWhenOrWhere, infoAsked } from "../../core/nlu/asks.ts";

describe("infoAsked: a question about a price, an address or opening hours", () => {
  it("reads each kind in both languages", () => {
    expect(infoAsked("sa kushton nje qethje te Ardit?")).toBe("price");
    expect(infoAsked("how much does it cost?")).toBe("price");
    expect(infoAsked("çmimi?")).toBe("price");
    expect(infoAsked("ku ndodhet?")).toBe("where");
    expect(infoAsked("where are you located?")).toBe("where");
    expect(infoAsked("where is Marina Spa? I'd like a facial there on Friday")).toBe("where");
    expect(infoAsked("where can I find Berberi Ardit?")).toBe("where");
    expect(infoAsked("cili është orari i Sallon Elegance?")).toBe("hours");
    expect(infoAsked("what time do you close on Saturday?")).toBe("hours");
    expect(infoAsked("a punoni të dielën?")).toBe("hours");
    expect(infoAsked("are you open on Sunday?")).toBe("hours");
    expect(infoAsked("sa kohë zgjat një mbushje dhëmbi?")).toBe("duration");
    expect(infoAsked("how long does a facial take?")).toBe("duration");
  });

  it("leaves names, free times, complaints and one's bookings alone", () => {
    for (const text of ["Daniel Price", "a ka orar të lirë të premten?", "oraret e lira", "ku është rezervimi im?", "where is my refund?", "where is the nearest barber?", "is anything open on Saturday?", "how long do I have to cancel?", "sa kohë merr rimbursimi?", "how long is the wait", "a ka vend të dielën?", "I was charged more than the price shown", "the 2000 lek one", "ndrysho orarin"]) {
      expect(infoAsked(text), text).toBeNull();
    }
  });
});

describe("infoAsked: a business's phone number", () => {
  it.each([
    "what's the phone number of Autoservis Alba?", "can I have the phone number of the clinic?", "how can I call them?",
    "phone number for Marina Spa?", "do you have a contact number for Berber Kalaja", "cili eshte numri i telefonit te klinikes?",
    "me jepni numrin e telefonit te sallonit", "si t'i marr ne telefon?", "a keni numer telefoni?", "sa eshte numri i Berberi Ardit?", "what's the number for Marina Spa?",
  ])("«%s» asks it", (text) => expect(infoAsked(text)).toBe("phone"));

  it.each([
    "my phone number is 069 123 4567", "numri i telefonit tim eshte 068 222 3344", "numri im i telefonit", "same number",
    "use this phone number", "the number I'm writing from", "cili eshte numri i rezervimit tim?", "069 123 4567",
    "what's the number of my booking?",
  ])("«%s» does not", (text) => expect(infoAsked(text)).toBeNull());
});

describe("infoAsked: how a business is paid", () => {
  it.each([
    "Do I have to pay online for a sports massage at Vlora Relax Spa?", "is the sauna at Vlora Relax Spa paid in advance?",
    "can I pay the rest in cash at the clinic?", "How much is the deposit at DentaPlus?", "What payment methods does Vlora Relax Spa accept?",
    "a mund ta paguaj paradhenien ne vend?", "a pranoni pagese me karte?", "a pranoni cash te dentaplus?", "sa e kam paradhenien?",
    "a paguhet paraprakisht masazhi?", "I don't have a card", "s'kam karte, a ka menyre tjeter?",
    "a duhet te paguaj qe tani per nje pastrim dhembesh?", "do I have to pay right now?",
  ])("«%s» asks it", (text) => expect(infoAsked(text)).toBe("payment"));

  it.each([
    "the clinic kept my deposit after they cancelled", "I paid by card", "pagesa u krye", "how much does it cost?", "ma kthoni depoziten",
  ])("«%s» does not", (text) => expect(infoAsked(text)).not.toBe("payment"));
});

describe("asksWhenOrWhere: a question about when or where one's booking is", () => {
  it("reads when, where and what time in both languages", () => {
    for (const text of ["kur e kam terminin?", "ne sa e kam rezervimin e nesërm?", "ku është klinika ku kam terminin?", "në cilën ditë e kam masazhin?", "when's my appointment again?", "what time is my booking tomorrow?", "where is my appointment?"]) {
      expect(asksWhenOrWhere(text), text).toBe(true);
    }
  });

  it("leaves other questions about bookings alone", () => {
    for (const text of ["do I get a reminder before my appointment?", "a mund ta anuloj rezervimin tim?", "rezervimet e mia", "how do I move my booking?", "kurdo"]) {
      expect(asksWhenOrWhere(text), text).toBe(false);
    }
  });
});

describe("whether a message asks something", () => {
  it("a question mark, or a question's first words", () => {
    for (const q of ["sa kushton", "a mund ta anuloj", "cili është numri", "how long does it take", "can I cancel for free", "do you have parking", "is there parking near", "who is this", "kur hapeni?", "anything on Friday?"]) {
      expect(asksSomething(q), q).toBe(true);
    }
  });

  it("not Albanian «do» (will), nor \"can't\" or \"will be there\", which tell rather than ask", () => {
    for (const s of ["do vonohem 15 minuta sot", "do ta mendoj", "can't make it today, please cancel", "will be there at 4", "po, do vij"]) {
      expect(asksSomething(s), s).toBe(false);
    }
  });
});
