import { describe, expect, it } from "vitest";
import { formatDateIn } from "../../core/format.ts";

describe("formatDateIn: a date inside a sentence", () => {
  it("puts the Albanian weekday in the accusative after a verb or preposition, with the time after it", () => {
    expect(formatDateIn("sq", "2026-12-01", "acc")).toBe("të martën, 1 dhjetor");
    expect(formatDateIn("sq", new Date("2026-12-02T13:00:00Z"), "acc", "Europe/Tirane")).toBe("të mërkurën, 2 dhjetor, në orën 14:00");
    expect(formatDateIn("sq", "2026-12-06", "acc")).toBe("të dielën, 6 dhjetor");
  });

  it("puts it in the genitive after a noun, without abbreviations", () => {
    expect(`rezervimin e ${formatDateIn("sq", "2026-12-01", "gen")}`).toBe("rezervimin e së martës, 1 dhjetor");
    expect(formatDateIn("sq", "2026-11-30", "gen")).toBe("së hënës, 30 nëntor");
    expect(formatDateIn("sq", "2026-12-04", "gen")).toBe("së premtes, 4 dhjetor");
  });

  it("reads the local day of an instant in the business's zone (late evening UTC is the next day in Tirana)", () => {
    expect(formatDateIn("sq", new Date("2026-11-30T23:30:00Z"), "acc", "Europe/Tirane")).toBe("të martën, 1 dhjetor, në orën 00:30");
    expect(formatDateIn("en", new Date("2026-12-01T09:30:00Z"), "acc", "Europe/Tirane")).toBe("Tuesday 1 December at 10:30");
  });
});
