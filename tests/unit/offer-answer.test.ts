import { describe, expect, it } from "vitest";
import { readOfferAnswer } from "../../core/nlu/offer-answer.ts";

// Typed answers to «U lirua një vend … Jua mbajmë deri në orën 09:15» (a freed place offered from the waiting list).
describe("a typed answer to a freed place offered", () => {
  it.each([
    "yes!", "ok I'll take it", "yes, book me in", "that works for me", "awesome, I'll grab it", "no problem, book it",
    "sure, 3pm is good", "po", "po, e marr", "ma rezervoni ju lutem", "dakord, do vij", "shume mire, me pershtatet mire",
    "s'ka problem, e dua", "👍", "see you then!", "go ahead and book it", "4pm works", "I'd like that one", "wow, sure", "ok, do jem atje",
  ])("«%s» takes it", (text) => expect(readOfferAnswer(text)).toBe("yes"));

  it.each([
    "no", "nope, sorry", "that time doesn't work for me", "I can't make it at 10", "I'll pass this time", "too early for me",
    "jo", "jo faleminderit", "nuk mundem ate ore", "s'me pershtatet", "nuk e dua me", "eshte shume heret per mua",
    "I'm busy at that time", "unfortunately not", "not that day, sorry", "fatkeqesisht s'mundem", "ate ore jam ne pune", "faleminderit, por jo",
    "sorry, I can't", "I've got a meeting then", "kam nje takim tjeter atehere",
  ])("«%s» declines it", (text) => expect(readOfferAnswer(text)).toBe("no"));

  it.each([
    "how much is it?", "how long will you hold it?", "is it still free?", "where is it?", "hmm", "hold on, let me check",
    "sa kushton?", "deri ne sa ma mbani?", "a eshte akoma e lire?", "ku ndodhet?", "prit pak", "nje moment",
    "yes, how much is it?", "what's the address?", "do I pay a deposit?", "sa eshte paradhenia?", "adresa?",
  ])("«%s» asks about it", (text) => expect(readOfferAnswer(text)).toBe("again"));

  it.each([
    "yes, but can I come at 4 instead?", "po, por ne oren 11", "I want to book a haircut on Friday", "sa eshte ora?",
    "my bookings", "rezervimet e mia", "thanks", "hello",
  ])("«%s» is something else", (text) => expect(readOfferAnswer(text)).toBeNull());
});
