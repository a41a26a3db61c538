// "The same time" said while moving a booking, in Albanian (with or without ë) and English.
import { describe, expect, it } from "vitest";
import { bareWeekday, nextWeekAlone, saysSameDay, saysSameTime } from "../../core/nlu/same-time.ts";

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

describe("saysSameDay", () => {
  it.each([
    ["per javen tjeter ne te njejten dite dhe ore", { time: true, week: true }],
    ["javën tjetër, po atë ditë", { time: false, week: true }],
    ["the same day next week at 3pm", { time: false, week: true }],
    ["same day and time next week", { time: true, week: true }],
    ["në të njëjtën ditë, por në 12", { time: false, week: false }],
    ["can we do the same time next week instead?", { time: true, week: true }],
    ["javën tjetër në të njëjtën orë", { time: true, week: true }],
  ])("reads «%s»", (text, want) => expect(saysSameDay(text)).toEqual(want));

  it.each(["te premten ne te njejten ore", "Friday, same time", "sometime next week", "dita e hene"])(
    "does not read «%s»",
    (text) => expect(saysSameDay(text)).toBeNull(),
  );
});

describe("nextWeekAlone", () => {
  it.each([
    ["same again next week please", "same again please"],
    ["të njëjtën gjë javën tjetër", "të njëjtën gjë"],
    ["book it again for the following week", "book it again"],
  ])("reads «%s» as next week, the rest «%s»", (text, rest) => expect(nextWeekAlone(text)).toBe(rest));

  it.each(["same again next Tuesday", "same again next week at 5", "të njëjtën gjë të hënën e javës tjetër", "same again please", "next weekend"])(
    "does not read «%s»",
    (text) => expect(nextWeekAlone(text)).toBeNull(),
  );
});

describe("bareWeekday", () => {
  it.each(["is there anything on Tuesday instead?", "po të enjten?", "Saturday then", "te shtunen ne 10 atehere"])(
    "reads «%s» as a weekday alone",
    (text) => expect(bareWeekday(text)).toBe(true),
  );

  it.each(["next Tuesday", "të martën tjetër", "this Friday", "të premten që vjen", "Friday 4/12", "tomorrow", "nesër", "sometime next week", "Tuesday next week"])(
    "does not read «%s» as one",
    (text) => expect(bareWeekday(text)).toBe(false),
  );
});
