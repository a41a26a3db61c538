import { describe, expect, it } from "vitest";
import type { OpeningHours } from "../../core/availability/types.ts";
import { isoWithOffset, parseWhen } from "../../core/nlu/when.ts";
import { looksLikeUnreadDay } from "../../core/nlu/day-typos.ts";

const FRI = new Date("2026-11-20T09:00:00+01:00"); // Friday 09:00 in Tirana
const at = (text: string, now = FRI, openingHours?: OpeningHours) => {
  const r = parseWhen(text, { now, openingHours });
  return r ? { iso: isoWithOffset(r.start), hasTime: r.hasTime, date: r.date, time: r.time, pod: r.partOfDay } : null;
};

describe("parseWhen", () => {
  it("reads relative days with and without diacritics", () => {
    expect(at("nesër në orën 10")).toMatchObject({ iso: "2026-11-21T10:00:00+01:00", hasTime: true });
    expect(at("neser ne oren 10")?.iso).toBe("2026-11-21T10:00:00+01:00");
    expect(at("pasneser")).toMatchObject({ date: "2026-11-22", hasTime: false });
    expect(at("sot")).toMatchObject({ date: "2026-11-20", hasTime: false });
    // Tomorrow's, as a word of its own: «pedikyrin e nesërmit», «terminin e nesërm».
    expect(at("pedikyrin e nesërmit")).toMatchObject({ date: "2026-11-21", hasTime: false });
    expect(at("terminin e nesërm")).toMatchObject({ date: "2026-11-21", hasTime: false });
    // «më thanë» (they told me) is no «t' hanë» (Monday); «t'hënën» without its apostrophe still is.
    expect(at("më thanë që çmimi është më i lartë")).toBeNull();
    expect(at("thenen ne 10")).toMatchObject({ date: "2026-11-23", time: "10:00" });
    // With the apostrophe written, the Gheg nominative is the day: «a muj me ardh t'premte n'ora 10».
    expect(at("a muj me ardh t'premte n'ora 10")).toMatchObject({ date: "2026-11-27", time: "10:00" });
  });

  it("says a date-only answer has no time instead of guessing noon", () => {
    const r = parseWhen("të hënën", { now: FRI })!;
    expect(r.hasTime).toBe(false);
    expect(r.time).toBeUndefined();
    expect(r.date).toBe("2026-11-23");
  });

  it("reads a time said after a bound as the time asked for («pas orës 2? në 3 do ishte mirë»)", () => {
    expect(at("të premten pas orës 2? në 3 do ishte mirë")?.iso).toBe("2026-11-27T15:00:00+01:00");
    expect(at("të premten pas orës 2")?.iso).toBe("2026-11-27T14:00:00+01:00");
    expect(at("nesër në 10 ose pas orës 4")?.time).toBe("10:00");
  });

  it("reads Albanian clock phrases", () => {
    expect(at("10 e gjysmë")?.time).toBe("10:30");
    expect(at("10 e një çerek")?.time).toBe("10:15");
    expect(at("10 pa një çerek")?.time).toBe("09:45");
    expect(at("4 pa 15")?.time).toBe("15:45");
    expect(at("ora 7 e mbrëmjes")?.time).toBe("19:00");
    expect(at("ora 10 fiks")?.time).toBe("10:00");
  });

  it("dates forward: a past day-month is next year, a weekday is the next such day", () => {
    expect(at("2 janar")?.date).toBe("2027-01-02");
    expect(at("10 nëntor")?.date).toBe("2027-11-10");
    expect(at("e premte")?.date).toBe("2026-11-27"); // today is Friday: next week's
    expect(at("3.12")?.date).toBe("2026-12-03"); // day first
    expect(at("ora 8")).toMatchObject({ date: "2026-11-21", time: "08:00" }); // 08:00 has passed today
  });

  it("keeps the wall clock across DST changes", () => {
    const beforeAutumn = new Date("2026-10-24T18:00:00+02:00");
    expect(at("nesër ora 10", beforeAutumn)?.iso).toBe("2026-10-25T10:00:00+01:00");
    expect(at("sonte ne 9", beforeAutumn)?.iso).toBe("2026-10-24T21:00:00+02:00");
    const beforeSpring = new Date("2027-03-27T12:00:00+01:00");
    expect(at("nesër ora 10", beforeSpring)?.iso).toBe("2027-03-28T10:00:00+02:00");
    expect(at("sot ne 3", beforeSpring)?.iso).toBe("2027-03-27T15:00:00+01:00");
  });

  it("reads an hour without AM/PM against the opening hours", () => {
    const evening: OpeningHours = Object.fromEntries([0, 1, 2, 3, 4, 5, 6].map((d) => [String(d), [{ open: "12:00", close: "22:00" }]]));
    const early: OpeningHours = Object.fromEntries([0, 1, 2, 3, 4, 5, 6].map((d) => [String(d), [{ open: "06:00", close: "12:00" }]]));
    expect(at("në 9", FRI, evening)?.time).toBe("21:00");
    expect(at("nesër në 6", FRI, early)?.time).toBe("06:00");
    expect(at("nesër në 6")?.time).toBe("18:00"); // no hours: 1-7 is afternoon
    expect(at("nesër në 9")?.time).toBe("09:00"); // no hours: 8-11 is morning
  });

  it("does not see dates in menu choices, names, emails or amounts", () => {
    for (const text of ["3", "Ana Marte", "ana.marte@gmail.com", "jemi 3 persona", "kushton 1.500 lekë", "dua te rezervoj", "naten e mire"]) {
      expect(at(text), text).toBeNull();
    }
  });

  it("reads midnight, spaced and misspelt relative days, the end of the week and ranges", () => {
    expect(at("mesnatë")).toMatchObject({ date: "2026-11-21", time: "00:00" });
    expect(at("sonte në mesnatë")).toMatchObject({ date: "2026-11-21", time: "00:00" });
    expect(at("pas nesër në 10")).toMatchObject({ date: "2026-11-22", time: "10:00" });
    expect(at("nesr ne 10")).toMatchObject({ date: "2026-11-21", time: "10:00" });
    expect(at("në fund të javës")).toMatchObject({ date: "2026-11-21", hasTime: false });
    expect(at("sot para dreke")).toMatchObject({ date: "2026-11-20", hasTime: false, pod: "morning" });
    expect(at("nesër ndërmjet 10 dhe 12")?.time).toBe("10:00");
    expect(at("me 3 te muajit")?.date).toBe("2026-12-03");
  });

  it("reads 'më 28', '28-shin' and a weekday said with a calendar date", () => {
    expect(at("më 28 në 10")).toMatchObject({ date: "2026-11-28", time: "10:00" });
    expect(at("28-shin")).toMatchObject({ date: "2026-11-28", hasTime: false });
    expect(at("e shtunë 28 nëntor")?.date).toBe("2026-11-28");
    expect(at("me 25 ne 16:00")).toMatchObject({ date: "2026-11-25", time: "16:00" }); // typed without ë
    expect(at("me 28")?.date).toBe("2026-11-28"); // 28 cannot be a count of people here
    for (const text of ["jemi më 5 veta", "dua te vij me 2", "me 2 persona", "me 15 persona"]) expect(at(text), text).toBeNull();
  });

  it("reads genitive weekdays, 'pas dite' apart and an offset after 'sot'", () => {
    expect(at("pasditen e së premtes")).toMatchObject({ date: "2026-11-27", hasTime: false, pod: "afternoon" });
    expect(at("nesër pas dite")).toMatchObject({ date: "2026-11-21", pod: "afternoon" });
    expect(at("sot pas 2 orësh")).toMatchObject({ date: "2026-11-20", time: "11:00" });
  });

  it("falls back to English", () => {
    expect(at("day after tomorrow at 10")?.iso).toBe("2026-11-22T10:00:00+01:00");
    expect(at("tomorrow at 5pm")?.iso).toBe("2026-11-21T17:00:00+01:00");
  });

  it("reads English times said in words around the hour: half past, quarter past and to, around, -ish", () => {
    expect(at("tomorrow, half past 2")?.iso).toBe("2026-11-21T14:30:00+01:00");
    expect(at("quarter past 3 on Monday")?.iso).toBe("2026-11-23T15:15:00+01:00");
    expect(at("tomorrow a quarter to 4")?.iso).toBe("2026-11-21T15:45:00+01:00");
    expect(at("this Friday around 11")?.iso).toBe("2026-11-27T11:00:00+01:00");
    expect(at("tomorrow at about 10:30")?.iso).toBe("2026-11-21T10:30:00+01:00");
    expect(at("Monday 11ish")?.iso).toBe("2026-11-23T11:00:00+01:00");
    expect(at("tomorrow around noon")?.iso).toBe("2026-11-21T12:00:00+01:00");
    expect(at("Monday about midday")?.iso).toBe("2026-11-23T12:00:00+01:00");
    expect(at("tomorrow noonish")?.iso).toBe("2026-11-21T12:00:00+01:00");
    expect(at("tomorrow, can we do 11 instead?")?.iso).toBe("2026-11-21T11:00:00+01:00");
  });

  it("reads «e tre çerekë» (the plural) as a quarter to the next hour, as «e tre çerek»", () => {
    expect(at("te henen ne 2 e tre cereke")?.iso).toBe("2026-11-23T14:45:00+01:00");
    expect(at("të hënën në 2 e tre çerekë")?.iso).toBe("2026-11-23T14:45:00+01:00");
  });

  it("reads hours said in words, «make it 11», and a day and a time said apart", () => {
    expect(at("on Wednesday, ten thirty")?.iso).toBe("2026-11-25T10:30:00+01:00");
    expect(at("Saturday at seven in the evening please")?.iso).toBe("2026-11-21T19:00:00+01:00");
    // An hour in digits with its part of the day, no "at".
    expect(at("Sauna & hammam at Vlora Relax, Saturday 7 in the evening")?.iso).toBe("2026-11-21T19:00:00+01:00");
    expect(at("Saturday 7 in the morning")?.iso).toBe("2026-11-21T07:00:00+01:00");
    // "morn" is the morning; "the day" of "the last one of the day" names no day.
    expect(at("sat morn, 10ish, wash and cut in shkoder")?.iso).toBe("2026-11-21T10:00:00+01:00");
    expect(at("the last one of the day")).toBeNull();
    expect(at("the day after tomorrow at 10")?.iso).toBe("2026-11-22T10:00:00+01:00");
    // A time asked about: "is 3 ok?", "would 4 work?"; a count is no time.
    expect(at("in the afternoon that day, is 3 ok?")?.time).toBe("15:00");
    expect(at("would 4 work?")?.time).toBe("16:00");
    expect(at("is 5 people ok?")).toBeNull();
    expect(at("eleven o'clock on Friday")?.iso).toBe("2026-11-27T11:00:00+01:00");
    expect(at("tomorrow at nine")?.iso).toBe("2026-11-21T09:00:00+01:00");
    expect(at("I want one haircut on Friday")?.time).toBeUndefined();
    expect(at("Friday, could it be at 5?")?.iso).toBe("2026-11-27T17:00:00+01:00");
    expect(at("tomorrow. can we make it 11?")?.iso).toBe("2026-11-21T11:00:00+01:00");
    expect(at("Saturday morning instead? 9 would be great")?.iso).toBe("2026-11-21T09:00:00+01:00");
  });

  it("reads «a week from today» with a time said after it, and times of four digits", () => {
    // FRI is Friday 20 November: a week from today is Friday 27 November, not today at that time.
    expect(at("a week from today, half past five in the afternoon")?.iso).toBe("2026-11-27T17:30:00+01:00");
    expect(at("two weeks from tomorrow")?.date).toBe("2026-12-05");
    expect(at("3 days from now at 10")?.iso).toBe("2026-11-23T10:00:00+01:00");
    expect(at("this Monday around 1700")?.iso).toBe("2026-11-23T17:00:00+01:00");
    expect(at("Tuesday 0930h")?.iso).toBe("2026-11-24T09:30:00+01:00");
    expect(at("around 2026")).toBeNull();
    // Quarters and halves with the hour in words, and a time said as what would suit.
    expect(at("Monday, quarter to ten")?.iso).toBe("2026-11-23T09:45:00+01:00");
    expect(at("half past four on Tuesday")?.iso).toBe("2026-11-24T16:30:00+01:00");
    expect(at("Sunday afternoon? 3 would suit me")?.iso).toBe("2026-11-22T15:00:00+01:00");
    expect(at("it costs 1500 lek")).toBeNull();
    // «një javë nga sot», «3 ditë nga nesër»: on from today or tomorrow, with the time said after.
    expect(at("nje jave nga sot ne 4 mbasdite")?.iso).toBe("2026-11-27T16:00:00+01:00");
    expect(at("dy jave nga sot")?.date).toBe("2026-12-04");
    expect(at("3 dite nga neser ne 10")?.iso).toBe("2026-11-24T10:00:00+01:00");
    // A date written as numbers with the time said in English: both ("on 5/12 at 10").
    expect(at("a tyre change on 5/12 at 10?")?.iso).toBe("2026-12-05T10:00:00+01:00");
    expect(at("on 5/12")?.hasTime).toBe(false);
    // "Thursday week" (British): the Thursday of next week.
    expect(at("Thursday week at 10")?.iso).toBe("2026-12-03T10:00:00+01:00");
    expect(at("Thursday at 10")?.iso).toBe("2026-11-26T10:00:00+01:00");
  });

  it("reads the short slips «weds», «wensday», «frday», «te enjtn»", () => {
    expect(at("weds at 10")?.iso).toBe("2026-11-25T10:00:00+01:00");
    expect(at("wensday at 10")?.iso).toBe("2026-11-25T10:00:00+01:00");
    expect(at("frday at 10")?.iso).toBe("2026-11-27T10:00:00+01:00");
    expect(at("te enjtn ne 10")?.iso).toBe("2026-11-26T10:00:00+01:00");
  });

  it("reads a weekday said with «next week» as that weekday of next week", () => {
    expect(at("sometime next week, Tuesday morning ideally")?.iso).toBe("2026-11-24T00:00:00+01:00");
    expect(at("Tuesday next week")?.iso).toBe("2026-11-24T00:00:00+01:00");
    expect(at("next week friday at 3pm")?.iso).toBe("2026-11-27T15:00:00+01:00");
  });

  it("reads the short day names «fri», «tue», «wed» alone and in a sentence; «sat» and «sun» only next to a time", () => {
    expect(at("can u move my massage to fri same time thx")?.iso).toBe("2026-11-27T00:00:00+01:00");
    expect(at("tue")?.iso).toBe("2026-11-24T00:00:00+01:00");
    expect(at("wed")?.iso).toBe("2026-11-25T00:00:00+01:00");
    expect(at("tues 3pm")?.iso).toBe("2026-11-24T15:00:00+01:00");
    expect(at("sat")).toBeNull();
    expect(at("sun")).toBeNull();
    expect(at("sat 10am")?.iso).toBe("2026-11-21T10:00:00+01:00");
  });

  it("says whether the day was named, and tells a day word it could not read", () => {
    expect(parseWhen("të enjten në 10", { now: FRI })?.daySaid).toBe(true);
    expect(parseWhen("në 10", { now: FRI })?.daySaid).toBeUndefined();
    for (const t of ["wednsdy at 10", "thrsday at 10", "this week at 10", "javen ne 10"]) expect(looksLikeUnreadDay(t), t).toBe(true);
    for (const t of ["Marsel Dedaj", "masazh shpine", "prerje flokesh ne 10", "my mouth hurts, at 10", "dua nje qethje ne 10"]) expect(looksLikeUnreadDay(t), t).toBe(false);
  });

  it("reads day words typed with a slip, which otherwise left only the time, read as today's", () => {
    expect(at("tommorow at 10")?.iso).toBe("2026-11-21T10:00:00+01:00");
    expect(at("on wenesday at 4:30 pm")?.iso).toBe("2026-11-25T16:30:00+01:00");
    expect(at("thrusday 3pm")?.iso).toBe("2026-11-26T15:00:00+01:00");
    expect(at("te premtn ne 4 pasdite")?.iso).toBe("2026-11-27T16:00:00+01:00");
    expect(at("nesr ne 10")?.iso).toBe("2026-11-21T10:00:00+01:00");
    // Two slips in a long day word, when no other day word is as near.
    expect(at("wednsdy")?.date).toBe("2026-11-25");
    expect(at("wednsdy at 10")?.iso).toBe("2026-11-25T10:00:00+01:00");
    // "nëse" (if) is no slip of "nesër"; "kartën" (the card) none of "të martën", nor "Martin".
    expect(at("nese vjen ne 10")?.date).toBe("2026-11-20");
    expect(at("a mund te paguaj me karten?")).toBeNull();
    // "near 3", "close to 2": about that time, as "around 3".
    expect(at("Friday instead? ideally somewhere near 3")?.iso).toBe("2026-11-27T15:00:00+01:00");
    expect(at("close to 2 please")?.time).toBe("14:00");
    expect(at("Martin")).toBeNull();
    expect(at("te marten")?.date).toBe("2026-11-24");
  });

  it("does not take the day said with «not» / «jo»: «not Thursday but Friday»", () => {
    expect(at("book me a haircut at Ardit, not Thursday but Friday, 11am")?.iso).toBe("2026-11-27T11:00:00+01:00");
    expect(at("Friday, not Thursday, at 11")?.iso).toBe("2026-11-27T11:00:00+01:00");
    expect(at("jo te enjten por te premten")?.date).toBe("2026-11-27");
    expect(at("të premten, jo të enjten, në 10")?.iso).toBe("2026-11-27T10:00:00+01:00");
    expect(at("jo nesër, pasnesër në 9")?.iso).toBe("2026-11-22T09:00:00+01:00");
    // With no other day said, the day stays what was read.
    expect(at("not tomorrow")?.date).toBe("2026-11-21");
  });

  it("reads a time given as an example at a clause's end («…, like 3?»), not «I'd like 3»", () => {
    expect(at("my manicure on thursday - any chance for the afternoon instead, like 3?")?.iso).toBe("2026-11-26T15:00:00+01:00");
    expect(at("Friday, say 10?")?.iso).toBe("2026-11-27T10:00:00+01:00");
    // After a question mark, or opening the message.
    expect(at("can I come earlier the same day? like 11?")?.time).toBe("11:00");
    expect(at("like 11?")?.time).toBe("11:00");
  });

  it("reads the day said after «7 in the evening» («7 in the evening on thursday»)", () => {
    expect(at("7 in the evening on thursday")?.iso).toBe("2026-11-26T19:00:00+01:00");
    expect(at("at 9 in the morning on friday")?.iso).toBe("2026-11-27T09:00:00+01:00");
    expect(at("12 in the afternoon")?.time).toBe("12:00");
    expect(at("I'd like 3")).toBeNull();
    expect(at("I would like 3 please")).toBeNull();
  });

  it("reads a time said with «if possible» after the day («Thursday morning instead? 10 if possible»)", () => {
    expect(at("could you do Thursday morning instead? 10 if possible")?.iso).toBe("2026-11-26T10:00:00+01:00");
  });

  it("reads British «half 4» as half past four, not «half an hour»", () => {
    expect(at("a razor shave on Friday at half 4?")?.iso).toBe("2026-11-27T16:30:00+01:00");
    expect(at("tomorrow, half five")?.iso).toBe("2026-11-21T17:30:00+01:00");
    expect(at("half an hour later")).toBeNull();
  });

  it("reads the month first («dhjetor 4»), but not a street named after a month («Rruga Dhjetori 21»)", () => {
    expect(at("dhjetor 4 ora 16 e 30")?.iso).toBe("2026-12-04T16:30:00+01:00");
    expect(at("rruga Dhjetori 21")).toBeNull();
  });

  it("takes the most definite day of an English message: a date over «next week», a weekday over «evening»", () => {
    expect(at("visiting next week, but I want a trim on December 5th at 11")?.iso).toBe("2026-12-05T11:00:00+01:00");
    expect(at("Good evening! I'd like a massage on Wednesday at 4:30 pm")?.iso).toBe("2026-11-25T16:30:00+01:00");
  });

  it("reads «the 4th» without a month as that day of this month, or of the next once it has passed", () => {
    expect(at("on the 25th at 9am")?.iso).toBe("2026-11-25T09:00:00+01:00");
    expect(at("teeth whitening on the 4th at 9am")?.iso).toBe("2026-12-04T09:00:00+01:00");
    expect(at("the 1st of December")?.date).toBe("2026-12-01");
    // A duration is not a time of day.
    expect(at("about 10 minutes")?.time).not.toBe("10:00");
  });

  it("gives the other reading of «next Wednesday» said before this week's Wednesday, and takes the week once said", () => {
    const MON = new Date("2026-11-30T08:00:00+01:00");
    const read = (text: string, now = MON, nextWeekday?: "this" | "following") => {
      const r = parseWhen(text, { now, nextWeekday });
      return r && { date: r.date, time: r.time, orWeekLater: r.orWeekLater };
    };
    expect(read("next Wednesday")).toEqual({ date: "2026-12-02", time: undefined, orWeekLater: "2026-12-09" });
    expect(read("next wed at 3pm")).toEqual({ date: "2026-12-02", time: "15:00", orWeekLater: "2026-12-09" });
    expect(read("të mërkurën tjetër në 10")).toMatchObject({ date: "2026-12-02", orWeekLater: "2026-12-09" });
    expect(read("te dielen tjeter")).toMatchObject({ date: "2026-12-06", orWeekLater: "2026-12-13" });
    // One reading only: the coming one is already next week's, or the week is said, or «që vjen» (that comes).
    expect(read("next Monday")).toEqual({ date: "2026-12-07", time: undefined, orWeekLater: undefined });
    expect(read("next monday", FRI)?.orWeekLater).toBeUndefined();
    expect(read("Wednesday next week")).toMatchObject({ date: "2026-12-09", orWeekLater: undefined });
    expect(read("të mërkurën e javës tjetër")).toMatchObject({ date: "2026-12-09", orWeekLater: undefined });
    expect(read("te merkuren qe vjen")).toMatchObject({ date: "2026-12-02", orWeekLater: undefined });
    // "next Tuesday" on a Monday is not tomorrow (that is "tomorrow"): next week's.
    expect(read("next Tuesday 9:30am")).toEqual({ date: "2026-12-08", time: "09:30", orWeekLater: undefined });
    expect(read("te marten tjeter ne 8 e gjysme")).toEqual({ date: "2026-12-08", time: "08:30", orWeekLater: undefined });
    expect(read("next Tuesday", MON, "this")).toMatchObject({ date: "2026-12-01" });
    expect(read("this Wednesday")?.orWeekLater).toBeUndefined();
    expect(read("Wednesday")?.orWeekLater).toBeUndefined();
    // The customer's answer.
    expect(read("next Wednesday at 3pm", MON, "following")).toEqual({ date: "2026-12-09", time: "15:00", orWeekLater: undefined });
    expect(read("të mërkurën tjetër", MON, "this")).toEqual({ date: "2026-12-02", time: undefined, orWeekLater: undefined });
  });

  it("reads «pas mesditës» as the afternoon and «dy orë pas mesditës» as 14:00", () => {
    expect(at("të enjten dy orë pas mesditës")).toMatchObject({ date: "2026-11-26", time: "14:00" });
    expect(at("nesër 3 orë pas dreke")).toMatchObject({ date: "2026-11-21", time: "15:00" });
    expect(at("të enjten pas mesditës")).toMatchObject({ date: "2026-11-26", hasTime: false, pod: "afternoon" });
    expect(at("të enjten në mesditë")?.time).toBe("12:00");
    expect(at("pas 2 orësh")?.time).toBe("11:00"); // two hours from now, not after noon
  });

  it("reads «to 9» after a verb that moves as the hour: «bring it forward to 9», «push it back to 4»; not «to 12 December»", () => {
    expect(at("could you bring my cleaning forward to 9?")?.time).toBe("09:00");
    expect(at("push it back to 4")?.time).toBe("16:00");
    expect(at("move it to 12 december")).toMatchObject({ date: "2026-12-12", hasTime: false });
    expect(at("move it to the 9th")?.hasTime).toBe(false);
    // What is left of "could you push it to 12?" once the move's verb is cut off.
    expect(at("it to 12?")?.time).toBe("12:00");
    expect(at("it to 12 december")).toMatchObject({ date: "2026-12-12", hasTime: false });
  });
});
