// A problem typed for support speaks of a booking, or of something else (the app, a payment page).
import { describe, expect, it } from "vitest";
import { speaksOfABooking } from "../../core/nlu/booking-mention.ts";

describe("speaksOfABooking", () => {
  it.each(["kam nje problem me rezervimin", "Termini im i së hënës nuk u shfaq", "takimi u anulua pa me pyetur", "dua te bej nje ankese", "my booking vanished", "complaint about my appointment"])(
    "reads «%s» as about a booking",
    (text) => expect(speaksOfABooking(text)).toBe(true),
  );
  it.each(["aplikacioni ngec kur shtyp paguaj", "the page crashes when I pay", "nuk me erdhi email-i"])(
    "reads «%s» as about something else",
    (text) => expect(speaksOfABooking(text)).toBe(false),
  );
});
