import { describe, expect, it } from "vitest";
import { zonedParts, zonedToUtc } from "../../core/clock.ts";
import { freeDays, freeSlots, nearestSlots, nextStartAt, startAt } from "../../core/availability/slots.ts";
import type { AvailabilityInput, OpeningHours } from "../../core/availability/types.ts";

const TZ = "Europe/Tirane";
const at = (date: string, time: string) => zonedToUtc(date, time, TZ);
const busy = (date: string, from: string, to: string) => ({ start: at(date, from), end: at(date, to) });
const times = (input: AvailabilityInput, date: string) => freeSlots(input, date).map((s) => s.time);

const weekday = [{ open: "09:00", close: "13:00" }, { open: "14:00", close: "19:00" }];
/** A salon: lunch break 13-14 on weekdays, short Saturday, closed on Sunday. */
const salonHours: OpeningHours = {
  "1": weekday, "2": weekday, "3": weekday, "4": weekday, "5": weekday,
  "6": [{ open: "09:00", close: "14:00" }],
};

// Monday 2026-11-16, 08:00 in Tirana (CET, UTC+1).
const MONDAY = "2026-11-16", TUESDAY = "2026-11-17", SUNDAY = "2026-11-22";
function salon(over: Partial<AvailabilityInput> = {}): AvailabilityInput {
  return {
    now: at(MONDAY, "08:00"), timeZone: TZ, openingHours: salonHours, closedDates: [],
    durationMin: 30, slotStepMin: 30, capacity: 1, minNoticeMin: 60, horizonDays: 30, busy: [], ...over,
  };
}

describe("freeSlots", () => {
  it("offers every step inside the opening hours and nothing in the lunch break", () => {
    const slots = freeSlots(salon(), TUESDAY);
    expect(slots.map((s) => s.time)).toEqual([
      "09:00", "09:30", "10:00", "10:30", "11:00", "11:30", "12:00", "12:30",
      "14:00", "14:30", "15:00", "15:30", "16:00", "16:30", "17:00", "17:30", "18:00", "18:30",
    ]);
    expect(slots[0].start.toISOString()).toBe("2026-11-17T08:00:00.000Z");
    expect(slots[0].end.toISOString()).toBe("2026-11-17T08:30:00.000Z");
    expect(slots.every((s) => s.date === TUESDAY)).toBe(true);
  });

  it("fits a service longer than the step wholly inside one interval", () => {
    const t = times(salon({ durationMin: 90 }), TUESDAY);
    expect(t).toEqual([
      "09:00", "09:30", "10:00", "10:30", "11:00", "11:30",
      "14:00", "14:30", "15:00", "15:30", "16:00", "16:30", "17:00", "17:30",
    ]);
    // A 90-minute booking from 12:00 would run into the break; one at 17:30 ends exactly at closing.
    const blocked = times(salon({ durationMin: 90, busy: [busy(TUESDAY, "10:00", "10:30")] }), TUESDAY);
    expect(blocked.slice(0, 3)).toEqual(["10:30", "11:00", "11:30"]);
  });

  it("has nothing on a closed date or a closed weekday", () => {
    expect(freeSlots(salon({ closedDates: [TUESDAY] }), TUESDAY)).toEqual([]);
    expect(times(salon({ closedDates: [TUESDAY] }), "2026-11-18")).toHaveLength(18);
    expect(freeSlots(salon(), SUNDAY)).toEqual([]);
    expect(times(salon(), "2026-11-21")).toHaveLength(10); // Saturday 09-14
  });

  it("with capacity 2, one booking leaves the time free and two overlapping ones take it", () => {
    const one = salon({ capacity: 2, busy: [busy(TUESDAY, "10:00", "10:30")] });
    expect(times(one, TUESDAY)).toContain("10:00");
    const two = salon({ capacity: 2, busy: [busy(TUESDAY, "10:00", "10:30"), busy(TUESDAY, "10:15", "11:00")] });
    const t = times(two, TUESDAY);
    expect(t).not.toContain("10:00"); // both overlap 10:15-10:30
    expect(t).toContain("10:30"); // only one booking left after 10:30
    expect(t).toContain("09:30"); // back-to-back: ends exactly at 10:00
  });

  it("with capacity 2, two bookings that never overlap each other do not block", () => {
    const input = salon({ capacity: 2, busy: [busy(TUESDAY, "09:45", "10:15"), busy(TUESDAY, "10:15", "10:45")] });
    expect(times(input, TUESDAY)).toContain("10:00");
    const single = times(salon({ capacity: 1, busy: input.busy }), TUESDAY);
    expect(single.slice(0, 3)).toEqual(["09:00", "11:00", "11:30"]);
  });

  it("keeps the minimum notice from now", () => {
    const now = at(MONDAY, "10:05");
    expect(times(salon({ now }), MONDAY)[0]).toBe("11:30");
    expect(times(salon({ now: at(MONDAY, "10:00") }), MONDAY)[0]).toBe("11:00");
    expect(times(salon({ now: at(MONDAY, "10:00"), minNoticeMin: 0 }), MONDAY)[0]).toBe("10:00");
    expect(freeSlots(salon({ now: at(MONDAY, "18:45") }), MONDAY)).toEqual([]);
  });

  it("offers nothing past the horizon or before today", () => {
    const input = salon({ horizonDays: 3 });
    expect(times(input, "2026-11-19")).toHaveLength(18); // today + 3
    expect(freeSlots(input, "2026-11-20")).toEqual([]);
    expect(freeSlots(input, "2026-11-13")).toEqual([]);
  });
});

