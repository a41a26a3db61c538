import { describe, expect, it } from "vitest";
import { keepsBooking } from "../../core/nlu/keep.ts";

describe("keepsBooking: the booking is to stay as it is", () => {
  it("reads it in both languages", () => {
    for (const text of ["dua ta mbaj terminin", "e mbaj rezervimin", "nuk dua ta anuloj", "mos e anuloni", "I'll keep my appointment", "please don't cancel it"]) {
      expect(keepsBooking(text), text).toBe(true);
    }
  });

  it("leaves requests to cancel, move or book alone", () => {
    for (const text of ["dua ta anuloj terminin", "cancel it", "I want to keep fit, a massage please", "mbaj mend", "dua një termin"]) {
      expect(keepsBooking(text), text).toBe(false);
    }
  });
});
