import { describe, expect, it } from "vitest";
import { writtenIn } from "../../core/nlu/written-in.ts";

// The first message of a chat whose channel says nothing of the customer's language (WhatsApp, SMS):
// the chat starts in the language it is clearly written in, else in Albanian (the default).
describe("the language a first message is written in", () => {
  it.each([
    "hi", "Hello!", "hey there", "good morning", "Hi, I'd like to book a haircut", "can I get an appointment for tomorrow?",
    "I need to see a dentist this week", "how much is a massage at Marina Spa?", "what time do you open on Saturday?",
    "BOOK OIL CHANGE FRIDAY 9AM", "is there a free slot at Sallon Elegance today?", "I want to cancel my appointment",
    "do you have anything on monday afternoon", "Looking for a physio in Tirana", "where are you located?",
    "need a trim at Berber Kalaja next week", "thanks, can someone call me back?", "my booking for thursday",
  ])("«%s» is English", (text) => expect(writtenIn(text)).toBe("en"));

  it.each([
    "pershendetje", "Tung!", "mirëdita", "ckemi", "dua nje qethje neser", "a keni vend te shtunen?", "sa kushton nje masazh?",
    "REZERVO NJE TERMIN PER TE PREMTEN", "du me rezervu te dentisti", "ku ndodheni?", "anuloje rezervimin tim",
    "a mund te vij ne ora 5?", "kam nje pyetje", "do te vonohem pak", "po", "ok dua te rezervoj",
    "hello, dua nje qethje", "hi, a keni vend neser?",
  ])("«%s» is Albanian", (text) => expect(writtenIn(text)).toBe("sq"));

  it.each(["ok", "1", "Berberi Ardit", "Arta Hoxha", "arta@example.com", "069 123 4567", "👍", "RZ-4K7P2M"])(
    "«%s» says nothing of its language",
    (text) => expect(writtenIn(text)).toBeNull(),
  );
});