describe("freeSlots across daylight-saving changes in Tirana", () => {
  const night = { open: "00:00", close: "04:00" };
  const allWeek: OpeningHours = { "0": [night], "1": [night], "2": [night], "3": [night], "4": [night], "5": [night], "6": [night] };
  const dst = (now: string, over: Partial<AvailabilityInput> = {}) =>
    salon({ now: new Date(now), openingHours: allWeek, minNoticeMin: 0, ...over });
  const utc = (s: { start: Date }) => s.start.toISOString().slice(11, 16);

  it("offers each wall-clock time once when 02:00-03:00 repeats (2026-10-25)", () => {
    const slots = freeSlots(dst("2026-10-20T12:00:00Z"), "2026-10-25");
    expect(slots.map((s) => s.time)).toEqual(["00:00", "00:30", "01:00", "01:30", "02:00", "02:30", "03:00", "03:30"]);
    expect(slots.map(utc)).toEqual(["22:00", "22:30", "23:00", "23:30", "00:00", "00:30", "02:00", "02:30"]);
    expect(slots[0].start.toISOString()).toBe("2026-10-24T22:00:00.000Z");
    for (const s of slots) expect(zonedParts(s.start, TZ).time).toBe(s.time);
  });

  it("skips the missing hour 02:00-03:00 (2027-03-28)", () => {
    const slots = freeSlots(dst("2027-03-20T12:00:00Z"), "2027-03-28");
    expect(slots.map((s) => s.time)).toEqual(["00:00", "00:30", "01:00", "01:30", "03:00", "03:30"]);
    expect(slots.map(utc)).toEqual(["23:00", "23:30", "00:00", "00:30", "01:00", "01:30"]);
    // 60 minutes from 01:30 CET ends at 03:30 CEST, still before closing.
    const hour = freeSlots(dst("2027-03-20T12:00:00Z", { durationMin: 60 }), "2027-03-28");
    expect(hour.at(-1)!.time).toBe("03:00");
    expect(hour.find((s) => s.time === "01:30")!.end.toISOString()).toBe("2027-03-28T01:30:00.000Z");
  });

  it("does not invent or duplicate slots when the opening time falls in the gap", () => {
    const gap: OpeningHours = { "0": [{ open: "02:30", close: "05:00" }] };
    const hourly = freeSlots(dst("2027-03-20T12:00:00Z", { openingHours: gap, slotStepMin: 60, durationMin: 60 }), "2027-03-28");
    expect(hourly.map((s) => s.time)).toEqual(["03:30"]);
    expect(hourly[0].start.toISOString()).toBe("2027-03-28T01:30:00.000Z");
    const half = freeSlots(dst("2027-03-20T12:00:00Z", { openingHours: gap }), "2027-03-28");
    expect(half.map((s) => s.time)).toEqual(["03:00", "03:30", "04:00", "04:30"]);
    expect(new Set(half.map((s) => s.start.getTime())).size).toBe(half.length);
  });

  it("moves daytime slots by the offset change, not the wall clock", () => {
    const day: OpeningHours = { "0": [{ open: "09:00", close: "10:00" }], "6": [{ open: "09:00", close: "10:00" }] };
    const input = dst("2026-10-20T12:00:00Z", { openingHours: day });
    expect(freeSlots(input, "2026-10-24").map(utc)).toEqual(["07:00", "07:30"]);
    expect(freeSlots(input, "2026-10-25").map(utc)).toEqual(["08:00", "08:30"]);
    const spring = dst("2027-03-20T12:00:00Z", { openingHours: day });
    expect(freeSlots(spring, "2027-03-27").map(utc)).toEqual(["08:00", "08:30"]);
    expect(freeSlots(spring, "2027-03-28").map(utc)).toEqual(["07:00", "07:30"]);
  });
});

