import { describe, expect, it } from "vitest";
import { leavesWaitlist, namesWaitlist } from "../../core/nlu/waitlist-leave.ts";

describe("leavesWaitlist", () => {
  it.each([
    "take me off the waiting list please",
    "I don't need the massage waitlist anymore",
    "I found another dentist, cancel my waiting list spot",
    "nuk dua më të pres për manikyrin, më hiqni nga lista",
    "s'dua më të jem në listë për trajtimin e fytyrës",
    "dil nga lista e pritjes",
    "më hiq nga lista e pritjes për të premten",
    "nuk dua më listën e pritjes",
    "no need to keep me on the waiting list anymore, thanks",
    "nuk kam më nevojë për listën e pritjes",
    "nuk me duhet me vendi ne liste, me hiq te lutem",
  ])("reads «%s» as leaving", (text) => expect(leavesWaitlist(text)).toBe(true));

  it.each([
    "put me on the waiting list",
    "më shtoni në listën e pritjes",
    "remove me from your mailing list",
    "hiqni numrin tim nga lista e sms",
    "nuk dua të pres shumë",
    "anulo rezervimin",
  ])("does not read «%s» as leaving", (text) => expect(leavesWaitlist(text)).toBe(false));

  it("tells the waiting list itself from a list", () => {
    expect(namesWaitlist("dil nga lista e pritjes")).toBe(true);
    expect(namesWaitlist("take me off the list")).toBe(false);
  });
});
