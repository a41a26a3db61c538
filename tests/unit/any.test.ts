import { describe, expect, it } from "vitest";
import { leavesItToUs } from "../../core/nlu/any.ts";
import { parseTimeWish } from "../../core/nlu/when-wish.ts";

describe("leavesItToUs: an answer that leaves the choice to the bot", () => {
  it("reads it in both languages, with a word or two around", () => {
    for (const text of ["doesn't matter, you choose", "it doesn't matter", "up to you", "whichever", "any", "cilido", "s'ka rëndësi", "nuk ka rendesi fare", "mua më është njësoj", "zgjidh ti"]) {
      expect(leavesItToUs(text), text).toBe(true);
    }
  });

  it("leaves answers that say something alone", () => {
    for (const text of ["whichever is closest to Tirana", "Marina", "anyone free tomorrow?", "any time in the morning", "nuk ka vend", "kam rendesi"]) {
      expect(leavesItToUs(text), text).toBe(false);
    }
  });
});

describe("parseTimeWish: any time", () => {
  const opts = { now: new Date("2026-11-30T07:00:00Z"), timeZone: "Europe/Tirane" };
  it("«kurdo», «any time is fine» and «doesn't matter» ask for the first free time", () => {
    for (const text of ["kurdo", "any time is fine", "doesn't matter", "në çdo orë"]) expect(parseTimeWish(text, opts)?.pick, text).toBe("earliest");
    // With a part of the day or a bound, that part's list is asked for.
    expect(parseTimeWish("any time in the afternoon", opts)).toEqual(expect.objectContaining({ said: { part: "afternoon" } }));
    expect(parseTimeWish("any time in the afternoon", opts)?.pick).toBeUndefined();
    expect(parseTimeWish("any time after 2", opts)?.pick).toBeUndefined();
    // A question whether there is any time, with the time wanted, is no wish.
    expect(parseTimeWish("Is there any time for a physio consultation on Friday? 12:30 works for me", opts)).toBeNull();
  });
});
