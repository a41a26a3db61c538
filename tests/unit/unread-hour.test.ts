import { describe, expect, it } from "vitest";
import { hasUnreadHour } from "../../core/nlu/unread-hour.ts";

describe("a number no date holds, in a message whose time was not read", () => {
  it("finds an hour or a count left once the dates are taken out", () => {
    expect(hasUnreadHour("Thursday morning instead? 10 if possible")).toBe(true);
    expect(hasUnreadHour("te premten, rreth 3")).toBe(true);
    expect(hasUnreadHour("Friday at 10:30-ish")).toBe(true);
  });

  it("leaves the numbers of a date alone", () => {
    for (const t of ["the 10th instead", "05/12/2026", "4/12", "10 dhjetor", "December 10", "më 3 dhjetor", "Friday the 4th"]) expect(hasUnreadHour(t), t).toBe(false);
    expect(hasUnreadHour("të premten")).toBe(false);
  });
});
