// "The same time" said while moving a booking, in Albanian (with or without ë) and English.
import { describe, expect, it } from "vitest";
import { saysSameTime } from "../../core/nlu/same-time.ts";

describe("saysSameTime", () => {
  it.each([
    "të premten në të njëjtën orë",
    "dua ta levize per te premten ne te njejten ore",
    "te enjten ne oren e njejte",
    "po ne ate ore, por te henen",
    "me te njejtin orar te marten",
    "Friday, same time",
    "move it to Monday at the same hour",
  ])("reads «%s»", (text) => expect(saysSameTime(text)).toBe(true));

  it.each(["te premten ne ora 3", "ne te njejten dite", "njejten gje", "same day please", "sometime on Friday"])(
    "does not read «%s»",
    (text) => expect(saysSameTime(text)).toBe(false),
  );
});
