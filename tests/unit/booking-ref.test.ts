// Booking references are read over the phone and must stay unique for as long as the marketplace runs.
import { describe, expect, it } from "vitest";
import { newBookingRef } from "../../core/bookings/ref.ts";

describe("booking references", () => {
  it("are RZ- and six characters with no 0/O or 1/I/L to mix up", () => {
    for (let i = 0; i < 2000; i++) expect(newBookingRef()).toMatch(/^RZ-[A-HJKMNP-Z2-9]{6}$/);
  });

  it("seldom draw a taken reference, even after many bookings", () => {
    // 20 000 draws: about 0.2 repeats are expected from 31^6 references, about 216 from 31^4.
    const seen = new Set<string>();
    let repeats = 0;
    for (let i = 0; i < 20_000; i++) {
      const ref = newBookingRef();
      if (seen.has(ref)) repeats++;
      seen.add(ref);
    }
    expect(repeats).toBeLessThan(5);
  });
});
