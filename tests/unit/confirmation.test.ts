import { describe, expect, it } from "vitest";
import { confirmationReply } from "../../core/bookings/confirmation.ts";

const business = { name: "Berberi Ardit", address: "Rruga e Kavajës 12", city: "Tiranë", phone: "+355 69 555 0101", timeZone: "Europe/Tirane", cancelWindowHours: 24 };
const booking = (startIso: string) => ({ ref: "RZ-AB12", start: new Date(startIso), priceLek: 800, business, service: { nameSq: "Prerje flokësh", nameEn: "Haircut" } });

describe("the booking confirmation promises only the reminders that will come", () => {
  it("promises both reminders for a booking more than a day ahead", () => {
    const r = confirmationReply("sq", booking("2026-12-02T09:00:00Z"), new Date("2026-11-30T08:43:00Z"));
    expect(r.text).toContain("Do t'ju kujtojmë 24 orë dhe 2 orë para terminit.");
  });
  it("promises only the 2-hour reminder for a booking later today", () => {
    const r = confirmationReply("en", booking("2026-11-30T15:00:00Z"), new Date("2026-11-30T08:43:00Z"));
    expect(r.text).toContain("We will remind you 2 hours before.");
    expect(r.text).not.toContain("24 hours and");
  });
  it("promises no reminder for a booking at 11:30 made at 09:43 (both moments have passed)", () => {
    const r = confirmationReply("sq", booking("2026-11-30T10:30:00Z"), new Date("2026-11-30T08:43:00Z"));
    expect(r.text).not.toMatch(/kujtojmë/);
    expect(r.text).toMatch(/shkruani «rezervimet e mia»\.$/);
  });
});

describe("the booking confirmation writes the business's phone as people read it", () => {
  it("a landline stored as +35522243118 reads +355 22 243 118", () => {
    const r = confirmationReply("sq", { ...booking("2026-12-02T09:00:00Z"), business: { ...business, phone: "+35522243118" } }, new Date("2026-11-30T08:43:00Z"));
    expect(r.text).toContain("Telefoni i biznesit: +355 22 243 118");
  });
});