describe("freeDays", () => {
  it("lists the next days with free slots, skipping full, closed and past-notice days", () => {
    const input = salon({
      now: at(MONDAY, "18:45"),
      closedDates: ["2026-11-18"],
      busy: [busy(TUESDAY, "09:00", "13:00"), busy(TUESDAY, "14:00", "19:00"), busy("2026-11-19", "09:00", "18:00")],
    });
    expect(freeDays(input, 4)).toEqual([
      { date: "2026-11-19", count: 2 },
      { date: "2026-11-20", count: 18 },
      { date: "2026-11-21", count: 10 },
      { date: "2026-11-23", count: 18 },
    ]);
  });

  it("stops at the horizon", () => {
    const days = freeDays(salon({ horizonDays: 6 }), 30);
    expect(days.map((d) => d.date)).toEqual(["2026-11-16", "2026-11-17", "2026-11-18", "2026-11-19", "2026-11-20", "2026-11-21"]);
    expect(days[0].count).toBe(18); // now is 08:00, notice 60 min: 09:00 is still bookable
  });
});

describe("nearestSlots", () => {
  it("offers the free slots closest to a taken time, nearest first, earlier on ties", () => {
    const input = salon({ busy: [busy(TUESDAY, "10:00", "10:30")] });
    const near = nearestSlots(input, at(TUESDAY, "10:00"), 4);
    expect(near.map((s) => s.time)).toEqual(["09:30", "10:30", "09:00", "11:00"]);
  });

  it("keeps the same day first and then looks at the days around it", () => {
    const input = salon({ busy: [busy("2026-11-18", "09:00", "13:00"), busy("2026-11-18", "14:00", "18:30")] });
    const near = nearestSlots(input, at("2026-11-18", "10:00"), 3);
    expect(near.map((s) => `${s.date} ${s.time}`)).toEqual(["2026-11-18 18:30", "2026-11-17 18:30", "2026-11-17 18:00"]);
    // Further out, the nearer neighbour wins: Thursday 09:00 (23 h) before Tuesday 09:00 (25 h).
    const more = nearestSlots(input, at("2026-11-18", "10:00"), 40).map((s) => `${s.date} ${s.time}`);
    expect(more.indexOf("2026-11-19 09:00")).toBeLessThan(more.indexOf("2026-11-17 09:00"));
    // 1 on Wednesday + 18 each on Tuesday and Thursday, and only then two days away.
    expect(new Set(more.slice(0, 37).map((s) => s.slice(0, 10)))).toEqual(new Set(["2026-11-17", "2026-11-18", "2026-11-19"]));
    expect(more.slice(37)).toEqual(["2026-11-16 18:30", "2026-11-16 18:00", "2026-11-16 17:30"]);
  });

  it("never offers a slot before now or past the horizon", () => {
    const input = salon({ now: at(MONDAY, "17:00"), horizonDays: 1 });
    const near = nearestSlots(input, at(MONDAY, "09:00"), 5);
    expect(near.map((s) => `${s.date} ${s.time}`)).toEqual([
      "2026-11-16 18:00", "2026-11-16 18:30", "2026-11-17 09:00", "2026-11-17 09:30", "2026-11-17 10:00",
    ]);
  });
});

describe("startAt", () => {
  const min = (hm: string) => Number(hm.slice(0, 2)) * 60 + Number(hm.slice(3));
  it("tells a start, a time between starts and a time outside the opening hours, by the same rules as the slots", () => {
    expect(startAt(salonHours, 30, 1, min("10:30"))).toBe("start");
    expect(startAt(salonHours, 30, 1, min("16:15"))).toBe("offGrid");
    expect(startAt(salonHours, 30, 1, min("13:30"))).toBe("closed");
    expect(startAt(salonHours, 30, 0, min("10:00"))).toBe("closed");
    // Every start freeSlots offers is a start here.
    for (const t of times(salon(), TUESDAY)) expect(startAt(salonHours, 30, 2, min(t)), t).toBe("start");
  });
});

describe("nextStartAt", () => {
  const min = (hm: string) => Number(hm.slice(0, 2)) * 60 + Number(hm.slice(3));
  it("is the time itself on a start, the next start between starts, the next opening's first across a break, none after closing", () => {
    expect(nextStartAt(salonHours, 30, 1, min("10:30"))).toBe(min("10:30"));
    expect(nextStartAt(salonHours, 30, 1, min("15:45"))).toBe(min("16:00"));
    expect(nextStartAt(salonHours, 30, 1, min("12:50"))).toBe(min("14:00"));
    expect(nextStartAt(salonHours, 30, 1, min("19:00"))).toBeNull();
    expect(nextStartAt(salonHours, 30, 0, min("10:00"))).toBeNull();
  });
});
