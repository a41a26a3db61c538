import { describe, expect, it } from "vitest";
import { readYesNo } from "../../core/nlu/yesno.ts";

describe("readYesNo", () => {
  it.each([
    ["po", "yes"], ["Po, konfirmoj", "yes"], ["po ju lutem", "yes"], ["yes please", "yes"], ["OK", "yes"],
    ["dakord", "yes"], ["konfirmo", "yes"], ["në rregull", "yes"], ["jo", "no"], ["No, thanks", "no"],
    ["jo faleminderit", "no"], ["nuk dua", "no"], ["sounds good", "yes"], ["looks good to me", "yes"], ["alright", "yes"], ["👍", "yes"], ["👍🏽", "yes"], ["👌 faleminderit", "yes"], ["✅", "yes"], ["👎", "no"], ["jo ❌", "no"], ["👍 👎", null], ["😀", null],
    ["not good", null],
  ])("%s -> %s", (text, want) => {
    expect(readYesNo(text)).toBe(want);
  });

  it("leaves anything that is more than a plain answer to the rest of the dialog", () => {
    expect(readYesNo("po, por në orën 11")).toBeNull();
    expect(readYesNo("a pranoni paypal?")).toBeNull();
    expect(readYesNo("po jo")).toBeNull();
    expect(readYesNo("")).toBeNull();
  });

  it("takes the step's own words for each side", () => {
    const words = { yes: ["anuloje"], no: ["mbaje"] };
    expect(readYesNo("po, anuloje", words)).toBe("yes");
    expect(readYesNo("jo, mbaje", words)).toBe("no");
    expect(readYesNo("anuloje")).toBeNull();
  });
});
