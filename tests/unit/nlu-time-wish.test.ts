import { describe, expect, it } from "vitest";
import { parseTimeWish } from "../../core/nlu/when-wish.ts";

const opts = { now: new Date("2026-11-30T07:00:00Z"), timeZone: "Europe/Tirane" };
const wish = (text: string) => parseTimeWish(text, opts);

describe("a wish about the time of day", () => {
  it("reads parts of the day, with and without diacritics, Gheg and English", () => {
    expect(wish("pasdite")).toEqual({ from: "12:00", to: "18:00", said: { part: "afternoon" } });
    expect(wish("mbasdite")?.said).toEqual({ part: "afternoon" });
    expect(wish("pas dreke")?.said).toEqual({ part: "afternoon" });
    expect(wish("në mëngjes")).toEqual({ to: "12:00", said: { part: "morning" } });
    expect(wish("n'mengjes")?.said).toEqual({ part: "morning" });
    expect(wish("paradite")?.to).toBe("12:00");
    expect(wish("në drekë")).toEqual({ from: "12:00", to: "14:00", said: { part: "noon" } });
    expect(wish("mbrëmje")).toEqual({ from: "18:00", said: { part: "evening" } });
    expect(wish("afternoon")?.said).toEqual({ part: "afternoon" });
    expect(wish("in the morning")?.said).toEqual({ part: "morning" });
  });

  it("reads bounds, their hour read as a typed time", () => {
    expect(wish("pas orës 15")).toEqual({ from: "15:00", said: { after: "15:00" } });
    expect(wish("pas ores 3")?.from).toBe("15:00");
    expect(wish("para orës 12")).toEqual({ to: "12:00", said: { before: "12:00" } });
    expect(wish("after 3pm")?.from).toBe("15:00");
    expect(wish("before 11")?.to).toBe("11:00");
    // From a time on; a bare "from 4pm" is that time, unless the earliest is asked with it.
    expect(wish("from 4pm on, the earliest")).toEqual({ pick: "earliest", from: "16:00", said: { after: "16:00" } });
    expect(wish("from 4pm, the earliest")?.from).toBe("16:00");
    expect(wish("nga ora 4 e tutje")).toEqual({ from: "16:00", said: { after: "16:00" } });
    expect(wish("4pm onwards")?.from).toBe("16:00");
    expect(wish("16:00 or later")?.from).toBe("16:00");
    expect(wish("from 4pm")).toBeNull();
    expect(wish("from 10 to 12")).toBeNull();
  });

  it("reads the earliest and the latest, alone or with a part of the day", () => {
    for (const t of ["më e hershmja", "me e hershmja", "e para e lirë", "sa më herët", "the earliest", "as early as possible"]) expect(wish(t)?.pick).toBe("earliest");
    for (const t of ["the soonest you can", "as soon as you can", "sa më parë", "sa me pare"]) expect(wish(t)?.pick, t).toBe("earliest");
    expect(wish("after lunch")?.said).toEqual({ part: "afternoon" });
    expect(wish("before lunch")?.said).toEqual({ part: "morning" });
    for (const t of ["më e vona", "ma e vona", "sa më vonë", "the latest", "e fundit e lire"]) expect(wish(t)?.pick).toBe("latest");
    expect(wish("më e hershmja pasdite")).toEqual({ pick: "earliest", from: "12:00", to: "18:00", said: { part: "afternoon" } });
    expect(wish("first thing in the morning")).toEqual({ pick: "earliest", to: "12:00", said: { part: "morning" } });
  });

  it("reads «the first slot of the day» and «the last one you have»", () => {
    for (const t of ["first slot of the day", "brake replacement on Monday the 7th, first slot of the day", "në orën e parë", "termini i parë i ditës"]) expect(wish(t)?.pick, t).toBe("earliest");
    for (const t of ["the last one you have", "last slot of the day"]) expect(wish(t)?.pick, t).toBe("latest");
  });

  it("is not a wish when an exact time is given, or when nothing about the time is said", () => {
    for (const t of ["në 3 pasdite", "ora 7 e mbrëmjes", "nesër", "në 10", "i fundit", "a mund ta anuloj më vonë falas?", "herët", "Arben Krasniqi", "pas 3 ditësh në 11", "after 2 weeks", "sa përpara duhet të anuloj?"]) {
      expect(wish(t), t).toBeNull();
    }
  });

  it("a time said besides a bound is the one asked for: «pas orës 2? në 3 do ishte mirë»", () => {
    expect(wish("te premten pas ores 2? ne 3 do ishte mire")).toBeNull();
    expect(wish("te premten pas ores 2")?.said).toEqual({ after: "14:00" });
  });
});
