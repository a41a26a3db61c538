import { describe, expect, it } from "vitest";
import { afterWord, besideWords, withoutAfterWhat } from "../../core/nlu/beside.ts";

describe("besideWords: a booking request that speaks of one already made", () => {
  it("reads «the same again», «also» and «right after» in both languages", () => {
    expect(besideWords("dua të rezervoj përsëri të njëjtën gjë për të martën tjetër")).toMatchObject({ same: true });
    expect(besideWords("book the same again for next week")).toMatchObject({ same: true });
    expect(besideWords("could you book me the same for next Tuesday too?")).toMatchObject({ same: true, also: true });
    expect(besideWords("can I book another one of those for Saturday?")).toMatchObject({ same: true, also: true });
    expect(besideWords("I also need a tyre change")).toMatchObject({ same: false, also: true });
    expect(besideWords("dua edhe një pastrim menjëherë pas vizitës")).toMatchObject({ also: true, after: true });
    expect(besideWords("a cleaning right after my check-up")).toMatchObject({ after: true });
    expect(besideWords("edhe vajzën time të vogël menjëherë pas meje")).toMatchObject({ after: true });
    expect(besideWords("and my little boy after me")).toMatchObject({ after: true });
    expect(besideWords("also book my husband for the same massage at the same time")).toMatchObject({ same: true, also: true });
    expect(besideWords("të njëjtin masazh për burrin tim")).toMatchObject({ same: true });
    // "such" names the booked service, whatever word says its kind.
    expect(besideWords("dua edhe nje seance te tille javen tjeter te enjten")).toMatchObject({ same: true, such: true });
    expect(besideWords("një të tillë për të premten")).toMatchObject({ same: true, such: true });
    expect(besideWords("another session like that next week")).toMatchObject({ same: true, such: true });
  });

  it("leaves a move, the same day or time alone, and a part of the day alone", () => {
    for (const text of ["another day please", "një ditë tjetër", "në të njëjtën orë", "te njejten dite", "after 3pm", "pas orës 15", "pas drekës", "dua një qethje", "the same time on Friday", "book the same time next week", "is it the same price?", "same address?", "a keni gjë të tillë?", "one like that at Ardit"]) {
      expect(besideWords(text), text).toBeNull();
    }
  });
});

describe("withoutAfterWhat: the words naming the booking a new one comes after", () => {
  it("are left out, with the rest as typed", () => {
    expect(withoutAfterWhat("Dua edhe një pastrim menjëherë pas vizitës sime, ju lutem")).toBe("Dua edhe një pastrim, ju lutem");
    expect(withoutAfterWhat("a cleaning right after my check-up please")).toBe("a cleaning please");
    expect(withoutAfterWhat("a haircut after 3pm")).toBe("a haircut after 3pm");
  });
});

describe("afterWord: the word after «after» that may name a booking", () => {
  it("is given with the request without it", () => {
    expect(afterWord("and a back massage for me after the facial")).toEqual({ word: "facial", rest: "and a back massage for me" });
    expect(afterWord("një rruajtje pas prerjes")).toEqual({ word: "prerjes", rest: "një rruajtje" });
    expect(afterWord("a haircut tomorrow")).toBeNull();
  });
});
